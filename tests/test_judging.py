"""Judging by criteria (issue [H]): the rubric, the unit's own score, the reviewers' blind scores and
abstentions, the chair's classification and the ranking."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.choices import EntryKind, Evaluation, SheetState
from campaigns.models import Criterion, Rubric
from campaigns.services import classing, judging, review
from campaigns.services import evidence as evidence_service
from campaigns.services.judging import Points
from tayho_danvan.demo import sample_files

from .factories import CampaignFactory

pytestmark = pytest.mark.django_db
GOOD = (18, 17, 27, 18, 9)  # 89: just under Tiêu biểu


def _points(entry, *values, reason="Theo minh chứng"):
    """``{criterion id: Points}`` of ``values`` in the rubric's order."""
    criteria = judging.rubric_of(entry).criteria.all()
    return {c.pk: Points(value, reason) for c, value in zip(criteria, values, strict=True)}


def _score(judges, reviewer, *values, **kwargs):
    return judging.score_entry(
        entry=judges.entry,
        reviewer=reviewer,
        by=reviewer.user,
        scores=_points(judges.entry, *values),
        **kwargs,
    )


def test_a_new_campaign_gets_the_default_rubric_and_next_year_copies_the_edited_one(campaign, tay_ho):
    rubrics = judging.set_up_rubrics(campaign=campaign)
    model = rubrics[EntryKind.MODEL]
    criteria = list(model.criteria.all())
    assert (criteria[2].name, criteria[2].max_points) == ("Kết quả, hiệu quả cụ thể, kiểm chứng được", 30)
    assert sum(c.max_points for c in criteria) == 100
    assert (model.bonus_max, model.penalty_max, model.outstanding_from, model.passed_from) == (3, 3, 90, 70)
    exemplar = rubrics[EntryKind.EXEMPLAR]
    assert exemplar.criteria.count() == 4 and sum(c.max_points for c in exemplar.criteria.all()) == 100
    # The board edits this year's rubric; next year starts from it, not from the default.
    Criterion.objects.filter(rubric=model, order=5).update(name="Khả năng nhân rộng ra các phường")
    model.passed_from = Decimal(65)
    model.save()
    next_year = CampaignFactory(organiser=tay_ho.district, year=2025)
    copied = judging.set_up_rubrics(campaign=next_year)[EntryKind.MODEL]
    assert copied.pk != model.pk and copied.passed_from == 65
    assert copied.criteria.get(order=5).name == "Khả năng nhân rộng ra các phường"
    assert judging.set_up_rubrics(campaign=next_year)[EntryKind.MODEL].pk == copied.pk  # a no-op again
    assert Rubric.objects.filter(campaign=next_year).count() == 2


def test_the_unit_scores_itself_with_an_explanation_and_its_evidence(judges, staff_nhat_tan):
    entry = judges.entry
    photo = evidence_service.add_evidence(
        entry=entry, upload=SimpleUploadedFile("anh.pdf", sample_files.pdf_bytes()), by=staff_nhat_tan
    )
    scores = _points(entry, *GOOD)
    first = next(iter(scores))
    scores[first] = Points("18,5", "Giải quyết rác thải ở chợ", evidence=(photo.pk,))
    sheet = judging.record_self_score(entry=entry, by=staff_nhat_tan, scores=scores, comment="Đạt mục tiêu")
    assert sheet.state == SheetState.SUBMITTED and sheet.total == Decimal("89.5")
    assert list(sheet.scores.get(criterion_id=first).evidence.all()) == [photo]
    entry.refresh_from_db()
    # The old free-text self-assessment is written from the scores: every reader of it still works.
    assert entry.self_assessment.startswith("Tự chấm: 89,5/100 điểm.")
    assert "Giải quyết rác thải ở chợ" in entry.self_assessment
    events = entry.events.filter(comment="Cập nhật tự đánh giá").count()
    judging.record_self_score(entry=entry, by=staff_nhat_tan, scores=scores, comment="Đạt mục tiêu")
    assert entry.events.filter(comment="Cập nhật tự đánh giá").count() == events  # a no-op


@pytest.mark.parametrize(
    "values, message",
    [
        ((25, 17, 27, 18, 9), "điểm phải từ 0 đến 20"),
        (("mười", 17, 27, 18, 9), "“mười” không phải là số điểm"),
        (("18.25", 17, 27, 18, 9), "một chữ số thập phân"),
        ((-1, 17, 27, 18, 9), "điểm không được âm"),
        (("1e30", 17, 27, 18, 9), "“1e30” không phải là số điểm"),
        (("NaN", 17, 27, 18, 9), "“NaN” không phải là số điểm"),
        (("Infinity", 17, 27, 18, 9), "“Infinity” không phải là số điểm"),
        (("1E+999999999", 17, 27, 18, 9), "không phải là số điểm"),
    ],
)
def test_a_bad_self_score_is_refused_with_its_criterion_named(judges, staff_nhat_tan, values, message):
    with pytest.raises(ValidationError) as error:
        judging.record_self_score(
            entry=judges.entry, by=staff_nhat_tan, scores=_points(judges.entry, *values)
        )
    assert "Tiêu chí 1" in error.value.messages[0] and message in error.value.messages[0]
    assert not judges.entry.scoresheets.exists()


