"""The board in the admin: evaluation after the unit's self-assessment, two reviewers at once, the audit
history, and everything in Vietnamese.
"""

import pytest
from django.urls import reverse

from campaigns.choices import CampaignState, EntryState, Evaluation
from campaigns.models import Entry
from campaigns.services import registration, review, stages
from units import services as unit_services
from units.models import MembershipRole

from .factories import EntryFactory, UserFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/campaigns/entry/"


@pytest.fixture
def accepted(campaign, tay_ho, staff_nhat_tan, reviewer):
    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Chợ văn minh")
    registration.submit_entry(entry=entry, by=staff_nhat_tan)
    return review.accept_entry(entry=entry, by=reviewer)


def _evaluating(campaign):
    return stages.change_campaign_state(campaign=campaign, to=CampaignState.EVALUATING)


def test_the_unit_assesses_itself_then_the_board_rules_and_the_unit_reads_it(
    board, client, accepted, campaign, staff_nhat_tan
):
    _evaluating(campaign)
    ward = client.__class__()
    ward.force_login(staff_nhat_tan)
    ward.post(reverse("entry_self_assess", args=[accepted.pk]), {"self_assessment": "Giảm 60% rác thải nhựa"})
    accepted.refresh_from_db()
    assert accepted.self_assessment == "Giảm 60% rác thải nhựa"
    data = {"action": "evaluate_selected", "_selected_action": [accepted.pk], "apply": "1"}
    board.post(CHANGELIST, {**data, "result": Evaluation.OUTSTANDING, "comment": "Tiêu biểu của quận"})
    accepted.refresh_from_db()
    assert (accepted.evaluation, accepted.evaluation_comment) == (
        Evaluation.OUTSTANDING,
        "Tiêu biểu của quận",
    )
    page = ward.get(reverse("entry_detail", args=[accepted.pk])).content.decode()
    assert "Ban Dân vận đánh giá: Tiêu biểu" in page and "Tiêu biểu của quận" in page
    listing = board.get(CHANGELIST, {"evaluation": Evaluation.OUTSTANDING}).content.decode()
    assert "Chợ văn minh" in listing
    assert "Chợ văn minh" not in board.get(CHANGELIST, {"evaluation": "none"}).content.decode()


def test_the_board_cannot_rule_before_the_self_assessment_or_outside_the_evaluation_stage(
    board, accepted, campaign
):
    data = {
        "action": "evaluate_selected",
        "_selected_action": [accepted.pk],
        "apply": "1",
        "result": "passed",
    }
    page = board.post(CHANGELIST, data, follow=True).content.decode()
    assert "chỉ đánh giá khi phong trào chuyển sang giai đoạn" in page
    _evaluating(campaign)
    page = board.post(CHANGELIST, data, follow=True).content.decode()
    assert "đơn vị chưa tự đánh giá" in page
    accepted.refresh_from_db()
    assert accepted.evaluation == ""


def test_two_reviewers_editing_one_entry_the_second_gets_a_conflict_and_the_first_keeps_their_work(
    board, client, accepted, reviewer, tay_ho
):
    second = UserFactory(username="bandanvan2", first_name="Mai")
    unit_services.add_membership(user=second, unit=tay_ho.district, role=MembershipRole.REVIEWER)
    other = client.__class__()
    other.force_login(second)
    url = reverse("admin:campaigns_entry_change", args=[accepted.pk])
    version = Entry.objects.get(pk=accepted.pk).version
    form = {"title": accepted.title, "field": accepted.field, "version": version, **_inline_management()}
    first = board.post(url, {**form, "objectives": "Sửa của người thứ nhất"})
    assert first.status_code == 302
    clash = other.post(url, {**form, "objectives": "Sửa của người thứ hai"})
    page = clash.content.decode()
    assert clash.status_code == 200 and "vừa được thay đổi bởi Hoàng" in page
    accepted.refresh_from_db()
    assert accepted.objectives == "Sửa của người thứ nhất"
    assert accepted.events.filter(comment__startswith="Ban Dân vận sửa: mục tiêu").count() == 1


