"""Registration through the one door: quotas and the board's override, withdraw and restore, the
registration window, double submits, last year's entries carried on, replicated models.
"""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from campaigns.choices import CampaignState, EntryKind, EntryState
from campaigns.models import Entry, EntryEvent, QuotaOverride
from campaigns.services import quotas, registration, review

from .factories import EntryFactory

pytestmark = pytest.mark.django_db


def _submitted(campaign, unit, by, **fields):
    return registration.submit_entry(entry=EntryFactory(campaign=campaign, unit=unit, by=by, **fields), by=by)


def test_a_cell_cannot_submit_a_second_model_and_the_message_names_the_quota(
    campaign, tay_ho, staff_nhat_tan
):
    cell = tay_ho.nhat_tan_cells[0]
    _submitted(campaign, cell, staff_nhat_tan)
    second = EntryFactory(campaign=campaign, unit=cell, by=staff_nhat_tan)
    with pytest.raises(ValidationError) as error:
        registration.submit_entry(entry=second, by=staff_nhat_tan)
    assert "chi bộ" in error.value.messages[0] and "tối đa 1" in error.value.messages[0]
    second.refresh_from_db()
    assert second.state == EntryState.DRAFT


def test_the_boards_override_lifts_the_limit_for_that_unit_only(campaign, tay_ho, staff_nhat_tan, reviewer):
    cell, other_cell = tay_ho.nhat_tan_cells
    quotas.override_quota(
        campaign=campaign,
        unit=cell,
        models_max=2,
        exemplars_max=1,
        reason="Chi bộ có 2 mô hình tốt",
        by=reviewer,
    )
    _submitted(campaign, cell, staff_nhat_tan)
    assert _submitted(campaign, cell, staff_nhat_tan).state == EntryState.SUBMITTED
    _submitted(campaign, other_cell, staff_nhat_tan)
    with pytest.raises(ValidationError):
        _submitted(campaign, other_cell, staff_nhat_tan)
    override = QuotaOverride.objects.get()
    assert (override.reason, override.decided_by) == ("Chi bộ có 2 mô hình tốt", reviewer)


def test_an_override_without_a_reason_is_refused_and_nothing_is_written(campaign, tay_ho, reviewer):
    with pytest.raises(ValidationError) as error:
        quotas.override_quota(
            campaign=campaign, unit=tay_ho.nhat_tan, models_max=5, exemplars_max=5, reason="  ", by=reviewer
        )
    assert "lý do" in error.value.messages[0]
    assert not QuotaOverride.objects.exists()


def test_the_same_override_twice_changes_nothing_and_a_new_one_replaces_it(campaign, tay_ho, reviewer):
    args = {"campaign": campaign, "unit": tay_ho.nhat_tan, "exemplars_max": 3, "by": reviewer}
    first = quotas.override_quota(models_max=4, reason="Phường điểm", **args)
    again = quotas.override_quota(models_max=4, reason="Phường điểm", **args)
    assert again.decided_at == first.decided_at
    quotas.override_quota(models_max=5, reason="Phường điểm của quận", **args)
    assert list(QuotaOverride.objects.values_list("models_max", "reason")) == [(5, "Phường điểm của quận")]


def test_withdrawing_a_submitted_entry_frees_its_place_in_the_quota(campaign, tay_ho, staff_nhat_tan):
    cell = tay_ho.nhat_tan_cells[0]
    first = _submitted(campaign, cell, staff_nhat_tan)
    registration.withdraw_entry(entry=first, by=staff_nhat_tan, reason="Đăng ký nhầm")
    registration.withdraw_entry(entry=first, by=staff_nhat_tan, reason="Đăng ký nhầm")  # a second click
    assert _submitted(campaign, cell, staff_nhat_tan).state == EntryState.SUBMITTED
    assert list(first.events.values_list("to_state", "comment")) == [
        ("draft", "Tạo bản nháp"),
        ("submitted", ""),
        ("withdrawn", "Đăng ký nhầm"),
    ]


def test_a_withdrawn_entry_comes_back_as_a_draft(campaign, tay_ho, staff_nhat_tan):
    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan)
    registration.withdraw_entry(entry=entry, by=staff_nhat_tan)
    assert registration.restore_entry(entry=entry, by=staff_nhat_tan).state == EntryState.DRAFT


