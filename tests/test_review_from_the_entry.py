"""The board reviews one entry from its own admin page (issue [K] 4): accept, return with a reason and
evaluate as buttons, through the same services; messages say what was done to which entry; another
organiser's entry is a 404; a reviewer who opened an older version does not overwrite a newer change.
"""

import pytest
from django.urls import reverse

from campaigns.choices import CampaignState, EntryState, Evaluation
from campaigns.services import registration, review, stages

from .factories import EntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(campaign, tay_ho, staff_nhat_tan):
    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Chợ văn minh")
    return registration.submit_entry(entry=entry, by=staff_nhat_tan)


def _review(board, entry, **data):
    return board.post(
        reverse("admin:campaigns_entry_review", args=[entry.pk]),
        {"version": entry.version, **data},
        follow=True,
    )


def test_the_entry_page_offers_accept_and_return_and_accept_works_in_one_click(board, sent):
    page = board.get(reverse("admin:campaigns_entry_change", args=[sent.pk])).content.decode()
    assert 'value="accept"' in page and 'value="return"' in page and 'value="evaluate"' not in page
    response = _review(board, sent, do="accept")
    sent.refresh_from_db()
    assert sent.state == EntryState.ACCEPTED
    assert "Đã duyệt “Chợ văn minh”." in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("admin:campaigns_entry_change", args=[sent.pk])
    assert sent.events.last().to_state == EntryState.ACCEPTED


def test_return_needs_a_reason_and_tells_the_unit_why(board, sent):
    page = _review(board, sent, do="return", reason="  ").content.decode()
    sent.refresh_from_db()
    assert sent.state == EntryState.SUBMITTED and "Cần ghi lý do trả lại" in page
    page = _review(board, sent, do="return", reason="Bổ sung kinh phí").content.decode()
    sent.refresh_from_db()
    assert (sent.state, sent.return_reason) == (EntryState.RETURNED, "Bổ sung kinh phí")
    assert "Đã trả lại “Chợ văn minh” cho Đảng ủy phường Nhật Tân, kèm lý do." in page


def test_evaluation_from_the_page_once_the_unit_has_assessed_itself(
    board, sent, campaign, reviewer, staff_nhat_tan
):
    entry = review.accept_entry(entry=sent, by=reviewer)
    stages.change_campaign_state(campaign=campaign, to=CampaignState.IN_PROGRESS, by=reviewer)
    registration.record_self_assessment(entry=entry, text="Đã làm xong", by=staff_nhat_tan)
    stages.change_campaign_state(campaign=campaign, to=CampaignState.EVALUATING, by=reviewer)
    entry.refresh_from_db()
    page = board.get(reverse("admin:campaigns_entry_change", args=[entry.pk])).content.decode()
    assert 'value="evaluate"' in page and 'value="accept"' not in page
    page = _review(
        board, entry, do="evaluate", result=Evaluation.OUTSTANDING, comment="Lan tỏa"
    ).content.decode()
    entry.refresh_from_db()
    assert (entry.evaluation, entry.evaluation_comment) == (Evaluation.OUTSTANDING, "Lan tỏa")
    assert "Đã đánh giá “Chợ văn minh”: Tiêu biểu." in page


def test_a_stale_page_does_not_overwrite_a_newer_ruling(board, sent, reviewer):
    stale = sent.version
    review.return_entry(entry=sent, by=reviewer, reason="Thiếu minh chứng")
    registration.submit_entry(entry=sent, by=sent.created_by)
    page = board.post(
        reverse("admin:campaigns_entry_review", args=[sent.pk]),
        {"version": stale, "do": "accept"},
        follow=True,
    ).content.decode()
    sent.refresh_from_db()
    assert sent.state == EntryState.RESUBMITTED and "sau khi bạn mở" in page


def test_another_organisers_reviewer_gets_a_404_and_changes_nothing(client, sent, ba_dinh):
    client.force_login(ba_dinh.reviewer)
    url = reverse("admin:campaigns_entry_review", args=[sent.pk])
    assert client.post(url, {"version": sent.version, "do": "accept"}).status_code == 404
    sent.refresh_from_db()
    assert sent.state == EntryState.SUBMITTED
