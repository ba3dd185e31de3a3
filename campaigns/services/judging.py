"""Judging by criteria (issue [H]): the unit's own score, the reviewers' assignments, scores and
abstentions. The rubric is made in ``campaigns.services.rubrics`` (re-exported here, as the doors of
judging read it); the chair's classification is in ``campaigns.services.classing``.
"""

import operator
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from units.models import Membership, Unit

from ..choices import CampaignState, EntryState, SheetKind, SheetState
from ..models import CriterionScore, Evidence, Reviewer, Scoresheet
from ..models.judging import points_text
from .common import lock_entry
from .registration import can_self_assess, record_self_assessment
from .rubrics import DEFAULT_CRITERIA, rubric_of, set_up_rubrics  # noqa: F401  (read by judging's callers)


@dataclass(frozen=True)
class Points:
    """One criterion's score as typed: ``points`` (a ``Decimal`` or its text, "18" or "18,5"),
    ``reason`` (the unit's explanation or the reviewer's reason) and ``evidence`` (ids of the entry's
    evidence files it points to)."""

    points: object
    reason: str = ""
    evidence: tuple = field(default=())


def ward_of(unit, organiser):
    """The unit directly under ``organiser`` that ``unit`` belongs to (itself when it is one): a cell's
    ward committee. One query, none when ``unit`` is directly under the organiser."""
    if unit.depth <= organiser.depth + 1:
        return unit
    return Unit.objects.get(path=unit.path[: Unit.steplen * (organiser.depth + 1)])


def conflict_of(user, entry):
    """The unit where ``user`` holds a role that bars them from scoring ``entry`` (issue [H]: a role in
    the entry's unit or its ward), or ``None``. One query."""
    ward = ward_of(entry.unit, entry.campaign.organiser)
    membership = (
        Membership.objects.filter(user=user, unit_id__in={entry.unit_id, ward.pk})
        .select_related("unit")
        .first()
    )
    return membership.unit if membership else None


def covers_entry(reviewer, entry, ward_ids=None):
    """True when ``reviewer``'s assignment (wards, fields; empty means all) covers ``entry``.
    ``ward_ids``: the reviewer's ward ids when already read (a set), to spare the query."""
    if reviewer.fields and entry.field not in reviewer.fields:
        return False
    if ward_ids is None:
        ward_ids = {unit.pk for unit in reviewer.wards.all()}
    if not ward_ids:
        return True
    return ward_of(entry.unit, entry.campaign.organiser).pk in ward_ids


def entries_to_score(reviewer):
    """Queryset of the accepted entries ``reviewer`` scores in its campaign (wards and fields of the
    assignment), oldest first, in one query (the wards as path prefixes, not a list of units)."""
    entries = reviewer.campaign.entries.filter(state=EntryState.ACCEPTED)
    if reviewer.fields:
        entries = entries.filter(field__in=reviewer.fields)
    wards = list(reviewer.wards.values_list("path", flat=True))
    if wards:
        entries = entries.filter(reduce(operator.or_, (Q(unit__path__startswith=path) for path in wards)))
    return entries.order_by("unit__path", "kind", "pk")


def waiting_for(user):
    """The number of entries ``user`` still has to score (not yet classed by the chair, no submitted
    sheet, no abstention) across their reviewer roles in campaigns being evaluated; ``None`` when they
    score in none. Two queries a role (a board member has one a year)."""
    roles = Reviewer.objects.filter(user=user, campaign__state=CampaignState.EVALUATING).select_related(
        "campaign"
    )
    counts = [
        entries_to_score(reviewer)
        .filter(evaluation="")
        .exclude(scoresheets__reviewer=reviewer, scoresheets__state__in=SheetState.done)
        .count()
        for reviewer in roles
    ]
    return sum(counts) if counts else None


POINTS_TEXT = re.compile(r"\d{1,3}([.,]\d+)?")  # 18, 18,5, 18.5: no sign, exponent, NaN or Infinity


def _decimal(value, label):
    """``value`` (a ``Decimal``, or text as typed: "18", "18,5") as a ``Decimal`` of at most one
    decimal; raises ``ValidationError`` naming ``label`` otherwise (the range is checked by callers)."""
    if isinstance(value, Decimal):
        number = value
        if not number.is_finite():
            raise ValidationError(f"{label}: “{value}” không phải là số điểm.")
    else:
        text = str(value if value is not None else "").strip()
        if not text:
            raise ValidationError(f"{label}: hãy nhập điểm.")
        if text.startswith("-") and POINTS_TEXT.fullmatch(text[1:]):
            raise ValidationError(f"{label}: điểm không được âm.")
        if not POINTS_TEXT.fullmatch(text):
            raise ValidationError(f"{label}: “{value}” không phải là số điểm.")
        number = Decimal(text.replace(",", "."))
    if number != number.quantize(Decimal("0.1")):
        raise ValidationError(f"{label}: điểm chỉ lấy đến một chữ số thập phân.")
    return number


