"""Who may do what with campaigns and entries: named predicates and scoping helpers.

The same predicates serve views, the admin and templates. Scoping helpers return whole querysets
in one query and answer 404 for what the user may not see (DESIGN.md, "Roles").
"""

from django.db.models import Q
from django.http import Http404

from tayho_danvan.lib.records import is_valid_key
from units.admin_scope import board_acts, board_units
from units.models import MembershipRole
from units.scoping import (
    can_act_for_unit,
    can_view_unit,
    covers,
    role_units,
    staff_units,
    viewable_units,
    viewing_roots,
)

from .choices import CampaignState, EntryState
from .models import Campaign, Entry, ExportFile
from .services import evidence, registration


def is_reviewer(user):
    return user.is_superuser or bool(role_units(user, MembershipRole.REVIEWER, include_closed=True))


def acts_as_reviewer(user):
    """A board member of an open unit acts; one whose unit closed in a reorganisation only reads."""
    return board_acts(user)


def is_leader(user):
    return bool(role_units(user, MembershipRole.LEADER, include_closed=True))


def can_view_entry(user, entry):
    """Staff, leaders and reviewers read the entries of their subtree; the board those of its campaigns."""
    return can_view_unit(user, entry.unit) or can_review_campaign(user, entry.campaign)


def can_edit_entry(user, entry):
    """Unit staff edit a draft or returned entry of their subtree while registration is open."""
    return (
        can_act_for_unit(user, entry.unit)
        and entry.state in EntryState.editable
        and entry.campaign.registration_is_open()
    )


def can_submit_entry(user, entry):
    return (
        can_act_for_unit(user, entry.unit)
        and entry.state in EntryState.submittable
        and entry.campaign.registration_is_open()
    )


def can_withdraw_entry(user, entry):
    return (
        can_act_for_unit(user, entry.unit)
        and entry.state in EntryState.withdrawable
        and entry.campaign.registration_is_open()
    )


def can_restore_entry(user, entry):
    return (
        can_act_for_unit(user, entry.unit)
        and entry.state == EntryState.WITHDRAWN
        and entry.campaign.registration_is_open()
    )


def can_self_assess(user, entry):
    return can_act_for_unit(user, entry.unit) and registration.can_self_assess(entry)


def can_change_evidence(user, entry):
    return can_act_for_unit(user, entry.unit) and evidence.can_change_evidence(entry)


def can_continue_entry(user, entry, campaign):
    """Staff carry an entry of an earlier year into ``campaign`` (the current one) while it is open."""
    return (
        campaign is not None
        and can_act_for_unit(user, entry.unit)
        and entry.state in EntryState.counted_as_registered
        and entry.campaign.year < campaign.year
        and entry.campaign.organiser_id == campaign.organiser_id
        and campaign.registration_is_open()
    )


def can_review_campaign(user, campaign):
    """Board reviewers act for the campaigns of the organisers at or under their unit."""
    reviewer_units = role_units(user, MembershipRole.REVIEWER, include_closed=True)
    return user.is_superuser or covers(reviewer_units, campaign.organiser)


def can_accept_or_return(user, entry):
    """The board may accept ``entry`` or return it: it awaits review and the reviewer acts (no query
    beyond the reviewer's roles, read once per request)."""
    return entry.state in EntryState.awaiting_review and acts_as_reviewer(user)


def can_evaluate(user, entry):
    """The board may rule on ``entry``'s results: accepted, self-assessed, the campaign evaluating."""
    return (
        entry.state == EntryState.ACCEPTED
        and entry.campaign.state == CampaignState.EVALUATING
        and bool(entry.self_assessment.strip())
        and acts_as_reviewer(user)
    )


def reviewable_campaigns(user):
    """Campaigns ``user`` reviews in the admin (all for a superuser), as one queryset."""
    if user.is_superuser:
        return Campaign.objects.all()
    # A board whose unit closed in a reorganisation keeps reading its campaigns (the archive).
    return Campaign.objects.filter(organiser__in=board_units(user))


