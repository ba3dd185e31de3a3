"""The board's doors on an entry: accept, return with a reason, evaluate its results, correct its
registration form (admin form, Excel import). DESIGN.md, "Xét duyệt" and "Đánh giá".

Same conventions as ``campaigns.services.registration``: keyword-only arguments, one transaction, a
row lock, an ``EntryEvent``, a no-op when nothing changes, ``ValidationError`` with a Vietnamese
message otherwise. ``expected_version`` (``Entry.version`` when the reviewer opened the entry) makes a
second reviewer's stale action fail with a conflict message instead of overwriting the first one's work.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..choices import CampaignState, EntryState, Evaluation
from ..models import Entry, EntryEvent
from ..models.entry import search_text_of
from ..models.judging import points_text
from .common import check_links, lock_entry, nfc, record_event
from .judging import board_has_scored
from .registration import FORM_FIELDS


@transaction.atomic
def accept_entry(*, entry, by, comment="", expected_version=None, at=None):
    """The board accepts a submitted or resubmitted entry (→ accepted).

    Side effects: the entry's ``state``; its ``return_reason`` is cleared; one ``EntryEvent``.
    A no-op when already accepted. Raises ``ValidationError`` for any other state, or when the entry
    changed after the reviewer opened it (``expected_version``, as ``evaluate_entry``).
    """
    entry = lock_entry(entry, by)
    if entry.state == EntryState.ACCEPTED:
        return entry
    _check_version(entry, expected_version)
    if entry.state not in EntryState.awaiting_review:
        raise ValidationError(
            f"“{entry}” đang ở trạng thái “{entry.get_state_display()}”, chỉ duyệt được hồ sơ đã gửi."
        )
    before = entry.state
    entry.state = EntryState.ACCEPTED
    entry.return_reason = ""
    entry.save(update_fields=["state", "return_reason", "updated_at"])
    record_event(entry, by=by, from_state=before, to_state=entry.state, comment=comment, at=at)
    return entry


@transaction.atomic
def return_entry(*, entry, by, reason, expected_version=None, at=None):
    """The board returns a submitted or resubmitted entry to its unit with a ``reason`` (→ returned).

    Side effects: the entry's ``state`` and ``return_reason``; one ``EntryEvent`` carrying the reason.
    A no-op when already returned with the same reason. Raises ``ValidationError`` when the reason is
    empty, the entry is not awaiting review, or it changed after the reviewer opened it.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Cần ghi lý do trả lại để đơn vị biết cần bổ sung gì."})
    entry = lock_entry(entry, by)
    if entry.state == EntryState.RETURNED and entry.return_reason == reason:
        return entry
    _check_version(entry, expected_version)
    if entry.state not in EntryState.awaiting_review:
        raise ValidationError(
            f"“{entry}” đang ở trạng thái “{entry.get_state_display()}”, chỉ trả lại được hồ sơ đã gửi."
        )
    before = entry.state
    entry.state = EntryState.RETURNED
    entry.return_reason = reason
    entry.save(update_fields=["state", "return_reason", "updated_at"])
    record_event(entry, by=by, from_state=before, to_state=entry.state, comment=reason, at=at)
    return entry


def conflict_message(entry):
    """The message a reviewer gets when someone changed ``entry`` after they opened it."""
    record = entry.history.select_related("history_user").first()
    who = ""
    if record is not None and record.history_user is not None:
        who = f" bởi {record.history_user.get_full_name() or record.history_user.get_username()}"
    return (
        f"“{entry}” vừa được thay đổi{who} lúc {timezone.localtime(entry.updated_at):%H:%M:%S %d/%m/%Y}, "
        "sau khi bạn mở. Thao tác của bạn chưa được lưu để không ghi đè: hãy mở lại hồ sơ, xem bản mới "
        "rồi làm lại nếu vẫn cần."
    )


def _check_version(entry, expected_version):
    if expected_version is not None and expected_version != entry.version:
        raise ValidationError(conflict_message(entry), code="conflict")


