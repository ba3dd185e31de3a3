"""The unit's doors on its entries: register, continue, edit, submit, withdraw, restore, self-assess
(DESIGN.md, "Entry"; the developers' guide).

Each transition takes keyword-only arguments, checks the rules, writes the entry with
``save(update_fields=...)`` and an ``EntryEvent`` row (who, when, from, to, comment), all in one
transaction, and does nothing when the entry is already where the call would put it (a double
click or a second tab changes nothing twice). Rule violations raise ``ValidationError`` with a
Vietnamese message and write nothing. Views, admin actions, imports and commands all call these.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from units.models import Unit

from ..choices import CampaignState, EntryState
from ..models import Entry
from . import quotas
from .common import (
    check_links,
    check_no_twin,
    check_unit_in_campaign,
    lock_entry,
    lock_unit,
    nfc,
    record_event,
    require_open_window,
)

# Fields a unit may fill in on the registration form (everything but workflow and evaluation).
FORM_FIELDS = (
    "kind",
    "title",
    "field",
    "new_hard_task",
    "head_responsible",
    "situation",
    "objectives",
    "content_method",
    "place_target_group",
    "forces",
    "resources",
    "start_date",
    "milestones",
    "expected_outputs",
    "sustainability",
    "subject_kind",
    "subject_name",
    "subject_position",
    "self_assessment",
    "replicates",
)


# What a continuation copies from last year's entry: the form, not the workflow or the evaluation.
_CONTINUED_FIELDS = tuple(name for name in FORM_FIELDS if name not in ("self_assessment", "replicates"))


def find_by_form_token(*, campaign, form_token, by):
    """The entry ``by`` (a user) already made in ``campaign`` from the form carrying ``form_token``
    (a UUID), or ``None``. Another user's token finds nothing: a token never opens someone else's entry.
    """
    if form_token is None:
        return None
    return Entry.objects.filter(form_token=form_token, campaign=campaign, created_by=by).first()


def _earlier_twin(campaign, form_token, continued_from, by):
    """The entry an earlier post of the same form, or an earlier continuation of the same entry,
    already made in ``campaign``; ``None`` if there is none.
    """
    earlier = find_by_form_token(campaign=campaign, form_token=form_token, by=by)
    if earlier is None and continued_from is not None:
        earlier = Entry.objects.filter(campaign=campaign, continued_from=continued_from).first()
    return earlier


@transaction.atomic
def register_entry(*, campaign, unit, by, at=None, form_token=None, continued_from=None, **fields):
    """Create a draft entry of ``unit`` in ``campaign`` and return it.

    ``fields``: any of ``FORM_FIELDS`` (``kind``, ``title`` and ``field`` are required).
    ``form_token``: the registration form's one-time UUID; a second call with the same token returns
    the entry the first call made and writes nothing (a double click, a reloaded page).
    ``continued_from``: last year's entry this one carries on (see ``continue_entry``).
    Side effects: one ``Entry`` in state draft and one ``EntryEvent`` ("" → draft).
    Text is stored in Unicode NFC. Raises ``ValidationError`` when registration is closed, the unit is
    outside the campaign, a field is missing or invalid (``Entry.full_clean``), or the unit already has
    a live entry of the same kind and title (``DuplicateEntry``: a Back and resubmit, a second tab).
    """
    fields = nfc(fields)
    unknown = set(fields) - set(FORM_FIELDS)
    if unknown:
        raise TypeError(f"unknown entry fields: {sorted(unknown)}")
    earlier = _earlier_twin(campaign, form_token, continued_from, by)
    if earlier is not None:
        return earlier
    if form_token is not None and Entry.objects.filter(form_token=form_token).exists():
        form_token = None  # someone else's token (copied or guessed): register without it
    require_open_window(campaign, at)
    check_unit_in_campaign(campaign, unit)
    entry = Entry(
        campaign=campaign,
        unit=unit,
        created_by=by,
        form_token=form_token,
        continued_from=continued_from,
        **fields,
    )
    if at is not None:
        entry.created_at = at
    entry._history_user = by
    entry.full_clean(validate_unique=False)
    check_links(entry)
    lock_unit(unit.pk)
    check_no_twin(entry)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        # The same form (or the same "continue" click) was posted twice at once: the other request
        # saved it first, and the unique constraints stopped this one.
        earlier = _earlier_twin(campaign, form_token, continued_from, by)
        if earlier is None:
            raise
        return earlier
    comment = f"Tiếp nối “{continued_from}” ({continued_from.campaign.year})" if continued_from else ""
    record_event(
        entry, by=by, from_state="", to_state=EntryState.DRAFT, comment=comment or "Tạo bản nháp", at=at
    )
    return entry


@transaction.atomic
def continue_entry(*, source, campaign, by, at=None):
    """Copy last year's ``source`` entry into ``campaign`` as a draft linked by ``continued_from``.

    Returns the new draft, or the unit's existing continuation of ``source`` in ``campaign`` (then
    nothing is written: one click twice makes one copy). Side effects: as ``register_entry``.
    Raises ``ValidationError`` when ``source`` is in ``campaign`` itself or a later one, or when
    registration is closed.
    """
    existing = _earlier_twin(campaign, None, source, by)
    if existing is not None:
        return existing
    if source.campaign.year >= campaign.year:
        raise ValidationError("Chỉ tiếp nối được hồ sơ của năm trước sang năm sau.")
    fields = {name: getattr(source, name) for name in _CONTINUED_FIELDS}
    fields["start_date"] = None
    return register_entry(campaign=campaign, unit=source.unit, by=by, at=at, continued_from=source, **fields)


@transaction.atomic
def update_entry(*, entry, by, unit=None, expected_version=None, **fields):
    """Change the registration form of an editable entry (draft or returned) and return it.

    ``unit``: move the entry to another unit of the campaign. ``fields``: any of ``FORM_FIELDS``.
    ``expected_version``: ``entry.version`` when the form was opened; if the entry changed since
    (another tab, a colleague, a state change), nothing is written, so no one's work is overwritten.
    Side effects: ``save(update_fields=…)`` of the changed fields only; no event (the state is unchanged).
    A call that changes nothing writes nothing. Raises ``ValidationError`` when the entry is not
    editable, registration is closed, the entry changed meanwhile, a value is invalid, or a returned
    entry (which holds a quota place) is moved into a unit or kind with no room (``quotas.check_room``).
    """
    fields = nfc(fields)
    entry = lock_entry(entry, by)
    if expected_version is not None and expected_version != entry.version:
        raise ValidationError(
            f"Hồ sơ vừa được cập nhật lúc {timezone.localtime(entry.updated_at):%H:%M %d/%m/%Y} "
            "(ở một cửa sổ khác hoặc bởi người khác). Thay đổi của bạn chưa được lưu: "
            "hãy mở lại hồ sơ để xem bản mới nhất rồi sửa tiếp."
        )
    if entry.state not in EntryState.editable:
        raise ValidationError(f"Hồ sơ đang ở trạng thái “{entry.get_state_display()}”, không thể sửa.")
    require_open_window(entry.campaign)
    changed = [name for name, value in fields.items() if getattr(entry, name) != value]
    for name in changed:
        setattr(entry, name, fields[name])
    if unit is not None and unit.pk != entry.unit_id:
        check_unit_in_campaign(entry.campaign, unit)
        entry.unit = unit
        changed.append("unit")
    if not changed:
        return entry
    entry.full_clean(validate_unique=False)
    check_links(entry)
    if {"title", "kind", "unit"} & set(changed):
        lock_unit(entry.unit_id)
        check_no_twin(entry)
        if entry.state in EntryState.holds_quota_place and {"kind", "unit"} & set(changed):
            # A returned entry holds a place: moved to another unit (or kind) it takes one there.
            quotas.check_room(entry)
    entry.save(update_fields=[*changed, "updated_at"])
    return entry


@transaction.atomic
def submit_entry(*, entry, by, at=None):
    """Send a draft (→ submitted) or a returned entry (→ resubmitted) to the board.

    Side effects: the entry's ``state`` and ``submitted_at``; one ``EntryEvent``.
    A no-op when the entry is already submitted, resubmitted or accepted.
    Raises ``ValidationError`` outside the registration window, for a withdrawn entry, or when the
    unit's quota for the kind is already full (``quotas.check_room``), or when a live twin of the same
    title was registered meanwhile (``DuplicateEntry``).
    """
    entry = lock_entry(entry, by)
    if entry.state in EntryState.counted_as_registered:
        return entry
    if entry.state not in EntryState.submittable:
        raise ValidationError(f"Hồ sơ đang ở trạng thái “{entry.get_state_display()}”, không thể gửi.")
    require_open_window(entry.campaign, at)
    entry.full_clean(validate_unique=False)
    # Serialise submissions of one unit so two tabs cannot both take the last place in the quota.
    lock_unit(entry.unit_id)
    check_no_twin(entry)
    quotas.check_room(entry)
    before = entry.state
    entry.state = EntryState.RESUBMITTED if before == EntryState.RETURNED else EntryState.SUBMITTED
    entry.submitted_at = at or timezone.now()
    entry.save(update_fields=["state", "submitted_at", "updated_at"])
    record_event(entry, by=by, from_state=before, to_state=entry.state, at=at)
    return entry


@transaction.atomic
def withdraw_entry(*, entry, by, reason="", at=None):
    """The unit withdraws its entry (→ withdrawn): it no longer counts against the quota.

    Allowed from draft, submitted, resubmitted or returned while registration is open; an accepted
    entry is withdrawn only by asking the board. Side effects: the entry's ``state``; one
    ``EntryEvent`` with ``reason``. A no-op when already withdrawn. Raises ``ValidationError`` otherwise.
    """
    entry = lock_entry(entry, by)
    if entry.state == EntryState.WITHDRAWN:
        return entry
    if entry.state not in EntryState.withdrawable:
        raise ValidationError(
            f"Hồ sơ đang ở trạng thái “{entry.get_state_display()}”, không thể rút; xin liên hệ Ban Dân vận."
        )
    require_open_window(entry.campaign, at)
    before = entry.state
    entry.state = EntryState.WITHDRAWN
    entry.save(update_fields=["state", "updated_at"])
    record_event(entry, by=by, from_state=before, to_state=entry.state, comment=reason.strip(), at=at)
    return entry


@transaction.atomic
def restore_entry(*, entry, by, at=None):
    """Bring a withdrawn entry back as a draft (→ draft), while registration is open.

    Side effects: the entry's ``state``; one ``EntryEvent``. A no-op unless the entry is withdrawn.
    Raises ``ValidationError`` when registration is closed, or ``DuplicateEntry`` when the unit has
    since registered a live entry of the same kind and title.
    """
    entry = lock_entry(entry, by)
    if entry.state != EntryState.WITHDRAWN:
        return entry
    require_open_window(entry.campaign, at)
    lock_unit(entry.unit_id)
    check_no_twin(entry)
    entry.state = EntryState.DRAFT
    entry.save(update_fields=["state", "updated_at"])
    record_event(
        entry, by=by, from_state=EntryState.WITHDRAWN, to_state=entry.state, comment="Khôi phục", at=at
    )
    return entry


@transaction.atomic
def record_self_assessment(*, entry, text, by, at=None):
    """The unit writes (or rewrites) its self-assessment of an accepted entry's results.

    Allowed while the campaign is being implemented or evaluated and the board has not yet ruled.
    Side effects: ``self_assessment`` saved; one ``EntryEvent`` noting it (the state is unchanged).
    A no-op when the text is unchanged. Raises ``ValidationError`` when empty or not allowed now.
    Source: DESIGN.md, "Đánh giá": the unit assesses its results, then the board rules.
    """
    text = (text or "").strip()
    if not text:
        raise ValidationError({"self_assessment": "Hãy ghi nội dung tự đánh giá kết quả."})
    entry = lock_entry(entry, by)
    if entry.self_assessment == text:
        return entry
    if not can_self_assess(entry):
        raise ValidationError(
            "Chỉ tự đánh giá được mô hình, điển hình đã được duyệt, khi phong trào đang triển khai hoặc "
            "đang đánh giá và Ban Dân vận chưa kết luận."
        )
    entry.self_assessment = text
    entry.save(update_fields=["self_assessment", "updated_at"])
    record_event(
        entry, by=by, from_state=entry.state, to_state=entry.state, comment="Cập nhật tự đánh giá", at=at
    )
    return entry


def can_self_assess(entry):
    """True while the unit may write its self-assessment of ``entry`` (no query)."""
    return (
        entry.state == EntryState.ACCEPTED
        and entry.campaign.state in (CampaignState.IN_PROGRESS, CampaignState.EVALUATING)
        and not entry.evaluation
    )


def units_for_registration(campaign, user_units):
    """Active units of ``campaign`` that the given staff units cover, in tree order (one query)."""
    return (
        Unit.objects.subtree_of(*user_units)
        .filter(path__startswith=campaign.organiser.path, depth__gt=campaign.organiser.depth)
        .active()
    )
