"""Landing pages: where each role goes after logging in, the leader's page and "Đơn vị của tôi"."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from units.models import MembershipRole
from units.scoping import can_act_for_unit, get_unit_for_viewer_or_404, role_units

from .. import permissions
from ..choices import EntryKind
from ..forms import PledgeSignatureForm
from ..models import Campaign, Pledge
from ..services import pledges
from . import dashboard


@login_required
def home(request):
    """Send each role where it works: staff to their unit, the board to the admin, leaders to reports."""
    staff_units = role_units(request.user, MembershipRole.STAFF)
    if len(staff_units) == 1:
        return redirect("unit_detail", code=staff_units[0].code)
    if staff_units:
        return render(request, "campaigns/choose_unit.html", {"units": staff_units})
    closed = role_units(request.user, MembershipRole.STAFF, include_closed=True)
    if closed and not permissions.is_reviewer(request.user) and not permissions.is_leader(request.user):
        # The unit was closed by a reorganisation: its past stays readable.
        return render(request, "campaigns/choose_unit.html", {"units": closed, "closed": True})
    if permissions.is_reviewer(request.user):
        return redirect("admin:index")
    if permissions.is_leader(request.user):
        return redirect("leader_home")
    return render(request, "campaigns/no_role.html", status=403)


@login_required
def leader_home(request):
    if not permissions.is_leader(request.user):
        raise Http404("Không tìm thấy trang.")
    units = role_units(request.user, MembershipRole.LEADER, include_closed=True)
    campaigns = Campaign.objects.filter(organiser__in=units).select_related("organiser").order_by("-year")
    return render(request, "campaigns/leader_home.html", {"units": units, "campaigns": campaigns})


@login_required
def unit_detail(request, code):
    """ "Đơn vị của tôi": the current campaign seen from one unit and every unit under it.

    Staff act here; leaders and the board read the same page without the buttons.
    """
    unit = get_unit_for_viewer_or_404(request.user, code)
    campaign = permissions.current_campaign_for(unit)
    context = {"unit": unit, "campaign": campaign, "can_act": can_act_for_unit(request.user, unit)}
    if campaign is not None:
        pledge = (
            Pledge.objects.filter(campaign=campaign)
            .select_related("campaign__organiser")
            .prefetch_related("items")
            .first()
        )
        signature = pledge and pledge.signatures.filter(unit=unit).first()
        context.update(
            pledge=pledge,
            signature=signature,
            can_sign=bool(pledge and context["can_act"] and pledges.can_sign(pledge, unit) and not signature),
            signature_form=PledgeSignatureForm(initial={"signed_on": pledges.default_signing_day(campaign)}),
            board=dashboard.build(unit, campaign),
            registration_open=campaign.registration_is_open(),
            notice=campaign.registration_notice(),
            kinds=EntryKind,
        )
    return render(request, "campaigns/unit_detail.html", context)