def _checked(rubric, scores, entry):
    """``{criterion: (Decimal, reason, [Evidence])}`` of ``scores`` after the rubric's checks: every
    criterion scored, 0 to its maximum, evidence only of ``entry``. Raises ``ValidationError`` listing
    every problem."""
    criteria = {c.pk: c for c in rubric.criteria.all()}
    unknown = set(scores) - set(criteria)
    if unknown:
        raise ValidationError("Tiêu chí không thuộc bộ tiêu chí chấm của hồ sơ này.")
    evidence = {e.pk: e for e in Evidence.objects.filter(entry=entry, removed_at__isnull=True)}
    problems, checked = [], {}
    for pk, criterion in criteria.items():
        label = f"Tiêu chí {criterion.order} ({criterion.name})"
        given = scores.get(pk)
        if given is None:
            problems.append(f"{label}: hãy nhập điểm.")
            continue
        try:
            points = _decimal(given.points, label)
        except ValidationError as error:
            problems.extend(error.messages)
            continue
        if not Decimal(0) <= points <= criterion.max_points:
            problems.append(f"{label}: điểm phải từ 0 đến {points_text(criterion.max_points)}.")
            continue
        keys = [str(e) for e in given.evidence]
        files = [evidence[int(k)] for k in keys if k.isascii() and k.isdigit() and int(k) in evidence]
        if len(files) != len(given.evidence):
            problems.append(f"{label}: minh chứng không thuộc hồ sơ này.")
        checked[criterion] = (points, (given.reason or "").strip(), files)
    if problems:
        raise ValidationError(problems)
    return checked


def _adjustments(rubric, *, bonus, bonus_reason, penalty, penalty_reason):
    problems = []
    values = []
    for value, reason, cap, label in (
        (bonus, bonus_reason, rubric.bonus_max, "Điểm thưởng"),
        (penalty, penalty_reason, rubric.penalty_max, "Điểm trừ"),
    ):
        try:
            number = _decimal(value if value not in (None, "") else 0, label)
        except ValidationError as error:
            problems.extend(error.messages)
            continue
        if not Decimal(0) <= number <= cap:
            problems.append(f"{label} phải từ 0 đến {points_text(cap)}.")
        elif number and not (reason or "").strip():
            problems.append(f"{label}: hãy ghi lý do.")
        values.append(number)
    if problems:
        raise ValidationError(problems)
    return values


def _write_sheet(sheet, checked, *, by, submit, **values):
    """Save ``sheet`` with ``values`` and its criterion scores ``checked``; the total kept."""
    now = timezone.now()
    for name, value in values.items():
        setattr(sheet, name, value)
    sheet.total = sum((points for points, _, _ in checked.values()), Decimal(0)) + sheet.bonus - sheet.penalty
    sheet.by, sheet.updated_at, sheet._history_user = by, now, by
    if submit:
        sheet.state, sheet.submitted_at = SheetState.SUBMITTED, sheet.submitted_at or now
    sheet.save()
    existing = {score.criterion_id: score for score in sheet.scores.all()}
    for criterion, (points, reason, files) in checked.items():
        score = existing.get(criterion.pk) or CriterionScore(sheet=sheet, criterion=criterion)
        if score.pk is None or (score.points, score.reason) != (points, reason):
            score.points, score.reason = points, reason
            score.save()
        score.evidence.set(files)
    return sheet


def _unchanged(sheet, checked, submit, **values):
    if sheet.pk is None or (submit and sheet.state != SheetState.SUBMITTED):
        return False
    if any(getattr(sheet, name) != value for name, value in values.items()):
        return False
    current = {
        s.criterion_id: (s.points, s.reason, {e.pk for e in s.evidence.all()}) for s in sheet.scores.all()
    }
    wanted = {c.pk: (p, r, {f.pk for f in files}) for c, (p, r, files) in checked.items()}
    return current == wanted


def reviewer_sheet(entry, reviewer):
    """``reviewer``'s scoresheet of ``entry`` (scores prefetched), or ``None``."""
    return (
        entry.scoresheets.filter(kind=SheetKind.REVIEWER, reviewer=reviewer)
        .prefetch_related("scores__evidence")
        .first()
    )


def board_has_scored(entry):
    """True once a reviewer has submitted a score of ``entry`` (one query)."""
    return entry.scoresheets.filter(kind=SheetKind.REVIEWER, state=SheetState.SUBMITTED).exists()


