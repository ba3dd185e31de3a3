"""Award lists to Excel as decision annexes: one code for the admin and ``manage.py export_awards``."""

from django.http import HttpResponse

from tayho_danvan.excel import XLSX_CONTENT_TYPE

from .annex import write_annexes


def annex_response(decisions, filename):
    """An ``HttpResponse`` that downloads the annexes of ``decisions`` as ``filename`` (.xlsx)."""
    response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_annexes(response, decisions)
    return response


def decisions_of_campaign(campaign):
    return campaign.decisions.select_related("award_type", "campaign__organiser").order_by("date", "number")
