"""The ceremony report for leaders and the board: a page with charts and a print layout, and the same
tables as an Excel workbook (``awards.reports.tables``).
"""

import tempfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render

from campaigns import permissions
from campaigns.models import Campaign
from tayho_danvan.lib.excel import XLSX_CONTENT_TYPE
from units.models import MembershipRole
from units.reorganisation import roll_up
from units.scoping import get_unit_for_viewer_or_404, role_units

from ..reports.figures import campaign_figures, headlines
from ..reports.tables import tables, write_report
from ..reports.units import unit_figures


def _campaign_for_report(user, pk):
    campaign = Campaign.objects.select_related("organiser").filter(pk=pk).first()
    if campaign is None or not permissions.can_read_report(user, campaign):
        raise Http404("Không tìm thấy báo cáo.")
    return campaign


@login_required
def report_page(request, campaign_pk):
    campaign = _campaign_for_report(request.user, campaign_pk)
    figures = campaign_figures(campaign)
    # "?hien-nay=1": the year seen through today's units after reorganisations (a view, nothing rewritten).
    rolled = roll_up(figures["by_ward"]) if request.GET.get("hien-nay") == "1" else None
    return render(
        request,
        "awards/report.html",
        {"campaign": campaign, "figures": figures, "tables": tables(figures), "rolled": rolled},
    )


@login_required
def report_workbook(request, campaign_pk):
    campaign = _campaign_for_report(request.user, campaign_pk)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    write_report(handle, campaign_figures(campaign))
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"bao-cao-phong-trao-{campaign.year}.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )


@login_required
def leader_home(request):
    """The leader's home: each campaign of the leader's units with its headline figures and its report."""
    if not permissions.is_leader(request.user):
        raise Http404("Không tìm thấy trang.")
    units = role_units(request.user, MembershipRole.LEADER, include_closed=True)
    campaigns = list(
        Campaign.objects.filter(organiser__in=units).select_related("organiser").order_by("-year")
    )
    counts = headlines(campaigns)
    rows = [(campaign, counts[campaign.pk]) for campaign in campaigns]
    return render(request, "awards/leader_home.html", {"units": units, "rows": rows})


@login_required
def unit_report(request, code, campaign_pk):
    """A unit's own slice of the year's report, for its staff and whoever may read the unit."""
    unit = get_unit_for_viewer_or_404(request.user, code)
    campaign = Campaign.objects.select_related("organiser").filter(pk=campaign_pk).first()
    if (
        campaign is None
        or not unit.path.startswith(campaign.organiser.path)
        or unit.pk == campaign.organiser_id
    ):
        raise Http404("Không tìm thấy báo cáo.")
    return render(
        request,
        "awards/unit_report.html",
        {"unit": unit, "campaign": campaign, "figures": unit_figures(campaign, unit)},
    )