@transaction.atomic
def evaluate_entry(*, entry, by, result, comment="", expected_version=None, at=None, score=None, reason=""):
    """The board rules on an accepted entry's results: ``result`` is an ``Evaluation`` value
    (passed / not passed / outstanding), ``comment`` its remark. An entry scored by criteria is ruled
    on only by the chair's finalisation (``classing.finalise_entry``), which passes ``score`` (the
    reviewers' average, a ``Decimal``) and ``reason`` (why the class differs from the thresholds').

    Allowed while the campaign is in its evaluation stage, after the unit's self-assessment
    (DESIGN.md, "Đánh giá"). Side effects: ``evaluation``, ``evaluation_comment``, ``score`` and
    ``evaluation_reason``; one ``EntryEvent`` (state unchanged, the ruling as comment). A no-op when the
    same ruling is recorded. Raises ``ValidationError`` for an unknown result, an entry not accepted, no
    self-assessment, a campaign not evaluating, a scored entry ruled on without its score, or a conflict
    with a newer change (``expected_version``).
    """
    if result not in Evaluation.values:
        raise ValidationError({"result": "Kết quả đánh giá phải là Đạt, Không đạt hoặc Tiêu biểu."})
    comment, reason = (comment or "").strip(), (reason or "").strip()
    entry = lock_entry(entry, by)
    if (entry.evaluation, entry.evaluation_comment, entry.score, entry.evaluation_reason) == (
        result,
        comment,
        score,
        reason,
    ):
        return entry
    _check_version(entry, expected_version)
    if score is None and board_has_scored(entry):
        raise ValidationError(
            f"“{entry}” đã được chấm điểm theo tiêu chí: trưởng ban chốt xếp loại ở trang chấm điểm."
        )
    if entry.state != EntryState.ACCEPTED:
        raise ValidationError(f"“{entry}” chưa được duyệt, chưa đánh giá được.")
    if entry.campaign.state != CampaignState.EVALUATING:
        raise ValidationError(
            f"Phong trào đang ở giai đoạn “{entry.campaign.get_state_display()}”; chỉ đánh giá khi phong "
            "trào chuyển sang giai đoạn “Đang đánh giá”."
        )
    if not entry.self_assessment.strip():
        raise ValidationError(f"“{entry}”: đơn vị chưa tự đánh giá kết quả, chưa đánh giá được.")
    entry.evaluation, entry.evaluation_comment = result, comment
    entry.score, entry.evaluation_reason = score, reason
    entry.save(update_fields=["evaluation", "evaluation_comment", "score", "evaluation_reason", "updated_at"])
    label = Evaluation(result).label
    record_event(
        entry,
        by=by,
        from_state=entry.state,
        to_state=entry.state,
        comment=f"Đánh giá: {label}"
        + (f" ({points_text(score)} điểm)" if score is not None else "")
        + (f"; khác ngưỡng điểm vì: {reason}" if reason else "")
        + (f" — {comment}" if comment else ""),
        at=at,
    )
    return entry


# The board corrects the form, but the self-assessment stays the unit's own words.
CORRECTABLE_FIELDS = tuple(name for name in FORM_FIELDS if name != "self_assessment")


@transaction.atomic
def correct_entry(*, entry, by, expected_version=None, note="", **fields):
    """The board corrects the registration form of an entry in any state (a typo, a wrong field).

    ``fields``: any of ``CORRECTABLE_FIELDS`` (kind and unit cannot change here: they count against
    quotas; the self-assessment is the unit's).
    Side effects: ``save(update_fields=…)`` of the changed fields; one ``EntryEvent`` naming them and
    ``note`` (e.g. the import file). A no-op when nothing changes. Raises ``ValidationError`` for
    unknown or invalid values, a change of kind, or a conflict with a newer change.
    """
    entry = lock_entry(entry, by)
    changed = _apply_correction(entry, fields, expected_version)
    if not changed:
        return entry
    entry.save(update_fields=[*changed, "updated_at"])
    record_event(
        entry, by=by, from_state=entry.state, to_state=entry.state, comment=_correction_note(changed, note)
    )
    return entry