def test_a_stale_evaluation_is_refused_and_the_first_ruling_stays(
    accepted, campaign, reviewer, staff_nhat_tan
):
    _evaluating(campaign)
    registration.record_self_assessment(entry=accepted, text="Đạt mục tiêu", by=staff_nhat_tan)
    accepted.refresh_from_db()
    seen = accepted.version
    review.evaluate_entry(entry=accepted, by=reviewer, result="outstanding", expected_version=seen)
    with pytest.raises(Exception) as error:
        review.evaluate_entry(entry=accepted, by=reviewer, result="not_passed", expected_version=seen)
    assert "sau khi bạn mở" in str(error.value)
    accepted.refresh_from_db()
    assert accepted.evaluation == "outstanding"


def test_every_change_is_kept_with_who_and_when_and_readable_in_the_admin(board, accepted, reviewer):
    review.correct_entry(entry=accepted, by=reviewer, objectives="Mục tiêu mới")
    records = list(accepted.history.order_by("history_date"))
    assert [r.state for r in records][-2:] == [EntryState.ACCEPTED, EntryState.ACCEPTED]
    assert records[-1].history_user == reviewer and records[-1].objectives == "Mục tiêu mới"
    assert records[0].history_type == "+"
    page = board.get(reverse("admin:campaigns_entry_history", args=[accepted.pk])).content.decode()
    assert "Mục tiêu mới" in page or "Mục tiêu" in page
    assert "Lịch sử" in page and "Người thay đổi" in page
    assert "Revert" not in page


def test_admin_pages_speak_vietnamese_including_import_and_filters(board, campaign):
    listing = board.get(CHANGELIST).content.decode()
    assert "Nhập từ Excel" in listing and "Xuất Excel (danh sách đang lọc)" in listing
    assert "Show counts" not in listing and "Skip to main content" not in listing
    page = board.get(reverse("admin:campaigns_entry_import")).content.decode()
    assert "Tệp nhập cần có các cột sau" in page and "Nhập vào phong trào" in page
    assert "This importer" not in page and "File to import" not in page


def _inline_management():
    """The empty inline formsets the change form posts along."""
    data = {}
    for prefix in ("evidence", "events"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return data


def test_a_reviewer_of_another_organiser_cannot_read_tay_hos_history(client, accepted, campaign, ba_dinh):
    client.force_login(ba_dinh.reviewer)
    record = accepted.history.first()
    for url in (
        reverse("admin:campaigns_entry_history", args=[accepted.pk]),
        reverse("admin:campaigns_entry_simple_history", args=[accepted.pk, record.pk]),
        reverse("admin:campaigns_campaign_history", args=[campaign.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_history_lists_changes_by_label_and_value_in_vietnamese(board, accepted, reviewer):
    review.correct_entry(entry=accepted, by=reviewer, objectives="Mục tiêu mới")
    page = board.get(reverse("admin:campaigns_entry_history", args=[accepted.pk])).content.decode()
    assert "<strong>Mục tiêu:</strong> — → Mục tiêu mới" in page
    assert "<strong>Trạng thái:</strong> Đã gửi, chờ duyệt → Đã duyệt" in page
    assert "entries" not in page and "None" not in page


def test_the_board_reads_but_never_writes_the_units_self_assessment(board, accepted, reviewer):
    page = board.get(reverse("admin:campaigns_entry_change", args=[accepted.pk])).content.decode()
    assert 'name="self_assessment"' not in page
    with pytest.raises(TypeError):
        review.correct_entry(entry=accepted, by=reviewer, self_assessment="Ban viết thay")


def test_a_conflict_message_in_the_admin_is_all_vietnamese(board, accepted, reviewer):
    url = reverse("admin:campaigns_entry_change", args=[accepted.pk])
    form = {"title": accepted.title, "field": accepted.field, "version": "cũ", **_inline_management()}
    page = board.post(url, form).content.decode()
    assert "Hãy sửa các lỗi dưới đây." in page and "Please correct" not in page