def self_sheet(entry):
    """The unit's own scoresheet of ``entry`` (scores prefetched), or ``None``."""
    return entry.scoresheets.filter(kind=SheetKind.SELF).prefetch_related("scores__evidence").first()


@transaction.atomic
def record_self_score(*, entry, by, scores, comment="", at=None):
    """The unit scores itself: a proposed score and an explanation per criterion (``scores``:
    ``{criterion id: Points}``), with links to the entry's evidence; ``comment`` its overall summary.

    Allowed when the self-assessment is (``registration.can_self_assess``) and no reviewer has
    submitted a score yet (theirs are compared with it). Side effects: the unit's
    ``Scoresheet`` (submitted) and its ``CriterionScore`` rows; the entry's ``self_assessment`` text
    rewritten from the scores through ``registration.record_self_assessment`` (so every reader of the
    self-assessment, the work queue and the export included, sees it; its event, dated ``at`` or now,
    notes the update). A
    no-op when nothing changes. Raises ``ValidationError`` for a missing, out-of-range or
    unexplained score, another entry's evidence, or the wrong stage.
    """
    entry = lock_entry(entry, by)
    if not can_self_assess(entry):
        raise ValidationError(
            "Chỉ tự chấm được mô hình, điển hình đã được duyệt, khi phong trào đang triển khai hoặc đang "
            "đánh giá và Ban Dân vận chưa kết luận."
        )
    if board_has_scored(entry):
        raise ValidationError("Ban Dân vận đã bắt đầu chấm hồ sơ này: không sửa phần tự chấm được nữa.")
    rubric = rubric_of(entry)
    checked = _checked(rubric, scores, entry)
    missing = [
        f"Tiêu chí {c.order} ({c.name}): hãy giải trình số điểm tự chấm."
        for c, v in checked.items()
        if not v[1]
    ]
    if missing:
        raise ValidationError(missing)
    sheet = self_sheet(entry) or Scoresheet(entry=entry, kind=SheetKind.SELF)
    comment = (comment or "").strip()
    if _unchanged(sheet, checked, True, comment=comment):
        return sheet
    sheet = _write_sheet(sheet, checked, by=by, submit=True, comment=comment)
    text = self_assessment_text(rubric, sheet, checked, comment)
    record_self_assessment(entry=entry, text=text, by=by, at=at)
    return sheet


def self_assessment_text(rubric, sheet, checked, comment):
    """The self-assessment as text, one line per criterion, for the readers of the old free text."""
    maximum = sum((c.max_points for c in checked), Decimal(0))
    lines = [f"Tự chấm: {points_text(sheet.total)}/{points_text(maximum)} điểm."]
    for criterion, (points, reason, _) in checked.items():
        lines.append(
            f"{criterion.order}. {criterion.name}: "
            f"{points_text(points)}/{points_text(criterion.max_points)} — {reason}"
        )
    if comment:
        lines.append(comment)
    return "\n".join(lines)


def can_score(entry):
    """True while reviewers may score ``entry`` (no query): accepted, evaluating, not yet classed."""
    return (
        entry.state == EntryState.ACCEPTED
        and entry.campaign.state == CampaignState.EVALUATING
        and not entry.evaluation
    )


def reviewer_of(user, campaign):
    """``user``'s ``Reviewer`` row in ``campaign`` (wards prefetched), or ``None``."""
    return Reviewer.objects.filter(campaign=campaign, user=user).prefetch_related("wards").first()


def _check_may_score(entry, reviewer, user):
    if reviewer is None or reviewer.campaign_id != entry.campaign_id:
        raise ValidationError("Bạn không có tên trong danh sách người chấm của phong trào này.")
    if not can_score(entry):
        raise ValidationError(
            f"“{entry}”: chỉ chấm được hồ sơ đã duyệt, chưa xếp loại, khi phong trào đang đánh giá."
        )
    if not covers_entry(reviewer, entry):
        raise ValidationError(f"“{entry}” không thuộc các đơn vị, lĩnh vực được phân công cho bạn chấm.")


