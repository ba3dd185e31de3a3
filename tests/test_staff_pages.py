"""Ward staff in the browser: their unit's page, registration, submission, and 404 for others."""

import re

import pytest
from django.urls import reverse

from campaigns.choices import EntryState
from campaigns.models import Entry
from campaigns.services import registration, review

from .factories import PASSWORD, EntryFactory

pytestmark = pytest.mark.django_db


def test_staff_lands_on_their_ward_page_after_logging_in(client, staff_nhat_tan, campaign):
    response = client.post(reverse("login"), {"username": "canbo.nhattan", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("unit_detail", args=["nhat-tan"])
    assert "Đảng ủy phường Nhật Tân" in response.content.decode()


def test_a_wrong_password_gets_a_vietnamese_message(client, staff_nhat_tan):
    response = client.post(reverse("login"), {"username": "canbo.nhattan", "password": "sai"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login_page(client, tay_ho):
    response = client.get(reverse("unit_detail", args=["nhat-tan"]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_ward_page_shows_entries_of_the_ward_and_its_cells_with_quota_counts(
    nhat_tan_client, campaign, tay_ho, staff_nhat_tan, staff_quang_an
):
    cell = tay_ho.nhat_tan_cells[0]
    own = EntryFactory(campaign=campaign, unit=cell, by=staff_nhat_tan, title="Bữa cơm nghĩa tình")
    registration.submit_entry(entry=own, by=staff_nhat_tan)
    EntryFactory(campaign=campaign, unit=tay_ho.quang_an, by=staff_quang_an, title="Mô hình của Quảng An")
    listing = nhat_tan_client.get(reverse("entry_list")).content.decode()
    assert "Bữa cơm nghĩa tình" in listing
    assert "Mô hình của Quảng An" not in listing
    page = nhat_tan_client.get(reverse("unit_detail", args=["nhat-tan"])).content.decode()
    page = re.sub(r"<[^>]+>", "", page)
    assert "1 / 1" in page  # the cell: one model registered against a quota of exactly one
    assert "0 / 2–3" in page and "chưa đủ" in page  # the ward itself is short


def test_another_wards_page_and_entries_answer_404(nhat_tan_client, campaign, tay_ho, staff_quang_an):
    theirs = EntryFactory(campaign=campaign, unit=tay_ho.quang_an, by=staff_quang_an)
    for url in (
        reverse("unit_detail", args=["quang-an"]),
        reverse("unit_detail", args=["quang-an-cb-1"]),
        reverse("unit_detail", args=["quan-uy-tay-ho"]),
        reverse("entry_create", args=["quang-an"]),
        reverse("entry_detail", args=[theirs.pk]),
        reverse("entry_edit", args=[theirs.pk]),
    ):
        assert nhat_tan_client.get(url).status_code == 404, url
    assert nhat_tan_client.post(reverse("entry_submit", args=[theirs.pk])).status_code == 404
    assert Entry.objects.get(pk=theirs.pk).state == EntryState.DRAFT


def test_staff_registers_a_model_for_a_cell_and_submits_it(nhat_tan_client, campaign, tay_ho):
    cell = tay_ho.nhat_tan_cells[1]
    response = nhat_tan_client.post(
        reverse("entry_create", args=["nhat-tan"]),
        {
            "unit": cell.pk,
            "kind": "model",
            "title": "Tổ dân phố không rác thải nhựa",
            "field": "culture_society",
            "start_date": "15/02/2024",
            "submit": "1",
        },
    )
    entry = Entry.objects.get()
    assert response.status_code == 302 and response.url == reverse("entry_detail", args=[entry.pk])
    assert (entry.unit, entry.state, entry.start_date.isoformat()) == (
        cell,
        EntryState.SUBMITTED,
        "2024-02-15",
    )
    assert list(entry.events.values_list("to_state", flat=True)) == ["draft", "submitted"]


def test_a_missing_title_keeps_what_was_typed_and_says_what_is_missing(nhat_tan_client, campaign, tay_ho):
    response = nhat_tan_client.post(
        reverse("entry_create", args=["nhat-tan"]),
        {
            "unit": tay_ho.nhat_tan.pk,
            "kind": "model",
            "title": "",
            "field": "economy",
            "objectives": "Giảm 50% rác thải nhựa",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hãy nhập tên mô hình hoặc điển hình." in page
    assert "Giảm 50% rác thải nhựa" in page
    assert not Entry.objects.exists()


def test_a_field_not_among_the_four_is_refused(nhat_tan_client, campaign, tay_ho):
    response = nhat_tan_client.post(
        reverse("entry_create", args=["nhat-tan"]),
        {"unit": tay_ho.nhat_tan.pk, "kind": "model", "title": "Thể thao", "field": "sport"},
    )
    assert "Lĩnh vực phải là một trong bốn lĩnh vực" in response.content.decode()
    assert not Entry.objects.exists()


def test_a_unit_outside_the_staff_subtree_is_refused_in_the_form(nhat_tan_client, campaign, tay_ho):
    response = nhat_tan_client.post(
        reverse("entry_create", args=["nhat-tan"]),
        {"unit": tay_ho.quang_an_cells[0].pk, "kind": "model", "title": "Lấn sân", "field": "economy"},
    )
    assert "Đơn vị này không thuộc phạm vi của bạn." in response.content.decode()
    assert not Entry.objects.exists()


def test_an_exemplar_without_its_subject_shows_errors_next_to_the_fields(nhat_tan_client, campaign, tay_ho):
    response = nhat_tan_client.post(
        reverse("entry_create", args=["nhat-tan"]),
        {"unit": tay_ho.nhat_tan.pk, "kind": "exemplar", "title": "Điển hình", "field": "economy"},
    )
    page = response.content.decode()
    assert 'id="id_subject_name_error"' in page and 'id="id_subject_kind_error"' in page
    assert 'aria-describedby="id_subject_name_helptext id_subject_name_error"' in page
    assert not Entry.objects.exists()


def test_submitting_above_the_quota_shows_the_reason(nhat_tan_client, campaign, tay_ho, staff_nhat_tan):
    cell = tay_ho.nhat_tan_cells[0]
    registration.submit_entry(
        entry=EntryFactory(campaign=campaign, unit=cell, by=staff_nhat_tan), by=staff_nhat_tan
    )
    extra = EntryFactory(campaign=campaign, unit=cell, by=staff_nhat_tan)
    response = nhat_tan_client.post(reverse("entry_submit", args=[extra.pk]), follow=True)
    assert "Vượt chỉ tiêu" in response.content.decode()
    assert Entry.objects.get(pk=extra.pk).state == EntryState.DRAFT


def test_staff_edits_a_returned_entry_and_sees_the_reason(
    nhat_tan_client, campaign, tay_ho, staff_nhat_tan, reviewer
):
    entry = registration.submit_entry(
        entry=EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan), by=staff_nhat_tan
    )
    review.return_entry(entry=entry, by=reviewer, reason="Bổ sung nguồn lực")
    assert (
        "Bổ sung nguồn lực" in nhat_tan_client.get(reverse("entry_detail", args=[entry.pk])).content.decode()
    )
    response = nhat_tan_client.post(
        reverse("entry_edit", args=[entry.pk]),
        {
            "unit": tay_ho.nhat_tan.pk,
            "kind": "model",
            "title": entry.title,
            "field": "economy",
            "resources": "50 triệu đồng xã hội hóa",
            "submit": "1",
        },
    )
    entry.refresh_from_db()
    assert response.status_code == 302
    assert (entry.resources, entry.state) == ("50 triệu đồng xã hội hóa", EntryState.RESUBMITTED)


def test_home_sends_the_board_to_the_admin_and_leaders_to_their_page(client, reviewer, leader):
    client.force_login(reviewer)
    assert client.get(reverse("home")).url == reverse("admin:index")
    client.force_login(leader)
    response = client.get(reverse("home"), follow=True)
    assert "Báo cáo phong trào" in response.content.decode()


def test_logout_needs_a_post_with_csrf(client, staff_nhat_tan):
    client.force_login(staff_nhat_tan)
    assert client.get(reverse("logout")).status_code == 405


def test_an_entry_whose_history_has_no_user_still_opens(nhat_tan_client, campaign, tay_ho):
    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=None, title="Nháp do hệ thống tạo")
    response = nhat_tan_client.get(reverse("entry_detail", args=[entry.pk]))
    assert response.status_code == 200
    assert "hệ thống" in response.content.decode()


def test_pages_not_found_and_expired_forms_answer_in_vietnamese(client, settings, staff_nhat_tan, tay_ho):
    settings.DEBUG = False
    client.force_login(staff_nhat_tan)
    page = client.get(reverse("unit_detail", args=["quang-an"])).content.decode()
    assert "Không tìm thấy trang" in page and "Not Found" not in page
    strict = client.__class__(enforce_csrf_checks=True)
    strict.force_login(staff_nhat_tan)
    response = strict.post(reverse("entry_create", args=["nhat-tan"]), {"title": "x"})
    assert response.status_code == 403 and "Phiếu đã hết hạn" in response.content.decode()
