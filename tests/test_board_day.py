"""The board's day in the admin (issue [K] 4): a work queue on the admin home whose links open exactly
the waiting entries, and a new decision prefilled from the last one and from its award type.
"""

import datetime

import pytest
from django.urls import reverse, reverse_lazy

from awards.models import AwardLevel, AwardType, Decision
from campaigns.choices import CampaignState, Evaluation
from campaigns.services import registration, review, stages

from .factories import EntryFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse_lazy("admin:campaigns_entry_changelist")


def _listing(board, query):
    return board.get(f"{CHANGELIST}?{query}").content.decode()


def _queue(page):
    start = page.index('id="work-queue"')
    return page[start : page.index("</table>", start)]


def test_the_admin_home_lists_what_waits_with_links_to_exactly_those_entries(
    board, campaign, tay_ho, staff_nhat_tan, reviewer
):
    first, second, third = (
        registration.submit_entry(
            entry=EntryFactory(campaign=campaign, unit=unit, by=staff_nhat_tan, title=title),
            by=staff_nhat_tan,
        )
        for unit, title in (
            (tay_ho.nhat_tan, "Mô hình một"),
            (tay_ho.nhat_tan_cells[0], "Mô hình hai"),
            (tay_ho.nhat_tan_cells[1], "Mô hình ba"),
        )
    )
    review.return_entry(entry=second, by=reviewer, reason="Bổ sung")
    registration.submit_entry(entry=second, by=staff_nhat_tan)
    review.accept_entry(entry=third, by=reviewer)
    stages.change_campaign_state(campaign=campaign, to=CampaignState.IN_PROGRESS, by=reviewer)
    registration.record_self_assessment(entry=third, text="Đã xong", by=staff_nhat_tan)
    stages.change_campaign_state(campaign=campaign, to=CampaignState.EVALUATING, by=reviewer)
    queue = _queue(board.get(reverse("admin:index")).content.decode())
    assert "Chờ duyệt (mới gửi)" in queue and "Cần đánh giá kết quả" in queue
    waiting = board.get(
        reverse("admin:campaigns_entry_changelist") + "?state__exact=submitted"
    ).content.decode()
    assert "Mô hình một" in waiting and "Mô hình hai" not in waiting
    resent = board.get(
        reverse("admin:campaigns_entry_changelist") + "?state__exact=resubmitted"
    ).content.decode()
    assert "Mô hình hai" in resent and "Mô hình một" not in resent
    to_rule = _listing(board, "cho=danh-gia")
    assert "Mô hình ba" in to_rule and "Mô hình một" not in to_rule
    review.evaluate_entry(entry=third, by=reviewer, result=Evaluation.PASSED)
    to_award = _listing(board, "cho=khen-thuong")
    assert "Mô hình ba" in to_award and "Mô hình một" not in to_award
    page = board.get(reverse("admin:index")).content.decode()
    assert ">1</a></td>" in _queue(page)


def test_the_queue_is_counted_in_one_aggregate_query(board, campaign, django_assert_max_num_queries):
    from awards.templatetags.work_queue import queue_of

    user = board.get(reverse("admin:index")).wsgi_request.user
    with django_assert_max_num_queries(4):  # the reviewer's roles, their scoring roles, one aggregate
        rows = queue_of(user)
    assert [count for _, count, _ in rows] == [0, 0, 0, 0]


def test_a_new_decision_starts_from_the_last_one_and_its_award_type(board, campaign):
    giay_khen = AwardType.objects.create(
        name="Giấy khen", level=AwardLevel.ORGANISER, default_issuer="Quận ủy Tây Hồ"
    )
    bang_khen = AwardType.objects.create(
        name="Bằng khen", level=AwardLevel.CITY, default_issuer="Ủy ban nhân dân thành phố Hà Nội"
    )
    Decision.objects.create(
        campaign=campaign, award_type=giay_khen, number="125-QĐ/QU", date=datetime.date(2024, 1, 15),
        issuer_name="Quận ủy Tây Hồ", signer_name="Nguyễn Anh Tuấn", signer_position="Phó Bí thư",
    )  # fmt: skip
    form = board.get(reverse("admin:awards_decision_add")).context["adminform"].form
    assert (
        form.initial["issuer_name"] == "Quận ủy Tây Hồ" and form.initial["signer_name"] == "Nguyễn Anh Tuấn"
    )
    assert form.initial["campaign"] == campaign.pk
    form = (
        board.get(reverse("admin:awards_decision_add"), {"award_type": bang_khen.pk})
        .context["adminform"]
        .form
    )
    assert form.initial["issuer_name"] == "Ủy ban nhân dân thành phố Hà Nội"


@pytest.fixture
def evaluated(campaign, tay_ho, staff_nhat_tan, reviewer):
    entries = []
    for unit, title in ((tay_ho.nhat_tan, "Chợ văn minh"), (tay_ho.nhat_tan_cells[0], "Ngõ xanh")):
        entry = registration.submit_entry(
            entry=EntryFactory(campaign=campaign, unit=unit, by=staff_nhat_tan, title=title),
            by=staff_nhat_tan,
        )
        entries.append(review.accept_entry(entry=entry, by=reviewer))
    stages.change_campaign_state(campaign=campaign, to=CampaignState.IN_PROGRESS, by=reviewer)
    for entry in entries:
        registration.record_self_assessment(entry=entry, text="Đã làm", by=staff_nhat_tan)
    stages.change_campaign_state(campaign=campaign, to=CampaignState.EVALUATING, by=reviewer)
    review.evaluate_entry(entry=entries[0], by=reviewer, result=Evaluation.OUTSTANDING)
    review.evaluate_entry(entry=entries[1], by=reviewer, result=Evaluation.NOT_PASSED)
    giay_khen = AwardType.objects.create(name="Giấy khen", level=AwardLevel.ORGANISER)
    decision = Decision.objects.create(
        campaign=campaign, award_type=giay_khen, number="125-QĐ/QU", date=datetime.date(2024, 12, 20),
        issuer_name="Quận ủy Tây Hồ",
    )  # fmt: skip
    return entries, decision


