"""The chair's classification of scored entries and the ranking that feeds the award proposal
(issue [H], items 4). The class follows from the reviewers' average and the rubric's thresholds; a
different class needs a recorded reason; the outcome is the entry's existing ``evaluation``, written
by its one door ``review.evaluate_entry``.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count, Max, Min, Q

from ..choices import EntryKind, EntryState, Evaluation, Field, SheetKind, SheetState
from ..models import Entry, Reviewer
from ..models.judging import points_text
from . import review
from .judging import covers_entry, rubric_of

TENTH = Decimal("0.1")
SUBMITTED_BY_REVIEWERS = Q(scoresheets__kind=SheetKind.REVIEWER, scoresheets__state=SheetState.SUBMITTED)


def _tenth(value):
    return None if value is None else Decimal(value).quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass
class Judgement:
    """What the reviewers' scores of one entry add up to: ``average`` total (``Decimal`` to a tenth,
    ``None`` before any submitted sheet), ``by_criterion`` ``[(criterion, average, self points)]``,
    ``spread`` (highest total − lowest), the ``sheets`` counted, the ``abstentions`` and the
    ``proposed`` class the rubric's thresholds give."""

    rubric: object
    sheets: list
    abstentions: list
    own: object
    average: Decimal | None
    by_criterion: list
    spread: Decimal | None
    proposed: str | None


def proposed_class(rubric, average, criterion_averages):
    """The class the thresholds give: Tiêu biểu from ``outstanding_from`` (and, when the rubric says
    so, no criterion averaging 0), Đạt from ``passed_from``, else Không đạt; ``None`` without an
    average. ``criterion_averages``: the criteria's averages (``Decimal``s)."""
    if average is None:
        return None
    no_zero = not rubric.outstanding_needs_every_criterion or all(points > 0 for points in criterion_averages)
    if average >= rubric.outstanding_from and no_zero:
        return Evaluation.OUTSTANDING
    if average >= rubric.passed_from:
        return Evaluation.PASSED
    return Evaluation.NOT_PASSED


def judgement_of(entry):
    """The ``Judgement`` of ``entry`` from its submitted reviewer sheets (abstentions left out of the
    averages). Four queries."""
    rubric = rubric_of(entry)
    sheets = list(
        entry.scoresheets.select_related("reviewer__user").prefetch_related("scores__evidence").order_by("id")
    )
    counted = [s for s in sheets if s.kind == SheetKind.REVIEWER and s.state == SheetState.SUBMITTED]
    abstentions = [s for s in sheets if s.kind == SheetKind.REVIEWER and s.state == SheetState.ABSTAINED]
    own = next((s for s in sheets if s.kind == SheetKind.SELF), None)
    own_points = {score.criterion_id: score.points for score in own.scores.all()} if own else {}
    by_criterion = []
    for criterion in rubric.criteria.all():
        points = [
            score.points
            for sheet in counted
            for score in sheet.scores.all()
            if score.criterion_id == criterion.pk
        ]
        mean = _tenth(sum(points) / len(points)) if points else None
        by_criterion.append((criterion, mean, own_points.get(criterion.pk)))
    totals = [sheet.total for sheet in counted]
    average = _tenth(sum(totals) / len(totals)) if totals else None
    spread = max(totals) - min(totals) if totals else None
    means = [mean for _, mean, _ in by_criterion if mean is not None]
    return Judgement(
        rubric=rubric,
        sheets=counted,
        abstentions=abstentions,
        own=own,
        average=average,
        by_criterion=by_criterion,
        spread=spread,
        proposed=proposed_class(rubric, average, means),
    )


def not_yet_scored_by(entry):
    """The reviewers whose assignment covers ``entry`` and who have neither submitted nor abstained:
    the chair is told before finalising without them (a list of ``Reviewer``). Three queries."""
    done = set(
        entry.scoresheets.filter(kind=SheetKind.REVIEWER, state__in=SheetState.done).values_list(
            "reviewer_id", flat=True
        )
    )
    reviewers = (
        Reviewer.objects.filter(campaign_id=entry.campaign_id)
        .select_related("user")
        .prefetch_related("wards")
    )
    return [
        r for r in reviewers if r.pk not in done and covers_entry(r, entry, {w.pk for w in r.wards.all()})
    ]


