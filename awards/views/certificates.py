"""A ward prints its own certificate: one award's Giấy khen or Bằng khen, for whoever may read the
entry or the unit it was given to (others get 404, as everywhere).
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from campaigns import permissions
from units.scoping import can_view_unit

from ..documents.certificates import certificate_of
from ..models import Award


def _award_for_viewer_or_404(user, pk):
    award = (
        Award.objects.select_related(
            "entry__campaign",
            "entry__unit",
            "unit",
            "decision__award_type",
            "decision__campaign__organiser",
        )
        .filter(pk=pk)
        .first()
    )
    if award is None:
        raise Http404("Không tìm thấy khen thưởng.")
    campaign = award.decision.campaign
    if award.entry is not None:
        visible = permissions.can_view_entry(user, award.entry)
    else:
        visible = can_view_unit(user, award.unit) or permissions.can_review_campaign(user, campaign)
    if not visible:
        raise Http404("Không tìm thấy khen thưởng.")
    return award


@login_required
def award_certificate(request, pk):
    award = _award_for_viewer_or_404(request.user, pk)
    return render(request, "awards/certificates.html", {"certificates": [certificate_of(award)]})