def _apply_correction(entry, fields, expected_version):
    """Set ``fields`` on the locked ``entry`` after a correction's checks; returns the names of the
    fields that change (empty: nothing to do). Raises ``ValidationError`` as ``correct_entry``."""
    unknown = set(fields) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown entry fields: {sorted(unknown)}")
    fields = nfc(fields)
    changed = [name for name, value in fields.items() if getattr(entry, name) != value]
    if not changed:
        return []
    _check_version(entry, expected_version)
    if "kind" in changed:
        raise ValidationError({"kind": "Không đổi được loại (mô hình/điển hình) của hồ sơ đã đăng ký."})
    for name in changed:
        setattr(entry, name, fields[name])
    # Only the changed fields are checked again (with the model's own cross-field rules): the
    # campaign, unit and author did not change, and each would cost a query per imported row.
    unchanged = [f.name for f in entry._meta.fields if f.name not in changed]
    entry.full_clean(exclude=unchanged, validate_unique=False)
    check_links(entry)
    return changed


def _correction_note(changed, note):
    labels = ", ".join(str(Entry._meta.get_field(name).verbose_name) for name in changed)
    return f"Ban Dân vận sửa: {labels}" + (f" ({note})" if note else "")


class CorrectionsRefused(ValidationError):
    """``correct_entries`` refused some corrections: ``by_entry`` maps each refused entry's id to its
    ``ValidationError`` (field messages as ``correct_entry`` gives them)."""

    def __init__(self, by_entry):
        self.by_entry = by_entry
        super().__init__([message for error in by_entry.values() for message in error.messages])


LOCK_CHUNK = 2_000  # entries locked and written per statement


@transaction.atomic
def correct_entries(*, corrections, by, note=""):
    """Many corrections at once (an Excel import of thousands of rows): for each
    ``(entry_id, expected_version, fields)`` in ``corrections`` (a list), exactly what
    ``correct_entry`` checks and writes, in a few statements per 2,000 entries instead of six a row.

    Side effects: the entries locked in bulk; their changed fields and ``updated_at`` written by
    ``bulk_update`` (the folded ``search_text`` too when a name changes); one audit-history row and one
    ``EntryEvent`` per changed entry (bulk inserts). Entries with nothing to change are left alone.
    Returns the number of entries changed. Raises ``CorrectionsRefused`` naming every refused entry
    (nothing is written then: all or nothing, like the import it serves).
    """
    wanted = {entry_id: (version, fields) for entry_id, version, fields in corrections}
    ids = sorted(wanted)
    locked = {}
    for start in range(0, len(ids), LOCK_CHUNK):
        rows = (
            Entry.objects.select_for_update(of=("self",))
            .select_related("campaign", "unit", "replicates__campaign")
            .filter(pk__in=ids[start : start + LOCK_CHUNK])
        )
        locked.update((entry.pk, entry) for entry in rows)
    refused, changes = {}, []
    for entry_id in ids:
        entry = locked.get(entry_id)
        if entry is None:
            refused[entry_id] = ValidationError(f"Hồ sơ {entry_id} không còn nữa.")
            continue
        version, fields = wanted[entry_id]
        try:
            changed = _apply_correction(entry, fields, version)
        except ValidationError as error:
            refused[entry_id] = error
            continue
        if changed:
            changes.append((entry, changed))
    if refused:
        raise CorrectionsRefused(refused)
    now = timezone.now()
    by_fields = {}
    for entry, changed in changes:
        entry.updated_at = now
        entry._history_user = by
        names = {*changed, "updated_at"}
        if {"title", "subject_name"} & names:  # as Entry.save keeps the unaccented search's column
            entry.search_text = search_text_of(entry)
            names.add("search_text")
        by_fields.setdefault(tuple(sorted(names)), []).append(entry)
    for names, entries in by_fields.items():
        Entry.objects.bulk_update(entries, names, batch_size=LOCK_CHUNK)
    changed_entries = [entry for entry, _ in changes]
    Entry.history.bulk_history_create(changed_entries, update=True, default_user=by, batch_size=LOCK_CHUNK)
    EntryEvent.objects.bulk_create(
        [
            EntryEvent(
                entry=entry,
                actor=by,
                from_state=entry.state,
                to_state=entry.state,
                comment=_correction_note(changed, note),
                at=now,
            )  # fmt: skip
            for entry, changed in changes
        ],
        batch_size=LOCK_CHUNK,
    )
    return len(changes)
