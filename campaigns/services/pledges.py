"""Signing the year's pledge (DESIGN.md, "Phát động": units sign the giao ước thi đua at the launch).

The units expected to sign are the organiser's direct subordinates, active on the pledge's campaign:
ward committees and the party organisations directly under the organiser (the article's "8 wards and the
grassroots party organisations").
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tayho_danvan.lib.records import save_one_per_key
from units.models import Unit

from ..models import PledgeSignature


def expected_signatories(pledge):
    """Queryset of the units that should sign ``pledge``, in tree order (one query)."""
    organiser = pledge.campaign.organiser
    # The units of the campaign's year: a later reorganisation does not change who was to sign.
    return (
        Unit.objects.active_during(pledge.campaign.year)
        .filter(path__startswith=organiser.path, depth=organiser.depth + 1)
        .order_by("path")
    )


def is_signing_day(campaign, day):
    """A pledge is signed at the launch: late in the year before the campaign's year, or in that year,
    and never in the future.
    """
    return day <= timezone.localdate() and campaign.year - 1 <= day.year <= campaign.year


def default_signing_day(campaign):
    """Today while it can be a signing day of ``campaign``'s pledge, else its launch (a past campaign)."""
    today = timezone.localdate()
    if is_signing_day(campaign, today):
        return today
    return campaign.launch_date or campaign.registration_opens


def unsigned_units(pledge):
    """Expected signatories that have not signed yet (one query)."""
    return expected_signatories(pledge).exclude(pledge_signatures__pledge=pledge)


def can_sign(pledge, unit):
    """True when ``unit`` is one of the units expected to sign ``pledge`` (no query)."""
    organiser = pledge.campaign.organiser
    return unit.is_active and unit.path.startswith(organiser.path) and unit.depth == organiser.depth + 1


def check_signature(*, pledge, unit, signer_name, signer_position, signed_on):
    """Raise ``ValidationError`` (per field) when this signature may not be recorded; see ``sign_pledge``."""
    errors = {}
    if not can_sign(pledge, unit):
        errors["unit"] = f"“{unit}” không phải đơn vị ký giao ước của {pledge.campaign.organiser}."
    if not (signer_name or "").strip():
        errors["signer_name"] = "Hãy ghi họ tên người ký."
    if not (signer_position or "").strip():
        errors["signer_position"] = "Hãy ghi chức vụ người ký."
    # Signed at the launch, which may fall late in the year before the campaign's year.
    if signed_on is not None and not is_signing_day(pledge.campaign, signed_on):
        errors["signed_on"] = (
            f"Ngày ký {signed_on:%d/%m/%Y} không hợp lý cho giao ước năm {pledge.campaign.year}."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def sign_pledge(*, pledge, unit, signer_name, signer_position, signed_on=None, by):
    """Record ``unit``'s signature of ``pledge`` and return it; the unit's leader signs, or the board
    records the signature on their behalf.

    ``signed_on``: the date of signing (default today). Side effects: one ``PledgeSignature`` (who
    recorded it and when are kept). A no-op when the unit already signed with the same name, position
    and date; a different one replaces it. Raises ``ValidationError`` for a unit that is not one of the
    expected signatories, an empty name or position, or a date before the campaign's launch or in the future.
    """
    signer_name, signer_position = (signer_name or "").strip(), (signer_position or "").strip()
    signed_on = signed_on or timezone.localdate()
    check_signature(
        pledge=pledge,
        unit=unit,
        signer_name=signer_name,
        signer_position=signer_position,
        signed_on=signed_on,
    )
    return save_one_per_key(
        PledgeSignature,
        key={"pledge": pledge, "unit": unit},
        values={"signer_name": signer_name, "signer_position": signer_position, "signed_on": signed_on},
        by=by,
        stamp=("recorded_by", "recorded_at"),
    )
