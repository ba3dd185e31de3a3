"""The unit's page, "Đơn vị của tôi"."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from units.scoping import can_act_for_unit, get_unit_for_viewer_or_404

from .. import permissions
from ..choices import EntryKind
from ..forms import PledgeSignatureForm
from ..models import Pledge
from ..services import pledges
from ..signals import pages_of
from . import dashboard


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
        page = request.GET.get("trang", "")
        board = dashboard.build(
            unit, campaign, rows_page=int(page) if page.isdigit() and len(page) < 6 else 1
        )
        context.update(
            pledge=pledge,
            signature=signature,
            can_sign=bool(pledge and context["can_act"] and pledges.can_sign(pledge, unit) and not signature),
            signature_form=PledgeSignatureForm(initial={"signed_on": pledges.default_signing_day(campaign)}),
            board=board,
            pages=pages_of(unit, [c for c in (campaign, board.previous) if c is not None]),
            registration_open=campaign.registration_is_open(),
            notice=campaign.registration_notice(),
            kinds=EntryKind,
        )
    return render(request, "campaigns/unit_detail.html", context)
