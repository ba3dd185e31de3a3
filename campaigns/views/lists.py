"""The list of entries a user may read, with unaccented search, filters and pagination."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from units.scoping import viewable_units

from .. import permissions
from ..filters import EntryFilter

PAGE_SIZE = 25


def _chosen_campaign(request, campaigns):
    """The campaign asked for by ``?phong_trao=<pk>``, else the newest one open for registration, else
    the newest; ``None`` when the user sees none.
    """
    by_pk = {str(c.pk): c for c in campaigns}
    if request.GET.get("phong_trao") in by_pk:
        return by_pk[request.GET["phong_trao"]]
    ordered = sorted(campaigns, key=lambda c: (c.registration_is_open(), c.year), reverse=True)
    return ordered[0] if ordered else None


@login_required
def entry_list(request):
    campaigns = list(permissions.visible_campaigns(request.user).order_by("-year"))
    campaign = _chosen_campaign(request, campaigns)
    context = {"campaigns": campaigns, "campaign": campaign}
    if campaign is not None:
        units = viewable_units(request.user).filter(
            path__startswith=campaign.organiser.path, depth__gt=campaign.organiser.depth
        )
        entries = (
            permissions.visible_entries(request.user)
            .filter(campaign=campaign)
            .select_related("unit")
            .order_by("unit__path", "kind", "pk")
        )
        filters = EntryFilter(request.GET or None, queryset=entries, units=units.active())
        page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("trang"))
        query = request.GET.copy()
        query.pop("trang", None)
        context.update(filters=filters, page=page, query=query.urlencode())
    return render(request, "campaigns/entry_list.html", context)