def test_an_accepted_entry_cannot_be_withdrawn_by_the_unit(campaign, tay_ho, staff_nhat_tan, reviewer):
    entry = review.accept_entry(entry=_submitted(campaign, tay_ho.nhat_tan, staff_nhat_tan), by=reviewer)
    with pytest.raises(ValidationError) as error:
        registration.withdraw_entry(entry=entry, by=staff_nhat_tan)
    assert "Ban Dân vận" in error.value.messages[0]


def test_after_the_deadline_nothing_can_be_registered_edited_submitted_or_withdrawn(
    campaign, tay_ho, staff_nhat_tan, nhat_tan_client
):
    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan)
    campaign.registration_closes = timezone.localdate() - datetime.timedelta(days=1)
    campaign.save()
    entry.refresh_from_db()
    for call in (
        lambda: registration.update_entry(entry=entry, by=staff_nhat_tan, title="Đổi tên"),
        lambda: registration.submit_entry(entry=entry, by=staff_nhat_tan),
        lambda: registration.withdraw_entry(entry=entry, by=staff_nhat_tan),
        lambda: EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan),
    ):
        with pytest.raises(ValidationError):
            call()
    page = nhat_tan_client.get(reverse("entry_detail", args=[entry.pk])).content.decode()
    closes = f"{campaign.registration_closes:%d/%m/%Y}"
    assert f"Đã hết hạn đăng ký (hạn cuối là ngày {closes})" in page
    assert reverse("entry_edit", args=[entry.pk]) not in page
    dashboard = nhat_tan_client.get(reverse("unit_detail", args=["nhat-tan"])).content.decode()
    assert "Đã hết hạn đăng ký" in dashboard and "Đăng ký mô hình</a>" not in dashboard
    entry.refresh_from_db()
    assert (entry.title, entry.state) != ("Đổi tên", EntryState.SUBMITTED)
    assert Entry.objects.count() == 1


def test_before_registration_opens_the_page_says_from_when(campaign, tay_ho, nhat_tan_client):
    campaign.state = CampaignState.PLANNED
    campaign.registration_opens = timezone.localdate() + datetime.timedelta(days=3)
    campaign.save()
    page = nhat_tan_client.get(reverse("unit_detail", args=["nhat-tan"])).content.decode()
    assert f"đăng ký mở từ ngày {campaign.registration_opens:%d/%m/%Y}" in page


def test_the_same_registration_form_posted_twice_makes_one_draft(nhat_tan_client, campaign, tay_ho):
    data = {
        "unit": tay_ho.nhat_tan.pk,
        "kind": "model",
        "title": "Dân vận khéo trong giải phóng mặt bằng",
        "field": "economy",
        "form_token": str(uuid.uuid4()),
        "submit": "1",
    }
    first = nhat_tan_client.post(reverse("entry_create", args=["nhat-tan"]), data)
    second = nhat_tan_client.post(reverse("entry_create", args=["nhat-tan"]), data)
    entry = Entry.objects.get()
    assert first.url == second.url == reverse("entry_detail", args=[entry.pk])
    assert entry.state == EntryState.SUBMITTED
    assert entry.events.count() == 2  # created, submitted: not twice
    page = nhat_tan_client.get(second.url).content.decode()
    assert "đã được gửi trước đó" in page and "không được lưu" not in page


def test_saving_over_a_newer_version_from_another_tab_is_refused(
    nhat_tan_client, campaign, tay_ho, staff_nhat_tan
):
    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Tên cũ")
    stale = entry.version
    registration.update_entry(entry=entry, by=staff_nhat_tan, objectives="Sửa ở tab thứ nhất")
    response = nhat_tan_client.post(
        reverse("entry_edit", args=[entry.pk]),
        {
            "unit": tay_ho.nhat_tan.pk,
            "kind": "model",
            "title": "Tên mới",
            "field": "economy",
            "version": stale,
        },
    )
    assert "Thay đổi của bạn chưa được lưu" in response.content.decode()
    assert "Tên mới" in response.content.decode()  # what was typed is still on the form
    entry.refresh_from_db()
    assert (entry.title, entry.objectives) == ("Tên cũ", "Sửa ở tab thứ nhất")