def test_a_self_score_without_explanation_or_with_another_entrys_evidence_is_refused(
    judges, staff_nhat_tan, campaign, tay_ho
):
    with pytest.raises(ValidationError, match="hãy giải trình"):
        judging.record_self_score(
            entry=judges.entry, by=staff_nhat_tan, scores=_points(judges.entry, *GOOD, reason="")
        )
    scores = _points(judges.entry, *GOOD)
    for bad in (999_999, "²", "-1", "1e3"):
        scores[next(iter(scores))] = Points(18, "x", evidence=(bad,))
        with pytest.raises(ValidationError, match="minh chứng không thuộc hồ sơ này"):
            judging.record_self_score(entry=judges.entry, by=staff_nhat_tan, scores=scores)
    assert not judges.entry.scoresheets.exists()


def test_reviewers_score_blind_and_abstentions_stay_out_of_the_average(judges, staff_nhat_tan):
    judging.record_self_score(entry=judges.entry, by=staff_nhat_tan, scores=_points(judges.entry, *GOOD))
    _score(judges, judges.chair, 18, 18, 28, 18, 9, bonus=2, bonus_reason="Được báo chí nêu gương")
    _score(judges, judges.second, 16, 16, 25, 16, 8)
    # The reviewer on Nhật Tân's staff may not score it, and records it.
    with pytest.raises(ValidationError, match="xung đột lợi ích"):
        _score(judges, judges.conflicted, 20, 20, 30, 20, 10)
    sheet = judging.abstain(entry=judges.entry, reviewer=judges.conflicted, by=judges.conflicted.user)
    assert sheet.state == SheetState.ABSTAINED and "Đảng ủy phường Nhật Tân" in sheet.abstain_reason
    judgement = classing.judgement_of(judges.entry)
    assert [s.total for s in judgement.sheets] == [Decimal(93), Decimal(81)]
    assert judgement.average == Decimal(87) and judgement.spread == Decimal(12)
    assert judgement.proposed == Evaluation.PASSED
    assert [str(mean) for _, mean, _ in judgement.by_criterion] == ["17.0", "17.0", "26.5", "17.0", "8.5"]
    assert len(judgement.abstentions) == 1


def test_a_score_far_from_the_units_own_needs_a_reason(judges, staff_nhat_tan):
    judging.record_self_score(entry=judges.entry, by=staff_nhat_tan, scores=_points(judges.entry, *GOOD))
    scores = _points(judges.entry, 18, 17, 20, 18, 9, reason="")  # 27 → 20 on a 30-point criterion: 23%
    with pytest.raises(ValidationError) as error:
        judging.score_entry(entry=judges.entry, reviewer=judges.second, by=judges.second.user, scores=scores)
    assert error.value.messages == [
        "Tiêu chí 3 (Kết quả, hiệu quả cụ thể, kiểm chứng được): điểm lệch 7 so với điểm "
        "đơn vị tự chấm (27), quá 20% điểm tối đa: hãy ghi lý do."
    ]
    scores = _points(judges.entry, 18, 17, 21, 18, 9, reason="")  # 6 of 30 = 20%: no reason needed
    assert judging.score_entry(
        entry=judges.entry, reviewer=judges.second, by=judges.second.user, scores=scores
    )


def test_a_bonus_above_its_cap_or_without_reason_is_refused(judges):
    with pytest.raises(ValidationError, match="Điểm thưởng phải từ 0 đến 3"):
        _score(judges, judges.second, *GOOD, bonus=4, bonus_reason="Nhiều")
    with pytest.raises(ValidationError, match="Điểm thưởng: “1e30” không phải là số điểm"):
        _score(judges, judges.second, *GOOD, bonus="1e30", bonus_reason="Nhiều")
    with pytest.raises(ValidationError, match="Điểm trừ: hãy ghi lý do"):
        _score(judges, judges.second, *GOOD, penalty=1)
    assert not judges.entry.scoresheets.exists()


def test_a_reviewer_only_scores_the_wards_and_fields_assigned(judges, tay_ho):
    judges.second.wards.set([tay_ho.quang_an])
    with pytest.raises(ValidationError, match="không thuộc các đơn vị, lĩnh vực được phân công"):
        _score(judges, judges.second, *GOOD)
    judges.second.wards.set([tay_ho.nhat_tan])
    judges.second.fields = ["economy"]
    judges.second.save()
    with pytest.raises(ValidationError, match="không thuộc các đơn vị, lĩnh vực được phân công"):
        _score(judges, judges.second, *GOOD)
    judges.second.fields = [judges.entry.field]
    judges.second.save()
    assert _score(judges, judges.second, *GOOD).total == 89
    assert list(judging.entries_to_score(judges.second)) == [judges.entry, judges.other]
    judges.second.wards.set([tay_ho.quang_an])
    assert not judging.entries_to_score(judges.second).exists()