def is_chair(user, campaign):
    """True for the chair of ``campaign``'s reviewers (and a superuser): who finalises the classes."""
    return user.is_superuser or Reviewer.objects.filter(campaign=campaign, user=user, is_chair=True).exists()


@transaction.atomic
def finalise_entry(*, entry, by, result=None, reason="", comment="", expected_version=None):
    """The chair finalises ``entry``'s class: ``result`` (an ``Evaluation`` value; default the class
    the reviewers' average gives), ``reason`` (required when ``result`` differs from it), ``comment``
    (the board's remark the unit reads).

    Side effects: through ``review.evaluate_entry``, the entry's ``evaluation``, ``evaluation_comment``,
    ``score`` (the average) and ``evaluation_reason``, and one ``EntryEvent``. A no-op when the same
    outcome is recorded. Raises ``ValidationError`` when ``by`` is not the chair, no reviewer has
    submitted a score, or a different class comes without a reason (and as ``evaluate_entry``).
    """
    if not is_chair(by, entry.campaign):
        raise ValidationError("Chỉ trưởng ban chấm điểm của phong trào chốt xếp loại.")
    judgement = judgement_of(entry)
    if judgement.average is None:
        raise ValidationError(f"“{entry}” chưa có phiếu chấm nào đã nộp: chưa chốt xếp loại được.")
    result = result or judgement.proposed
    if result not in Evaluation.values:
        raise ValidationError({"result": "Kết quả đánh giá phải là Đạt, Không đạt hoặc Tiêu biểu."})
    reason = (reason or "").strip()
    if result != judgement.proposed and not reason:
        proposed = Evaluation(judgement.proposed).label
        raise ValidationError(
            {
                "reason": f"Điểm bình quân {points_text(judgement.average)} ứng với “{proposed}”; "
                f"xếp “{Evaluation(result).label}” cần ghi lý do."
            }
        )
    if result == judgement.proposed:
        reason = ""
    return review.evaluate_entry(
        entry=entry,
        by=by,
        result=result,
        comment=comment,
        expected_version=expected_version,
        score=judgement.average,
        reason=reason,
    )


@dataclass
class RankedEntry:
    entry: object
    average: Decimal | None
    spread: Decimal | None
    sheets: int
    rank: int


def ranking(campaign):
    """The campaign's accepted entries ranked per kind and field by the reviewers' average (abstentions
    and drafts left out), with the spread and the number of sheets: ``[(kind label, field label,
    [RankedEntry])]`` in the enums' order, best first, unscored last. Two queries, whatever the size."""
    rows = (
        Entry.objects.filter(campaign=campaign, state=EntryState.ACCEPTED)
        .select_related("unit")
        .annotate(
            average=Avg("scoresheets__total", filter=SUBMITTED_BY_REVIEWERS),
            highest=Max("scoresheets__total", filter=SUBMITTED_BY_REVIEWERS),
            lowest=Min("scoresheets__total", filter=SUBMITTED_BY_REVIEWERS),
            sheets=Count("scoresheets", filter=SUBMITTED_BY_REVIEWERS),
        )
        .order_by("kind", "field", "pk")
    )
    groups = {}
    for entry in rows:
        groups.setdefault((entry.kind, entry.field), []).append(entry)
    ranked = []
    for kind in EntryKind:
        for field in Field:
            entries = groups.get((kind, field))
            if not entries:
                continue
            entries.sort(key=lambda e: (e.average is None, -(e.average or 0), e.pk))
            rows, rank = [], 0
            for n, e in enumerate(entries, start=1):
                average = _tenth(e.average)
                if not rows or average != rows[-1].average:
                    rank = n  # equal averages share a rank: 1, 2, 2, 4
                spread = None if e.highest is None else e.highest - e.lowest
                rows.append(RankedEntry(entry=e, average=average, spread=spread, sheets=e.sheets, rank=rank))
            ranked.append((kind.label, field.label, rows))
    return ranked