def test_last_years_accepted_model_is_carried_into_this_year_in_one_click(
    nhat_tan_client, campaign, last_year, tay_ho, staff_nhat_tan, reviewer
):
    old = Entry.objects.create(
        campaign=last_year,
        unit=tay_ho.nhat_tan,
        kind=EntryKind.MODEL,
        title="Bữa cơm nghĩa tình",
        field="culture_society",
        objectives="100 suất mỗi tháng",
        state=EntryState.ACCEPTED,
    )
    dashboard = nhat_tan_client.get(reverse("unit_detail", args=["nhat-tan"])).content.decode()
    assert "Bữa cơm nghĩa tình" in dashboard and "Tiếp nối sang năm 2024" in dashboard
    url = reverse("entry_continue", args=[old.pk])
    first = nhat_tan_client.post(url)
    second = nhat_tan_client.post(url)
    copy = Entry.objects.get(campaign=campaign)
    assert first.url == second.url == reverse("entry_detail", args=[copy.pk])
    assert (copy.title, copy.objectives, copy.continued_from, copy.state) == (
        "Bữa cơm nghĩa tình",
        "100 suất mỗi tháng",
        old,
        EntryState.DRAFT,
    )
    assert (
        "Tiếp nối sang năm"
        not in nhat_tan_client.get(reverse("unit_detail", args=["nhat-tan"])).content.decode()
    )


def test_another_wards_entry_cannot_be_carried_on(client, campaign, last_year, tay_ho, staff_quang_an):
    old = Entry.objects.create(
        campaign=last_year,
        unit=tay_ho.nhat_tan,
        kind="model",
        title="Của Nhật Tân",
        field="economy",
        state=EntryState.ACCEPTED,
    )
    client.force_login(staff_quang_an)
    assert client.post(reverse("entry_continue", args=[old.pk])).status_code == 404
    assert not Entry.objects.filter(campaign=campaign).exists()


def test_a_model_marks_the_accepted_model_it_replicates(
    campaign, last_year, tay_ho, staff_nhat_tan, staff_quang_an
):
    source = Entry.objects.create(
        campaign=last_year,
        unit=tay_ho.quang_an,
        kind="model",
        title="Tuyến phố văn minh",
        field="culture_society",
        state=EntryState.ACCEPTED,
    )
    copy = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, replicates=source)
    assert copy.replicates == source and list(source.replications.all()) == [copy]
    draft = EntryFactory(campaign=campaign, unit=tay_ho.quang_an, by=staff_quang_an)
    with pytest.raises(ValidationError) as error:
        EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, replicates=draft)
    assert "đã được duyệt" in error.value.messages[0]


def test_a_double_click_on_submit_writes_one_event(nhat_tan_client, campaign, tay_ho, staff_nhat_tan):
    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan)
    url = reverse("entry_submit", args=[entry.pk])
    nhat_tan_client.post(url)
    nhat_tan_client.post(url)
    assert EntryEvent.objects.filter(entry=entry, to_state=EntryState.SUBMITTED).count() == 1


def test_continuing_the_same_entry_twice_through_the_service_makes_one_copy(
    campaign, last_year, tay_ho, staff_nhat_tan
):
    old = Entry.objects.create(
        campaign=last_year,
        unit=tay_ho.nhat_tan,
        kind="model",
        title="Năm trước",
        field="economy",
        state=EntryState.ACCEPTED,
    )
    first = registration.continue_entry(source=old, campaign=campaign, by=staff_nhat_tan)
    again = registration.register_entry(
        campaign=campaign,
        unit=tay_ho.nhat_tan,
        by=staff_nhat_tan,
        continued_from=old,
        kind="model",
        title="Bản sao khác",
        field="economy",
    )
    assert again.pk == first.pk and Entry.objects.filter(campaign=campaign).count() == 1
    with pytest.raises(ValidationError):
        registration.continue_entry(source=first, campaign=last_year, by=staff_nhat_tan)


def test_another_users_form_token_never_opens_their_entry(
    client, campaign, tay_ho, staff_nhat_tan, staff_quang_an
):
    token = uuid.uuid4()
    theirs = registration.register_entry(
        campaign=campaign,
        unit=tay_ho.nhat_tan,
        by=staff_nhat_tan,
        form_token=token,
        kind="model",
        title="Của Nhật Tân",
        field="economy",
    )
    client.force_login(staff_quang_an)
    response = client.post(
        reverse("entry_create", args=["quang-an"]),
        {
            "unit": tay_ho.quang_an.pk,
            "kind": "model",
            "title": "Của Quảng An",
            "field": "economy",
            "form_token": str(token),
            "submit": "1",
        },
    )
    ours = Entry.objects.get(title="Của Quảng An")
    assert response.url == reverse("entry_detail", args=[ours.pk]) and ours.unit == tay_ho.quang_an
    theirs.refresh_from_db()
    assert (theirs.state, theirs.events.count()) == (EntryState.DRAFT, 1)


