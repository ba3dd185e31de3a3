"""The one door for every change of an entry's state (DESIGN.md, "Entry"; the developers' guide).

Each transition takes keyword-only arguments, checks the rules, writes the entry with
``save(update_fields=...)`` and an ``EntryEvent`` row (who, when, from, to, comment), all in one
transaction, and does nothing when the entry is already where the call would put it (a double
click or a second tab changes nothing twice). Rule violations raise ``ValidationError`` with a
Vietnamese message and write nothing. Views, admin actions, imports and commands all call these.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from units.models import Unit

from . import quotas
from .choices import CampaignState, EntryState
from .models import Campaign, Entry, EntryEvent

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
)


def _closed_message(campaign):
    return (
        f"Phong trào “{campaign.title}” không nhận đăng ký lúc này "
        f"(thời gian đăng ký: {campaign.registration_opens:%d/%m/%Y} – "
        f"{campaign.registration_closes:%d/%m/%Y}, trạng thái: {campaign.get_state_display().lower()})."
    )


def _check_unit_in_campaign(campaign, unit):
    if not unit.path.startswith(campaign.organiser.path) or unit.pk == campaign.organiser_id:
        raise ValidationError({"unit": f"Đơn vị “{unit}” không thuộc phạm vi của phong trào này."})
    if not unit.is_active:
        raise ValidationError({"unit": f"Đơn vị “{unit}” đã ngừng hoạt động."})


def _window_open(campaign, at):
    """Registration is judged on the day of the action (``at``, default now), in Hà Nội time."""
    return campaign.registration_is_open(timezone.localdate(at) if at else None)


def _record(entry, *, by, from_state, to_state, comment="", at=None):
    return EntryEvent.objects.create(
        entry=entry,
        actor=by,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
        at=at or timezone.now(),
    )


def _locked(entry):
    """Re-read ``entry`` under a row lock so concurrent transitions serialise (PostgreSQL)."""
    return Entry.objects.select_for_update().select_related("campaign__organiser", "unit").get(pk=entry.pk)


@transaction.atomic
def register_entry(*, campaign, unit, by, at=None, **fields):
    """Create a draft entry of ``unit`` in ``campaign`` and return it.

    ``fields``: any of ``FORM_FIELDS`` (``kind``, ``title`` and ``field`` are required).
    Side effects: one ``Entry`` in state draft and one ``EntryEvent`` ("" → draft).
    Raises ``ValidationError`` when registration is closed, the unit is outside the campaign, or a
    field is missing or invalid (``Entry.full_clean``).
    """
    unknown = set(fields) - set(FORM_FIELDS)
    if unknown:
        raise TypeError(f"unknown entry fields: {sorted(unknown)}")
    if not _window_open(campaign, at):
        raise ValidationError(_closed_message(campaign))
    _check_unit_in_campaign(campaign, unit)
    entry = Entry(campaign=campaign, unit=unit, created_by=by, **fields)
    if at is not None:
        entry.created_at = at
    entry.full_clean()
    entry.save()
    _record(entry, by=by, from_state="", to_state=EntryState.DRAFT, comment="Tạo bản nháp", at=at)
    return entry


@transaction.atomic
def update_entry(*, entry, by, unit=None, **fields):
    """Change the registration form of an editable entry (draft or returned) and return it.

    ``unit``: move the entry to another unit of the campaign. ``fields``: any of ``FORM_FIELDS``.
    Side effects: ``save(update_fields=…)`` of the changed fields only; no event (the state is unchanged).
    A call that changes nothing writes nothing. Raises ``ValidationError`` when the entry is not
    editable, registration is closed, or a value is invalid.
    """
    entry = _locked(entry)
    if entry.state not in EntryState.editable:
        raise ValidationError(f"Hồ sơ đang ở trạng thái “{entry.get_state_display()}”, không thể sửa.")
    if not entry.campaign.registration_is_open():
        raise ValidationError(_closed_message(entry.campaign))
    changed = [name for name, value in fields.items() if getattr(entry, name) != value]
    for name in changed:
        setattr(entry, name, fields[name])
    if unit is not None and unit.pk != entry.unit_id:
        _check_unit_in_campaign(entry.campaign, unit)
        entry.unit = unit
        changed.append("unit")
    if not changed:
        return entry
    entry.full_clean()
    entry.save(update_fields=[*changed, "updated_at"])
    return entry


@transaction.atomic
def submit_entry(*, entry, by, at=None):
    """Send a draft (→ submitted) or a returned entry (→ resubmitted) to the board.

    Side effects: the entry's ``state`` and ``submitted_at``; one ``EntryEvent``.
    A no-op when the entry is already submitted, resubmitted or accepted.
    Raises ``ValidationError`` outside the registration window, for a withdrawn entry, or when the
    unit's quota for the kind is already full (``quotas.check_room``).
    """
    entry = _locked(entry)
    if entry.state in EntryState.counted_as_registered:
        return entry
    if entry.state not in EntryState.submittable:
        raise ValidationError(f"Hồ sơ đang ở trạng thái “{entry.get_state_display()}”, không thể gửi.")
    if not _window_open(entry.campaign, at):
        raise ValidationError(_closed_message(entry.campaign))
    entry.full_clean()
    quotas.check_room(entry)
    before = entry.state
    entry.state = EntryState.RESUBMITTED if before == EntryState.RETURNED else EntryState.SUBMITTED
    entry.submitted_at = at or timezone.now()
    entry.save(update_fields=["state", "submitted_at", "updated_at"])
    _record(entry, by=by, from_state=before, to_state=entry.state, at=at)
    return entry


@transaction.atomic
def accept_entry(*, entry, by, comment="", at=None):
    """The board accepts a submitted or resubmitted entry (→ accepted).

    Side effects: the entry's ``state``; its ``return_reason`` is cleared; one ``EntryEvent``.
    A no-op when already accepted. Raises ``ValidationError`` for any other state.
    """
    entry = _locked(entry)
    if entry.state == EntryState.ACCEPTED:
        return entry
    if entry.state not in EntryState.awaiting_review:
        raise ValidationError(
            f"“{entry}” đang ở trạng thái “{entry.get_state_display()}”, chỉ duyệt được hồ sơ đã gửi."
        )
    before = entry.state
    entry.state = EntryState.ACCEPTED
    entry.return_reason = ""
    entry.save(update_fields=["state", "return_reason", "updated_at"])
    _record(entry, by=by, from_state=before, to_state=entry.state, comment=comment, at=at)
    return entry


@transaction.atomic
def return_entry(*, entry, by, reason, at=None):
    """The board returns a submitted or resubmitted entry to its unit with a ``reason`` (→ returned).

    Side effects: the entry's ``state`` and ``return_reason``; one ``EntryEvent`` carrying the reason.
    A no-op when already returned with the same reason. Raises ``ValidationError`` when the reason is
    empty or the entry is not awaiting review.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Cần ghi lý do trả lại để đơn vị biết cần bổ sung gì."})
    entry = _locked(entry)
    if entry.state == EntryState.RETURNED and entry.return_reason == reason:
        return entry
    if entry.state not in EntryState.awaiting_review:
        raise ValidationError(
            f"“{entry}” đang ở trạng thái “{entry.get_state_display()}”, chỉ trả lại được hồ sơ đã gửi."
        )
    before = entry.state
    entry.state = EntryState.RETURNED
    entry.return_reason = reason
    entry.save(update_fields=["state", "return_reason", "updated_at"])
    _record(entry, by=by, from_state=before, to_state=entry.state, comment=reason, at=at)
    return entry


def units_for_registration(campaign, user_units):
    """Active units of ``campaign`` that the given staff units cover, in tree order (one query)."""
    return (
        Unit.objects.subtree_of(*user_units)
        .filter(path__startswith=campaign.organiser.path, depth__gt=campaign.organiser.depth)
        .active()
    )


@transaction.atomic
def change_campaign_state(*, campaign, to, by=None):
    """Move ``campaign`` to state ``to`` (a ``CampaignState`` value) and return it; a no-op if already there.

    Side effects: ``save(update_fields=["state"])``. Raises ``ValidationError`` for an unknown state.
    ``by`` is the acting user, kept for the audit trail that [C] adds.
    """
    if to not in CampaignState.values:
        raise ValidationError(f"Trạng thái phong trào “{to}” không hợp lệ.")
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.state != to:
        campaign.state = to
        campaign.save(update_fields=["state"])
    return campaign