def test_the_board_adds_evaluated_entries_and_people_from_the_decisions_page(board, evaluated, tay_ho):
    (outstanding, not_passed), decision = evaluated
    page = board.get(reverse("admin:awards_decision_change", args=[decision.pk])).content.decode()
    offered = page.split('id="add-entries"')[1].split("</form>")[0]
    assert "Chợ văn minh" in offered and "Ngõ xanh" not in offered  # "not passed" is never offered
    # A ward's cells sit indented under it in the people's unit list.
    cell = tay_ho.nhat_tan_cells[0]
    assert f'<option value="{tay_ho.nhat_tan.pk}">{tay_ho.nhat_tan.name}</option>' in page
    assert f'<option value="{cell.pk}">\u00a0\u00a0\u00a0{cell.name}</option>' in page
    url = reverse("admin:awards_decision_add_entries", args=[decision.pk])
    response = board.post(url, {"entry": [outstanding.pk]}, follow=True)
    assert "Đã thêm 1 khen thưởng vào" in response.content.decode()
    rows = {f"{k}_{n}": "" for k in ("kind", "name", "position", "unit", "achievement") for n in range(1, 6)}
    rows.update(
        kind_1="individual", name_1="Lê Văn Tám", unit_1=str(tay_ho.nhat_tan.pk), achievement_1="Gương mẫu"
    )
    rows.update(kind_2="collective", name_2="Tổ dân phố số 3")  # no unit chosen: refused, nothing written
    page = board.post(reverse("admin:awards_decision_add_people", args=[decision.pk]), rows, follow=True)
    assert "Dòng 2: hãy chọn đơn vị của “Tổ dân phố số 3”." in page.content.decode()
    assert decision.awards.count() == 1
    rows["unit_2"] = str(tay_ho.nhat_tan.pk)
    board.post(reverse("admin:awards_decision_add_people", args=[decision.pk]), rows)
    assert list(decision.awards.order_by("position").values_list("position", "recipient_name")) == [
        (1, "Chợ văn minh"),
        (2, "Lê Văn Tám"),
        (3, "Tổ dân phố số 3"),
    ]
    assert board.get(url).status_code == 405


def test_another_organisers_board_cannot_add_to_the_decision(client, evaluated, ba_dinh):
    (outstanding, _), decision = evaluated
    client.force_login(ba_dinh.reviewer)
    url = reverse("admin:awards_decision_add_entries", args=[decision.pk])
    assert client.post(url, {"entry": [outstanding.pk]}).status_code == 404
    assert not decision.awards.exists()


def test_a_closed_campaigns_decision_takes_no_new_award(board, evaluated, tay_ho, reviewer):
    (outstanding, _), decision = evaluated
    stages.change_campaign_state(campaign=decision.campaign, to=CampaignState.CLOSED, by=reviewer)
    url = reverse("admin:awards_decision_add_entries", args=[decision.pk])
    # A closed campaign's decision is final: its page is read-only and a forced POST is refused.
    assert board.post(url, {"entry": [outstanding.pk]}).status_code == 403
    rows = {"kind_1": "individual", "name_1": "Lê Văn Tám", "unit_1": str(tay_ho.nhat_tan.pk)}
    assert (
        board.post(reverse("admin:awards_decision_add_people", args=[decision.pk]), rows).status_code == 403
    )
    assert not decision.awards.exists()
    page = board.get(reverse("admin:awards_decision_change", args=[decision.pk])).content.decode()
    assert 'id="add-entries"' not in page and 'name="_save"' not in page


def test_the_same_person_typed_again_is_one_award_and_a_row_without_a_name_is_refused(
    board, evaluated, tay_ho
):
    import unicodedata

    _, decision = evaluated
    url = reverse("admin:awards_decision_add_people", args=[decision.pk])
    unit = str(tay_ho.nhat_tan.pk)
    again = unicodedata.normalize("NFD", "lê thị hòa ")
    rows = {"kind_1": "individual", "name_1": "Lê Thị Hoà", "unit_1": unit,
            "kind_2": "individual", "name_2": again, "unit_2": unit}  # fmt: skip
    board.post(url, rows)
    assert list(decision.awards.values_list("recipient_name", flat=True)) == ["Lê Thị Hoà"]
    page = board.post(url, rows, follow=True).content.decode()
    assert "Không thêm gì" in page
    page = board.post(url, {"kind_1": "individual", "position_1": "Tổ trưởng", "unit_1": unit}, follow=True)
    assert "Dòng 1: thiếu họ tên cá nhân hoặc tên tập thể." in page.content.decode()
    page = board.post(url, {"kind_1": "individual", "name_1": "A" * 301, "unit_1": unit}, follow=True)
    assert "dài quá 300 ký tự" in page.content.decode()
    assert decision.awards.count() == 1