def test_the_chair_finalises_the_class_the_average_gives_and_a_different_one_needs_a_reason(
    judges, staff_nhat_tan
):
    judging.record_self_score(entry=judges.entry, by=staff_nhat_tan, scores=_points(judges.entry, *GOOD))
    _score(judges, judges.chair, 18, 18, 28, 18, 9)
    _score(judges, judges.second, 16, 16, 25, 16, 8)
    with pytest.raises(ValidationError, match="Chỉ trưởng ban"):
        classing.finalise_entry(entry=judges.entry, by=judges.second.user)
    with pytest.raises(ValidationError) as error:
        classing.finalise_entry(entry=judges.entry, by=judges.chair.user, result=Evaluation.OUTSTANDING)
    assert error.value.messages == ["Điểm bình quân 86 ứng với “Đạt”; xếp “Tiêu biểu” cần ghi lý do."]
    judges.entry.refresh_from_db()
    assert judges.entry.evaluation == ""
    entry = classing.finalise_entry(
        entry=judges.entry, by=judges.chair.user, result=Evaluation.OUTSTANDING, reason="Lan tỏa toàn quận"
    )
    assert (entry.evaluation, entry.score, entry.evaluation_reason) == (
        Evaluation.OUTSTANDING,
        Decimal(86),
        "Lan tỏa toàn quận",
    )
    assert entry.events.filter(
        comment="Đánh giá: Tiêu biểu (86 điểm); khác ngưỡng điểm vì: Lan tỏa toàn quận"
    ).exists()
    # Once classed, nobody scores it any more.
    with pytest.raises(ValidationError, match="chưa xếp loại"):
        _score(judges, judges.second, 16, 16, 25, 16, 9)


def test_a_top_average_with_a_criterion_at_zero_is_passed_not_outstanding(judges, staff_nhat_tan):
    judging.record_self_score(
        entry=judges.entry, by=staff_nhat_tan, scores=_points(judges.entry, 20, 20, 30, 20, 1)
    )
    _score(judges, judges.chair, 20, 20, 30, 20, 0, bonus=3, bonus_reason="Được Thành ủy biểu dương")
    judgement = classing.judgement_of(judges.entry)
    assert judgement.average == 93 and judgement.proposed == Evaluation.PASSED
    entry = classing.finalise_entry(entry=judges.entry, by=judges.chair.user)
    assert (entry.evaluation, entry.score, entry.evaluation_reason) == (Evaluation.PASSED, Decimal(93), "")


def test_a_scored_entry_is_not_ruled_on_by_the_old_evaluation(judges, staff_nhat_tan, reviewer):
    judging.record_self_score(entry=judges.entry, by=staff_nhat_tan, scores=_points(judges.entry, *GOOD))
    _score(judges, judges.second, *GOOD)
    with pytest.raises(ValidationError, match="trưởng ban chốt xếp loại"):
        review.evaluate_entry(entry=judges.entry, by=reviewer, result=Evaluation.PASSED)


def test_the_ranking_orders_each_field_by_average_with_its_spread(judges, staff_nhat_tan):
    other = judges.other
    for entry, values in ((judges.entry, GOOD), (other, (20, 20, 28, 20, 10))):
        judging.record_self_score(entry=entry, by=staff_nhat_tan, scores=_points(entry, *values))
        judging.score_entry(
            entry=entry, reviewer=judges.second, by=judges.second.user, scores=_points(entry, *values)
        )
    judging.score_entry(
        entry=other, reviewer=judges.chair, by=judges.chair.user, scores=_points(other, 18, 18, 28, 18, 10)
    )
    ((kind, field, rows),) = classing.ranking(judges.campaign)
    assert (kind, field) == ("Mô hình", "Văn hóa – xã hội")
    assert [(r.rank, r.entry.title, r.average, r.spread, r.sheets) for r in rows] == [
        (1, "Ngõ sạch", Decimal(95), Decimal(6), 2),
        (2, "Chợ văn minh", Decimal(89), Decimal(0), 1),
    ]


def test_the_report_counts_the_scored_entries_their_averages_and_the_chairs_classes(judges, staff_nhat_tan):
    from awards.reports.figures import as_text, campaign_figures  # local: the report floor reads judging

    for entry, values in ((judges.entry, (16, 17, 25, 18, 9)), (judges.other, (20, 20, 28, 20, 10))):
        judging.record_self_score(entry=entry, by=staff_nhat_tan, scores=_points(entry, *values))
        judging.score_entry(
            entry=entry, reviewer=judges.second, by=judges.second.user, scores=_points(entry, *values)
        )
    classing.finalise_entry(entry=judges.other, by=judges.chair.user)
    figures = campaign_figures(judges.campaign)
    assert figures["judging"] == {
        "scored": 2,
        "average": {
            "models": 91.5,  # (85 + 98) / 2
            "exemplars": None,
            "by_field": {
                "economy": None,
                "culture_society": 91.5,
                "defence_security": None,
                "political_system": None,
            },
        },
        "classified": {"passed": 0, "not_passed": 0, "outstanding": 1},
    }
    assert "Chấm điểm theo tiêu chí: 2 hồ sơ đã chấm, mô hình bình quân 91,5 điểm" in as_text(figures)
