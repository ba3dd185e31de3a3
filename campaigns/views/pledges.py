"""The pledge in the browser: a unit's leader signs it, and anyone of the campaign prints it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from units.scoping import get_unit_for_staff_or_404

from .. import permissions
from ..forms import PledgeSignatureForm
from ..models import Pledge
from ..services import pledges
from .common import report_errors


@login_required
def pledge_print(request, campaign_pk):
    """The pledge with its numbered items and its signatories, laid out to print on A4."""
    campaign = permissions.get_campaign_for_viewer_or_404(request.user, campaign_pk)
    pledge = Pledge.objects.filter(campaign=campaign).first()
    if pledge is None:
        raise Http404("Phong trào này chưa có giao ước.")
    return render(
        request,
        "campaigns/pledge_print.html",
        {
            "campaign": campaign,
            "pledge": pledge,
            "items": pledge.items.all(),
            "signatures": pledge.signatures.select_related("unit"),
            "unsigned": pledges.unsigned_units(pledge),
        },
    )


@login_required
@require_POST
def pledge_sign(request, code):
    """The unit's leader signs the current campaign's pledge (staff enter the leader's name)."""
    unit = get_unit_for_staff_or_404(request.user, code)
    campaign = permissions.current_campaign_for(unit)
    pledge = Pledge.objects.filter(campaign=campaign).first() if campaign else None
    if pledge is None:
        raise Http404("Chưa có giao ước.")
    signed = pledge.signatures.filter(unit=unit).first()
    if signed is not None:
        messages.info(
            request,
            f"{unit} đã ký ngày {signed.signed_on:%d/%m/%Y} ({signed.signer_name}). "
            "Cần sửa, xin liên hệ Ban Dân vận.",
        )
        return redirect("unit_detail", code=unit.code)
    form = PledgeSignatureForm(request.POST)
    if not form.is_valid():
        report_errors(request, form.errors)
        return redirect("unit_detail", code=unit.code)
    try:
        pledges.sign_pledge(pledge=pledge, unit=unit, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, f"Đã ghi nhận {unit} ký giao ước thi đua năm {campaign.year}.")
    return redirect("unit_detail", code=unit.code)
