"""Award lists to Excel: the same code behind the admin and ``manage.py export_awards``."""

from django.http import HttpResponse

from tayho_danvan.excel import XLSX_CONTENT_TYPE, write_resource

from .models import Award
from .resources import AwardListResource, award_list_queryset


def awards_of_campaign(campaign):
    return award_list_queryset(Award.objects.filter(decision__campaign=campaign))


def awards_of_decisions(decisions):
    return award_list_queryset(Award.objects.filter(decision__in=decisions))


def write_award_list(out, awards):
    """Write the ``awards`` queryset as the award list into ``out``; return the number of rows."""
    return write_resource(out, AwardListResource(), awards, title="Danh sách khen thưởng")


def award_list_response(awards, filename):
    """An ``HttpResponse`` that downloads ``awards`` as ``filename`` (.xlsx)."""
    response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_award_list(response, awards)
    return response
