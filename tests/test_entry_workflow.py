"""The one-door transitions of an entry: rules, events, and no-ops (campaigns.services)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from campaigns.choices import CampaignState, EntryKind, EntryState
from campaigns.models import Entry, EntryEvent
from campaigns.services import registration, review

from .factories import CampaignFactory, EntryFactory

pytestmark = pytest.mark.django_db


def test_staff_registers_a_draft_and_an_event_records_it(campaign, tay_ho, staff_nhat_tan):
    entry = EntryFactory(
        campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Tuyến phố văn minh"
    )
    assert entry.state == EntryState.DRAFT
    event = entry.events.get()
    assert (event.actor, event.from_state, event.to_state) == (staff_nhat_tan, "", EntryState.DRAFT)


def test_submit_accept_and_return_each_write_one_event(campaign, tay_ho, staff_nhat_tan, reviewer):
    first = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan)
    second = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan)
    registration.submit_entry(entry=first, by=staff_nhat_tan)
    registration.submit_entry(entry=second, by=staff_nhat_tan)
    accepted = review.accept_entry(entry=first, by=reviewer)
    returned = review.return_entry(entry=second, by=reviewer, reason="Thiếu kết quả dự kiến")
    assert accepted.state == EntryState.ACCEPTED
    assert returned.state == EntryState.RETURNED and returned.return_reason == "Thiếu kết quả dự kiến"
    transitions = list(
        EntryEvent.objects.filter(entry=second).values_list(
            "from_state", "to_state", "comment", "actor__username"
        )
    )
    assert transitions == [
        ("", "draft", "Tạo bản nháp", "canbo.nhattan"),
        ("draft", "submitted", "", "canbo.nhattan"),
        ("submitted", "returned", "Thiếu kết quả dự kiến", "bandanvan"),
    ]
    resubmitted = registration.submit_entry(entry=returned, by=staff_nhat_tan)
    assert resubmitted.state == EntryState.RESUBMITTED


def test_a_double_submit_changes_nothing_twice(campaign, tay_ho, staff_nhat_tan):
    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan)
    registration.submit_entry(entry=entry, by=staff_nhat_tan)
    registration.submit_entry(entry=entry, by=staff_nhat_tan)
    assert entry.events.count() == 2
    assert Entry.objects.get(pk=entry.pk).state == EntryState.SUBMITTED


def test_return_without_a_reason_is_refused_and_changes_nothing(campaign, tay_ho, staff_nhat_tan, reviewer):
    entry = registration.submit_entry(
        entry=EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan), by=staff_nhat_tan
    )
    with pytest.raises(ValidationError, match="lý do"):
        review.return_entry(entry=entry, by=reviewer, reason="  ")
    assert Entry.objects.get(pk=entry.pk).state == EntryState.SUBMITTED
    assert entry.events.count() == 2


def test_the_board_cannot_accept_a_draft(campaign, tay_ho, staff_nhat_tan, reviewer):
    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan)
    with pytest.raises(ValidationError, match="chỉ duyệt được hồ sơ đã gửi"):
        review.accept_entry(entry=entry, by=reviewer)
    assert Entry.objects.get(pk=entry.pk).state == EntryState.DRAFT


def test_submit_outside_the_registration_window_is_refused(campaign, tay_ho, staff_nhat_tan):
    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan)
    campaign.registration_closes = datetime.date.today() - datetime.timedelta(days=1)
    campaign.registration_opens = campaign.registration_closes - datetime.timedelta(days=60)
    campaign.save()
    with pytest.raises(ValidationError, match="Đã hết hạn đăng ký"):
        registration.submit_entry(entry=Entry.objects.get(pk=entry.pk), by=staff_nhat_tan)
    assert Entry.objects.get(pk=entry.pk).state == EntryState.DRAFT


def test_registering_in_a_closed_campaign_is_refused(tay_ho, staff_nhat_tan):
    closed = CampaignFactory(organiser=tay_ho.district, year=2023, state=CampaignState.CLOSED)
    with pytest.raises(ValidationError, match="“Đã kết thúc”, không nhận đăng ký"):
        EntryFactory(campaign=closed, unit=tay_ho.nhat_tan, by=staff_nhat_tan)
    assert not Entry.objects.exists()


def test_submitting_above_the_quota_maximum_is_refused_naming_the_quota(campaign, tay_ho, staff_nhat_tan):
    cell = tay_ho.nhat_tan_cells[0]
    first = EntryFactory(campaign=campaign, unit=cell, by=staff_nhat_tan)
    second = EntryFactory(campaign=campaign, unit=cell, by=staff_nhat_tan)
    registration.submit_entry(entry=first, by=staff_nhat_tan)
    with pytest.raises(ValidationError, match="tối đa 1"):
        registration.submit_entry(entry=second, by=staff_nhat_tan)
    assert Entry.objects.get(pk=second.pk).state == EntryState.DRAFT


def test_a_field_value_outside_the_four_fields_is_refused(campaign, tay_ho, staff_nhat_tan):
    with pytest.raises(ValidationError) as error:
        EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, field="sport")
    assert "field" in error.value.error_dict
    assert not Entry.objects.exists()


def test_an_exemplar_needs_its_subject(campaign, tay_ho, staff_nhat_tan):
    with pytest.raises(ValidationError) as error:
        registration.register_entry(
            campaign=campaign,
            unit=tay_ho.nhat_tan,
            by=staff_nhat_tan,
            kind=EntryKind.EXEMPLAR,
            title="Điển hình",
            field="economy",
        )
    assert {"subject_kind", "subject_name"} <= set(error.value.error_dict)


def test_a_unit_outside_the_campaign_cannot_register(tay_ho, staff_nhat_tan):
    other = CampaignFactory(organiser=tay_ho.quang_an, year=2024)
    with pytest.raises(ValidationError, match="không thuộc phạm vi"):
        EntryFactory(campaign=other, unit=tay_ho.nhat_tan, by=staff_nhat_tan)


def test_a_missing_title_is_refused(campaign, tay_ho, staff_nhat_tan):
    with pytest.raises(ValidationError) as error:
        EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="")
    assert "title" in error.value.error_dict


def test_editing_a_submitted_entry_is_refused(campaign, tay_ho, staff_nhat_tan):
    entry = registration.submit_entry(
        entry=EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan), by=staff_nhat_tan
    )
    with pytest.raises(ValidationError, match="không thể sửa"):
        registration.update_entry(entry=entry, by=staff_nhat_tan, title="Đổi tên")
    assert Entry.objects.get(pk=entry.pk).title == entry.title
