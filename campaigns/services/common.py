"""The steps every door of ``campaigns.services`` takes: the event row, the row lock, and the checks of
a unit, a registration window and a replication link (DESIGN.md, "Entry"; the developers' guide).
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from ..choices import EntryKind, EntryState
from ..models import Entry, EntryEvent


def check_unit_in_campaign(campaign, unit):
    """Raise ``ValidationError`` (keyed ``unit``) unless ``unit`` is an active unit under the organiser."""
    if not unit.path.startswith(campaign.organiser.path) or unit.pk == campaign.organiser_id:
        raise ValidationError({"unit": f"Đơn vị “{unit}” không thuộc phạm vi của phong trào này."})
    if not unit.is_active:
        raise ValidationError({"unit": f"Đơn vị “{unit}” đã ngừng hoạt động."})


def check_links(entry):
    """A model may replicate an accepted model of the same organiser's campaigns, never itself."""
    source = entry.replicates
    if source is None:
        return
    if (
        source.pk == entry.pk
        or source.kind != EntryKind.MODEL
        or source.state != EntryState.ACCEPTED
        or source.campaign.organiser_id != entry.campaign.organiser_id
    ):
        raise ValidationError(
            {"replicates": "Chỉ nhân rộng được từ một mô hình đã được duyệt của cùng phong trào."}
        )


def require_open_window(campaign, at=None):
    """Raise ``ValidationError`` saying why and until or from when, unless ``campaign`` takes
    registrations on the day of the action (``at``, default now), in Hà Nội time.
    """
    day = timezone.localdate(at) if at else None
    if not campaign.registration_is_open(day):
        raise ValidationError(campaign.registration_notice(day))


def record_event(entry, *, by, from_state, to_state, comment="", at=None):
    return EntryEvent.objects.create(
        entry=entry,
        actor=by,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
        at=at or timezone.now(),
    )


def lock_entry(entry, by=None):
    """Re-read ``entry`` under a row lock so concurrent transitions serialise (PostgreSQL); the audit
    history names ``by`` even when no request is around (commands, imports).
    """
    locked = Entry.objects.select_for_update().select_related("campaign__organiser", "unit").get(pk=entry.pk)
    locked._history_user = by
    return locked