def reviewable_entries(user):
    return Entry.objects.filter(campaign__in=reviewable_campaigns(user))


def staff_entries(user):
    """Entries of every unit ``user`` acts for as unit staff (one query)."""
    return Entry.objects.filter(unit__in=staff_units(user))


def visible_entries(user):
    """Entries ``user`` may read in the browser (one query): their units' subtrees, and for the board
    every entry of the campaigns it reviews.
    """
    if user.is_superuser:
        return Entry.objects.all()
    return Entry.objects.filter(Q(unit__in=viewable_units(user)) | Q(campaign__in=reviewable_campaigns(user)))


def get_entry_for_viewer_or_404(user, pk):
    try:
        return visible_entries(user).select_related("campaign__organiser", "unit").get(pk=pk)
    except (Entry.DoesNotExist, ValueError) as exc:
        raise Http404("Không tìm thấy hồ sơ.") from exc


def get_entry_for_staff_or_404(user, pk):
    try:
        return staff_entries(user).select_related("campaign__organiser", "unit").get(pk=pk)
    except (Entry.DoesNotExist, ValueError) as exc:
        raise Http404("Không tìm thấy hồ sơ.") from exc


def exports_of(user):
    """The files ``user`` asked for: only their requester sees a made file (it may hold a whole list)."""
    if not user.is_authenticated:
        return ExportFile.objects.none()
    return ExportFile.objects.filter(requested_by=user)


def get_export_or_404(user, pk):
    """The export ``pk`` of ``user``; 404 for another user's, a missing one or a key too big."""
    if not is_valid_key(pk):
        raise Http404("Không tìm thấy tệp.")
    try:
        return exports_of(user).get(pk=pk)
    except ExportFile.DoesNotExist as exc:
        raise Http404("Không tìm thấy tệp.") from exc


def _ancestor_paths(unit):
    return [unit.path[:i] for i in range(unit.steplen, len(unit.path) + 1, unit.steplen)]


def visible_campaigns(user):
    """Campaigns whose entries ``user`` may list: those of organisers above or inside the units the
    user reads (one query; all for a superuser).
    """
    if user.is_superuser:
        return Campaign.objects.select_related("organiser")
    roots = viewing_roots(user)
    condition = Q(organiser__path__in=[path for root in roots for path in _ancestor_paths(root)])
    for root in roots:  # on the joined organiser: a few campaigns, never a city's 50,000 units
        condition |= Q(organiser__path__startswith=root.path)
    return Campaign.objects.filter(condition).select_related("organiser")


def can_view_campaign(user, campaign):
    """Users working at, above or under the organiser read the campaign's pledge and report."""
    if user.is_superuser:
        return True
    organiser = campaign.organiser.path
    return any(
        root.path.startswith(organiser) or organiser.startswith(root.path) for root in viewing_roots(user)
    )


def can_read_report(user, campaign):
    """Leaders and the board of the organiser (or above it) read the ceremony report."""
    roots = role_units(user, MembershipRole.LEADER, include_closed=True) + role_units(
        user, MembershipRole.REVIEWER, include_closed=True
    )
    return user.is_superuser or covers(roots, campaign.organiser)


def get_campaign_for_viewer_or_404(user, pk):
    campaign = Campaign.objects.select_related("organiser").filter(pk=pk).first()
    if campaign is None or not can_view_campaign(user, campaign):
        raise Http404("Không tìm thấy phong trào.")
    return campaign


def current_campaign_for(unit):
    """The campaign a unit works in now, among those organised by the unit itself or a unit above it:
    the newest one open for registration, else the newest of any state, the nearest organiser first
    within a year; ``None`` if there is none (one query).
    """
    campaigns = Campaign.objects.filter(organiser__path__in=_ancestor_paths(unit)).select_related("organiser")
    ordered = sorted(
        campaigns, key=lambda c: (c.registration_is_open(), c.year, c.organiser.depth), reverse=True
    )
    return ordered[0] if ordered else None