def test_back_then_save_again_updates_the_draft_instead_of_losing_the_new_text(
    nhat_tan_client, campaign, tay_ho
):
    data = {
        "unit": tay_ho.nhat_tan.pk,
        "kind": "model",
        "title": "Tên đầu",
        "field": "economy",
        "form_token": str(uuid.uuid4()),
    }
    nhat_tan_client.post(reverse("entry_create", args=["nhat-tan"]), data)
    response = nhat_tan_client.post(
        reverse("entry_create", args=["nhat-tan"]), {**data, "title": "Tên sửa lại"}, follow=True
    )
    assert Entry.objects.get().title == "Tên sửa lại"
    assert "đã cập nhật nội dung mới" in response.content.decode()


def test_a_returned_entry_keeps_its_place_so_it_can_be_sent_again(campaign, tay_ho, staff_nhat_tan, reviewer):
    cell = tay_ho.nhat_tan_cells[0]
    first = _submitted(campaign, cell, staff_nhat_tan)
    review.return_entry(entry=first, by=reviewer, reason="Bổ sung")
    other = EntryFactory(campaign=campaign, unit=cell, by=staff_nhat_tan)
    with pytest.raises(ValidationError) as error:
        registration.submit_entry(entry=other, by=staff_nhat_tan)
    assert "kể cả 1 hồ sơ đang được trả lại để bổ sung" in error.value.messages[0]
    assert registration.submit_entry(entry=first, by=staff_nhat_tan).state == EntryState.RESUBMITTED


def test_a_returned_entry_cannot_be_moved_into_a_cell_whose_quota_is_full(
    campaign, tay_ho, staff_nhat_tan, reviewer
):
    full_cell, other_cell = tay_ho.nhat_tan_cells
    _submitted(campaign, full_cell, staff_nhat_tan, title="Đã đủ chỉ tiêu")
    returned = _submitted(campaign, other_cell, staff_nhat_tan, title="Bị trả lại")
    review.return_entry(entry=returned, by=reviewer, reason="Bổ sung")
    with pytest.raises(ValidationError, match="Vượt chỉ tiêu"):
        registration.update_entry(entry=returned, by=staff_nhat_tan, unit=full_cell)
    returned.refresh_from_db()
    assert returned.unit == other_cell
    # A draft holds no place: it may move, and is checked when it is sent.
    draft = EntryFactory(campaign=campaign, unit=other_cell, by=staff_nhat_tan, title="Bản nháp")
    assert registration.update_entry(entry=draft, by=staff_nhat_tan, unit=full_cell).unit == full_cell


def test_buttons_that_change_nothing_say_so(
    nhat_tan_client, campaign, last_year, tay_ho, staff_nhat_tan, reviewer
):
    entry = review.accept_entry(entry=_submitted(campaign, tay_ho.nhat_tan, staff_nhat_tan), by=reviewer)
    page = nhat_tan_client.post(reverse("entry_submit", args=[entry.pk]), follow=True).content.decode()
    assert "đã được gửi trước đó" in page and "Đã gửi “" not in page
    page = nhat_tan_client.post(reverse("entry_restore", args=[entry.pk]), follow=True).content.decode()
    assert "không ở trạng thái đã rút" in page
    old = Entry.objects.create(
        campaign=last_year,
        unit=tay_ho.nhat_tan,
        kind="model",
        title="Năm trước",
        field="economy",
        state=EntryState.ACCEPTED,
    )
    nhat_tan_client.post(reverse("entry_continue", args=[old.pk]))
    page = nhat_tan_client.get(reverse("entry_detail", args=[old.pk])).content.decode()
    assert "Tiếp nối sang năm 2024" not in page and "Được tiếp nối ở" in page
    page = nhat_tan_client.post(reverse("entry_continue", args=[old.pk]), follow=True).content.decode()
    assert "đã được tiếp nối sang năm 2024" in page


def test_an_unlikely_start_date_and_null_characters_get_vietnamese_messages(
    nhat_tan_client, campaign, tay_ho
):
    response = nhat_tan_client.post(
        reverse("entry_create", args=["nhat-tan"]),
        {
            "unit": tay_ho.nhat_tan.pk,
            "kind": "model",
            "title": "Tên\x00lạ",
            "field": "economy",
            "start_date": "31/12/9999",
        },
    )
    page = response.content.decode()
    assert "không hợp lý cho phong trào năm 2024" in page and "ký tự rỗng NUL" in page
    assert "Null characters" not in page and not Entry.objects.exists()
    listing = nhat_tan_client.get(reverse("entry_list"), {"q": "a\x00b"}).content.decode()
    assert "Null characters" not in listing
