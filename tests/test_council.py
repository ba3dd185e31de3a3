"""The council's meeting (issue [H] 5–7): quorum, candidates from the ranking, the secretary's tally
checked, the share of all members with written opinions, a stricter share per award type, the limit
with the chair's tie-break, at most two ballots, the papers in print and in Word, the report."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from awards.models import (
    Attendance,
    AwardLevel,
    AwardType,
    Council,
    CouncilMember,
    CouncilRule,
    Meeting,
    MemberRole,
)
from awards.services import council as council_service
from campaigns.choices import Evaluation
from campaigns.services import registration, review

pytestmark = pytest.mark.django_db
NAMES = ["Nguyễn Văn Bình", "Trần Thị Cúc", "Lê Văn Dũng", "Phạm Thị Hoa", "Hoàng Văn Khải",
         "Vũ Thị Lan", "Đỗ Văn Minh", "Bùi Thị Nga", "Ngô Văn Phúc"]  # fmt: skip


@pytest.fixture
def giay_khen(db):
    return AwardType.objects.create(name="Giấy khen", level=AwardLevel.ORGANISER)


@pytest.fixture
def meeting(judges, tay_ho, staff_nhat_tan, reviewer):
    """The Ban Thường vụ of Tây Hồ (9 members) meeting on the two classed models of ``judges``."""
    for entry in (judges.entry, judges.other):
        registration.record_self_assessment(entry=entry, text="Đạt mục tiêu", by=staff_nhat_tan)
        review.evaluate_entry(entry=entry, by=reviewer, result=Evaluation.OUTSTANDING)
        entry.refresh_from_db()
    council = Council.objects.create(organiser=tay_ho.district, name="Ban Thường vụ Quận ủy Tây Hồ")
    roles = [MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.VICE_CHAIR] + [MemberRole.MEMBER] * 5
    roles.append(MemberRole.SECRETARY)
    members = [
        CouncilMember.objects.create(council=council, name=name, role=role, order=n, position="Ủy viên BTV")
        for n, (name, role) in enumerate(zip(NAMES, roles, strict=True), start=1)
    ]
    return Meeting.objects.create(
        council=council, campaign=judges.campaign, date=datetime.date(2024, 12, 20), place="Hội trường",
        chair=members[0], secretary=members[-1],
    )  # fmt: skip


def _attend(meeting, present, written=0):
    members = list(meeting.council.members.order_by("order"))
    statuses = {m.pk: Attendance.PRESENT for m in members[:present]}
    statuses |= {m.pk: Attendance.WRITTEN for m in members[present : present + written]}
    council_service.record_attendance(meeting=meeting, by=None, statuses=statuses)


def _candidates(meeting, judges, award_type):
    return council_service.put_candidates(
        meeting=meeting, by=None, candidates=[(judges.entry, award_type), (judges.other, award_type)]
    )


def test_no_ballot_without_the_quorum_of_two_thirds(meeting, judges, giay_khen):
    _attend(meeting, present=5)
    first, second = _candidates(meeting, judges, giay_khen)
    quorum = council_service.quorum_of(meeting)
    assert (quorum.total, quorum.present, quorum.needed, quorum.met) == (9, 5, 6, False)
    with pytest.raises(ValidationError) as error:
        council_service.record_ballot(
            meeting=meeting, by=None, issued=5, returned=5, votes={first.pk: (5, 0), second.pk: (5, 0)}
        )
    assert error.value.messages == ["Chưa đủ số thành viên dự họp: có mặt 5/9, cần ít nhất 6."]
    assert not meeting.ballots.exists()


def test_only_entries_classed_passed_or_outstanding_are_put_to_the_council(
    meeting, judges, giay_khen, reviewer
):
    review.evaluate_entry(entry=judges.other, by=reviewer, result=Evaluation.NOT_PASSED)
    judges.other.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        _candidates(meeting, judges, giay_khen)
    assert error.value.messages == ["“Ngõ sạch” chưa được xếp loại Đạt hoặc Tiêu biểu: chưa đưa ra xét được."]
    assert not meeting.candidates.exists()


def test_a_tally_that_does_not_add_up_is_refused_naming_each_problem(meeting, judges, giay_khen):
    _attend(meeting, present=7, written=1)
    first, second = _candidates(meeting, judges, giay_khen)
    with pytest.raises(ValidationError) as error:
        council_service.record_ballot(
            meeting=meeting, by=None, issued=8, returned=7, spoilt=1,
            votes={first.pk: (5, 2), second.pk: (6, 0)}, written={first.pk: (2, 0), second.pk: (1, 0)},
        )  # fmt: skip
    assert error.value.messages == [
        "Số phiếu phát ra (8) nhiều hơn số thành viên có mặt (7).",
        "1. Chợ văn minh: 5 đồng ý và 2 không đồng ý, nhiều hơn 6 phiếu hợp lệ có đánh dấu.",
        "1. Chợ văn minh: 2 ý kiến bằng văn bản, nhiều hơn 1 thành viên vắng có ý kiến.",
    ]
    assert not meeting.ballots.exists()
    first.refresh_from_db()
    assert first.written_agree == 0


def test_a_candidate_needs_more_than_half_of_all_members_with_the_written_opinions(
    meeting, judges, giay_khen
):
    _attend(meeting, present=7, written=1)
    first, second = _candidates(meeting, judges, giay_khen)
    council_service.record_ballot(
        meeting=meeting, by=None, issued=7, returned=7,
        votes={first.pk: (4, 3), second.pk: (4, 3)}, written={first.pk: (1, 0), second.pk: (0, 1)},
    )  # fmt: skip
    first.refresh_from_db()
    second.refresh_from_db()
    # 4 + 1 written = 5 of 9 members (55.6%) passes; 4 of 9 (44.4%) does not, though most present agreed.
    assert (first.passed, second.passed) == (True, False)
    outcome = council_service.outcomes(meeting)[1]
    assert outcome.note == "Chưa đạt tỷ lệ (trên 50% tổng số thành viên)."


def test_a_stricter_share_for_an_award_type_counts_all_members(meeting, judges, giay_khen):
    CouncilRule.objects.create(council=meeting.council, award_type=giay_khen, pass_share=80)
    _attend(meeting, present=8, written=1)
    first, second = _candidates(meeting, judges, giay_khen)
    council_service.record_ballot(
        meeting=meeting, by=None, issued=8, returned=8,
        votes={first.pk: (7, 1), second.pk: (7, 1)}, written={first.pk: (1, 0), second.pk: (0, 0)},
    )  # fmt: skip
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.passed, second.passed) == (True, False)  # 8/9 = 88.9% ≥ 80%; 7/9 = 77.8%


def test_more_passing_than_allowed_the_highest_win_and_the_chair_breaks_a_tie(meeting, judges, giay_khen):
    CouncilRule.objects.create(council=meeting.council, award_type=giay_khen, max_awards=1)
    _attend(meeting, present=9)
    first, second = _candidates(meeting, judges, giay_khen)
    council_service.record_ballot(
        meeting=meeting, by=None, issued=9, returned=9, votes={first.pk: (7, 2), second.pk: (7, 2)}
    )
    outcomes = council_service.outcomes(meeting)
    assert [o.passed for o in outcomes] == [None, None]
    assert outcomes[0].note == "Bằng phiếu: 2 hồ sơ cho 1 chỗ, chờ chủ trì chọn hoặc bỏ phiếu lại."
    with pytest.raises(ValidationError, match="không khớp số chỗ"):
        council_service.break_tie(meeting=meeting, by=None, picks=[first.pk, second.pk])
    council_service.break_tie(meeting=meeting, by=None, picks=[second.pk])
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.passed, second.passed) == (False, True)
    # Or a second ballot decides it (the chair's pick then falls): more votes win; a third is refused.
    council_service.record_ballot(
        meeting=meeting, by=None, issued=9, returned=9, votes={first.pk: (8, 1), second.pk: (6, 3)}
    )
    assert [o.passed for o in council_service.outcomes(meeting)] == [True, False]
    with pytest.raises(ValidationError, match="tối đa 2 lần"):
        council_service.record_ballot(
            meeting=meeting, by=None, issued=9, returned=9, votes={first.pk: (9, 0)}
        )


def test_attendance_is_fixed_once_a_ballot_is_counted(meeting, judges, giay_khen):
    _attend(meeting, present=9)
    first, second = _candidates(meeting, judges, giay_khen)
    council_service.record_ballot(
        meeting=meeting, by=None, issued=9, returned=9, votes={first.pk: (9, 0), second.pk: (9, 0)}
    )
    with pytest.raises(ValidationError, match="không sửa thành phần dự họp"):
        _attend(meeting, present=6)
    with pytest.raises(ValidationError, match="không thêm hồ sơ"):
        _candidates(meeting, judges, giay_khen)


def test_the_secretary_conducts_the_meeting_in_the_admin_and_prints_its_papers(
    client, reviewer, meeting, judges, giay_khen
):
    client.force_login(reviewer)
    url = reverse("admin:awards_meeting_conduct", args=[meeting.pk])
    members = list(meeting.council.members.order_by("order"))
    data = {
        "do": "attendance",
        **{f"member_{m.pk}": "present" for m in members[:8]},
        f"member_{members[8].pk}": "written",
    }
    assert client.post(url, data).status_code == 302
    page = client.get(url).content.decode()
    assert "có mặt 8/9, cần ít nhất 6: đủ điều kiện" in page and "Chợ văn minh" in page
    client.post(
        url, {"do": "candidates", "award_type": giay_khen.pk, "entry": [judges.entry.pk, judges.other.pk]}
    )
    first, second = meeting.candidates.order_by("order")
    bad = {
        "do": "ballot",
        "issued": "8",
        "returned": "tám",
        f"agree_{first.pk}": "8",
        f"agree_{second.pk}": "3",
    }
    page = client.post(url, bad).content.decode()
    assert "“tám” không phải là số phiếu (số nguyên từ 0)." in page and not meeting.ballots.exists()
    good = {
        "do": "ballot", "issued": "8", "returned": "8", f"agree_{first.pk}": "8", f"disagree_{first.pk}": "0",
        f"agree_{second.pk}": "3", f"disagree_{second.pk}": "5", f"written_agree_{first.pk}": "1",
        f"written_agree_{second.pk}": "1",
    }  # fmt: skip
    assert client.post(url, good).status_code == 302
    page = client.get(url).content.decode()
    assert "Được đề nghị" in page and "Không được đề nghị" in page
    minutes = client.get(
        reverse("admin:awards_meeting_paper", args=[meeting.pk, "bien-ban-hop"])
    ).content.decode()
    assert "BIÊN BẢN" in minutes and "HỌP XÉT KHEN THƯỞNG" in minutes and "QUẬN ỦY TÂY HỒ" in minutes
    assert "Ngô Văn Phúc" in minutes and "Nguyễn Văn Bình" in minutes and "đủ điều kiện" in minutes
    assert "đề nghị khen thưởng 1 hồ sơ: Chợ văn minh" in minutes
    ballot_paper = client.get(
        reverse("admin:awards_meeting_paper", args=[meeting.pk, "phieu-bieu-quyet"])
    ).content.decode()
    assert "PHIẾU BIỂU QUYẾT" in ballot_paper and "Ngõ sạch" in ballot_paper
    count = client.get(
        reverse("admin:awards_meeting_paper", args=[meeting.pk, "bien-ban-kiem-phieu"])
    ).content.decode()
    assert "BIÊN BẢN KIỂM PHIẾU" in count and "<td>100</td>" in count  # 8 + 1 written of 9 members
    word = client.get(reverse("admin:awards_meeting_paper", args=[meeting.pk, "bien-ban-hop"]) + "?dang=word")
    assert word["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    text = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    cells = " ".join(
        c.text for t in Document(io.BytesIO(word.content)).tables for r in t.rows for c in r.cells
    )
    assert "HỌP XÉT KHEN THƯỞNG PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO” NĂM 2024" in text
    assert "có mặt 8, vắng có ý kiến bằng văn bản 1" in text and "{{" not in text + cells
    assert "Chợ văn minh" in cells and "Được đề nghị" in cells and "QUẬN ỦY TÂY HỒ" in cells


def test_the_office_replaces_a_word_template_with_its_own(client, reviewer, meeting, settings, tmp_path):
    from awards.documents import word_templates  # local: only this test builds a template

    template = word_templates.BUILDERS["phieu-bieu-quyet"]()
    template.add_paragraph("Mẫu riêng của Văn phòng {{ council }}")
    template.save(tmp_path / "phieu-bieu-quyet.docx")
    settings.WORD_TEMPLATES_DIR = tmp_path
    client.force_login(reviewer)
    word = client.get(
        reverse("admin:awards_meeting_paper", args=[meeting.pk, "phieu-bieu-quyet"]) + "?dang=word"
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert "Mẫu riêng của Văn phòng Ban Thường vụ Quận ủy Tây Hồ" in text


def test_another_organisers_board_cannot_reach_the_meeting(client, meeting, ba_dinh):
    client.force_login(ba_dinh.reviewer)
    for url in (
        reverse("admin:awards_meeting_conduct", args=[meeting.pk]),
        reverse("admin:awards_meeting_paper", args=[meeting.pk, "bien-ban-hop"]),
        reverse("admin:awards_meeting_change", args=[meeting.pk]),
    ):
        assert client.get(url).status_code in (302, 404), url
    assert (
        client.post(
            reverse("admin:awards_meeting_conduct", args=[meeting.pk]), {"do": "attendance"}
        ).status_code
        == 404
    )


def test_the_report_counts_the_council(meeting, judges, giay_khen):
    from awards.reports.figures import campaign_figures  # local: the report reads the meeting

    _attend(meeting, present=7, written=1)
    first, second = _candidates(meeting, judges, giay_khen)
    council_service.record_ballot(
        meeting=meeting, by=None, issued=7, returned=7, votes={first.pk: (7, 0), second.pk: (2, 5)}
    )
    council = campaign_figures(judges.campaign)["council"]
    assert council == {"meetings": 1, "members": 9, "present": 7, "candidates": 2, "passed": 1}


def _conduct(client, meeting, data):
    return client.post(reverse("admin:awards_meeting_conduct", args=[meeting.pk]), data)


def test_a_second_ballot_counts_only_the_rows_typed_and_odd_inputs_get_a_message(
    client, reviewer, meeting, judges, giay_khen
):
    CouncilRule.objects.create(council=meeting.council, award_type=giay_khen, max_awards=1)
    _attend(meeting, present=9)
    first, second = _candidates(meeting, judges, giay_khen)
    client.force_login(reviewer)
    for odd in (
        {"do": "attendance", "member_²": "present"},
        {"do": "candidates", "award_type": "²", "entry": "²"},
        {"do": "candidates", "award_type": giay_khen.pk, "entry": "9" * 30},
        {"do": "tie", "pick": "²"},
    ):
        assert _conduct(client, meeting, odd).status_code in (200, 302), odd  # fmt: skip
    page = _conduct(
        client, meeting, {"do": "ballot", "issued": "9", "returned": "9", f"agree_{first.pk}": "²"}
    )
    text = page.content.decode()
    assert "“²” không phải là số phiếu" in text
    assert "2. Ngõ sạch: hãy ghi số phiếu đồng ý" in text
    assert council_service.quorum_of(meeting).present == 9  # the odd attendance post did nothing
    counts = {"do": "ballot", "issued": "9", "returned": "9"}
    tie = {**counts, f"agree_{first.pk}": "7", f"disagree_{first.pk}": "2"}
    tie |= {f"agree_{second.pk}": "7", f"disagree_{second.pk}": "2"}
    response = _conduct(client, meeting, tie)
    assert response.status_code == 302, response.content.decode().split("Chưa ghi được")[-1][:600]
    # A second ballot re-votes one candidate; the other's row, sent empty by the browser, keeps its votes.
    again = {**counts, f"agree_{first.pk}": "", f"disagree_{first.pk}": ""}
    again |= {f"agree_{second.pk}": "8", f"disagree_{second.pk}": "1"}
    assert _conduct(client, meeting, again).status_code == 302
    assert [(o.candidate.pk, o.agree, o.passed) for o in council_service.outcomes(meeting)] == [
        (first.pk, 7, False),
        (second.pk, 8, True),
    ]


def test_a_change_of_the_council_after_the_vote_never_rewrites_the_meeting(meeting, judges, giay_khen):
    _attend(meeting, present=7, written=1)
    first, second = _candidates(meeting, judges, giay_khen)
    council_service.record_ballot(
        meeting=meeting, by=None, issued=7, returned=7, votes={first.pk: (5, 2), second.pk: (4, 3)}
    )
    council = meeting.council
    council.pass_share, council.heading_body = 95, "Ủy ban nhân dân quận Tây Hồ"
    council.save()
    meeting.refresh_from_db()
    assert [o.passed for o in council_service.outcomes(meeting)] == [True, False]
    from awards.documents.meeting_papers import context_of  # local: the papers read the same rules

    assert context_of(meeting)["heading"]["motto"][0] == "ĐẢNG CỘNG SẢN VIỆT NAM"


def test_council_rules_that_make_no_sense_are_refused(meeting, giay_khen):
    council = meeting.council
    council.quorum_numerator, council.quorum_denominator = 5, 3
    with pytest.raises(ValidationError, match="tử số từ 1 đến mẫu số"):
        council.full_clean()
    council.quorum_numerator = 2
    council.max_ballots = 99
    with pytest.raises(ValidationError, match="Tối đa 5 lần"):
        council.full_clean()
    rule = CouncilRule(council=council, award_type=giay_khen, pass_share=30)
    with pytest.raises(ValidationError, match="cao hơn tỷ lệ chung của hội đồng"):
        rule.full_clean()


def test_the_chair_and_secretary_belong_to_the_meetings_council(client, reviewer, meeting, tay_ho):
    other = Council.objects.create(organiser=tay_ho.district, name="Hội đồng khác")
    stranger = CouncilMember.objects.create(council=other, name="Người ngoài", role=MemberRole.CHAIR)
    client.force_login(reviewer)
    data = {
        "council": meeting.council_id,
        "campaign": meeting.campaign_id,
        "date": "20/12/2024",
        "chair": stranger.pk,
    }
    page = client.post(reverse("admin:awards_meeting_change", args=[meeting.pk]), data).content.decode()
    assert "Người ngoài không phải thành viên của Ban Thường vụ Quận ủy Tây Hồ" in page
    meeting.refresh_from_db()
    assert meeting.chair.name == "Nguyễn Văn Bình"


def test_a_broken_word_template_of_the_office_gets_a_message(client, reviewer, meeting, settings, tmp_path):
    (tmp_path / "bien-ban-hop.docx").write_bytes(b"not a word file")
    settings.WORD_TEMPLATES_DIR = tmp_path
    client.force_login(reviewer)
    url = reverse("admin:awards_meeting_paper", args=[meeting.pk, "bien-ban-hop"]) + "?dang=word"
    page = client.get(url, follow=True).content.decode()
    assert "Mẫu Word “bien-ban-hop.docx” của Văn phòng có lỗi" in page


def test_the_secretary_takes_a_candidate_off_before_the_vote_and_keeps_what_was_typed(
    client, reviewer, meeting, judges, giay_khen
):
    _attend(meeting, present=9)
    first, second = _candidates(meeting, judges, giay_khen)
    client.force_login(reviewer)
    assert _conduct(client, meeting, {"do": "remove", "candidate": first.pk}).status_code == 302
    assert list(meeting.candidates.values_list("entry__title", "order")) == [("Ngõ sạch", 1)]
    refused = _conduct(
        client, meeting, {"do": "ballot", "issued": "9", "returned": "20", f"agree_{second.pk}": "7"}
    )
    assert f'name="agree_{second.pk}" inputmode="numeric" size="4" value="7"' in refused.content.decode()
    data = {
        "do": "ballot",
        "issued": "9",
        "returned": "9",
        f"agree_{second.pk}": "8",
        f"disagree_{second.pk}": "1",
    }
    assert _conduct(client, meeting, data).status_code == 302
    assert (
        "không bỏ hồ sơ khỏi danh sách"
        in _conduct(client, meeting, {"do": "remove", "candidate": second.pk}).content.decode()
    )
    word = client.get(reverse("admin:awards_meeting_paper", args=[meeting.pk, "bien-ban-hop"]) + "?dang=word")
    text = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert "đề nghị khen thưởng 1 hồ sơ: Ngõ sạch (Chi bộ tổ dân phố số 2 Nhật Tân)." in text
    assert "Không thành viên nào vắng mặt." in text