@transaction.atomic
def score_entry(
    *,
    entry,
    reviewer,
    by,
    scores,
    bonus=0,
    bonus_reason="",
    penalty=0,
    penalty_reason="",
    comment="",
    submit=True,
):
    """A reviewer scores ``entry`` on its rubric: ``scores`` ``{criterion id: Points}``, ``bonus`` and
    ``penalty`` within the rubric's caps with their reasons, ``comment``; ``submit`` False keeps a draft.

    Rules (issue [H]): only an assigned reviewer, while the entry may be scored; a reviewer holding a
    role in the entry's unit or its ward is refused (``abstain`` records it); a score further from the
    unit's own than the rubric's ``deviation_share`` of the criterion's maximum needs a reason.
    Side effects: the reviewer's ``Scoresheet`` and ``CriterionScore`` rows, their audit history naming
    ``by``; no ``EntryEvent`` (the unit reads the entry's events, and reviewers stay unnamed to it). A
    no-op when nothing changes. Raises ``ValidationError``, also after the reviewer abstained.
    """
    entry = lock_entry(entry, by)
    _check_may_score(entry, reviewer, by)
    conflict = conflict_of(reviewer.user, entry)
    if conflict is not None:
        raise ValidationError(
            f"Bạn giữ vai trò tại {conflict}: không chấm “{entry}” (xung đột lợi ích); "
            "hãy ghi nhận không chấm."
        )
    rubric = rubric_of(entry)
    checked = _checked(rubric, scores, entry)
    bonus, penalty = _adjustments(
        rubric, bonus=bonus, bonus_reason=bonus_reason, penalty=penalty, penalty_reason=penalty_reason
    )
    own = self_sheet(entry)
    if own is not None:
        theirs = {score.criterion_id: score.points for score in own.scores.all()}
        far = [
            f"Tiêu chí {c.order} ({c.name}): điểm lệch {points_text(abs(points - theirs[c.pk]))} so "
            f"với điểm đơn vị tự chấm ({points_text(theirs[c.pk])}), quá {rubric.deviation_share}% "
            "điểm tối đa: hãy ghi lý do."
            for c, (points, reason, _) in checked.items()
            if c.pk in theirs
            and not reason
            and abs(points - theirs[c.pk]) * 100 > c.max_points * rubric.deviation_share
        ]
        if far:
            raise ValidationError(far)
    sheet = reviewer_sheet(entry, reviewer) or Scoresheet(
        entry=entry, kind=SheetKind.REVIEWER, reviewer=reviewer
    )
    if sheet.state == SheetState.ABSTAINED:
        raise ValidationError(f"Bạn đã ghi nhận không chấm “{entry}”: {sheet.abstain_reason}")
    if sheet.state == SheetState.SUBMITTED and not submit:
        submit = True  # a submitted sheet stays submitted when corrected
    values = {
        "bonus": bonus,
        "bonus_reason": (bonus_reason or "").strip() if bonus else "",
        "penalty": penalty,
        "penalty_reason": (penalty_reason or "").strip() if penalty else "",
        "comment": (comment or "").strip(),
        "abstain_reason": "",
    }
    if _unchanged(sheet, checked, submit, **values):
        return sheet
    return _write_sheet(sheet, checked, by=by, submit=submit, **values)


@transaction.atomic
def abstain(*, entry, reviewer, by, reason=""):
    """A reviewer records that they do not score ``entry``: a conflict of interest (the role found by
    ``conflict_of`` is named when ``reason`` is empty) or another stated reason.

    Side effects: the reviewer's ``Scoresheet`` marked abstained (a draft's scores are deleted: an
    abstention counts in no average), its history naming ``by``; no ``EntryEvent`` (as ``score_entry``).
    A no-op when already abstained. Raises ``ValidationError`` when the reviewer may not score the
    entry at all, has already submitted (having seen the others' sheets), or gives no reason without a
    conflict.
    """
    entry = lock_entry(entry, by)
    _check_may_score(entry, reviewer, by)
    reason = (reason or "").strip()
    if not reason:
        conflict = conflict_of(reviewer.user, entry)
        if conflict is None:
            raise ValidationError("Hãy ghi lý do không chấm.")
        reason = f"Xung đột lợi ích: giữ vai trò tại {conflict}."
    sheet, _ = Scoresheet.objects.get_or_create(
        entry=entry,
        kind=SheetKind.REVIEWER,
        reviewer=reviewer,
        defaults={"state": SheetState.DRAFT, "by": by},
    )
    if sheet.state == SheetState.ABSTAINED:
        return sheet
    if sheet.state == SheetState.SUBMITTED:
        raise ValidationError(f"Bạn đã nộp phiếu chấm “{entry}”: không ghi nhận không chấm được nữa.")
    sheet.scores.all().delete()
    sheet.state, sheet.abstain_reason, sheet.total, sheet.by = SheetState.ABSTAINED, reason, None, by
    sheet.submitted_at = sheet.updated_at = timezone.now()
    sheet._history_user = by
    sheet.save(update_fields=["state", "abstain_reason", "total", "by", "submitted_at", "updated_at"])
    return sheet
