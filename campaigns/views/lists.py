"""The list of entries a user may read, with unaccented search, filters and pagination: newest first,
a page at a time by key (``tayho_danvan.lib.keyset``), so page 1 and page 4,000 of a 100,000-entry
campaign cost the same (issue [E]).
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from tayho_danvan.lib.keyset import AFTER, BEFORE, keyset_page
from units.scoping import viewable_units, viewing_roots

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


def _top_depth(user, organiser):
    """The depth of the highest unit ``user`` reads inside ``organiser``'s tree (the organiser's own for
    a superuser or someone above it): the unit filter offers that level and the one below, not every
    cell of a city (issue [E]: 50,000 options made a 4 MB page)."""
    depths = [
        max(root.depth, organiser.depth)
        for root in viewing_roots(user)
        if root.path.startswith(organiser.path) or organiser.path.startswith(root.path)
    ]
    return min(depths, default=organiser.depth)


@login_required
def entry_list(request):
    campaigns = list(permissions.visible_campaigns(request.user).order_by("-year"))
    campaign = _chosen_campaign(request, campaigns)
    context = {"campaigns": campaigns, "campaign": campaign}
    if campaign is not None:
        organiser = campaign.organiser
        units = viewable_units(request.user).filter(
            path__startswith=organiser.path, depth__gt=organiser.depth
        )
        entries = permissions.visible_entries(request.user).filter(campaign=campaign).select_related("unit")
        filters = EntryFilter(
            request.GET or None,
            queryset=entries,
            units=units.active(),
            shown_units=units.active().filter(depth__lte=_top_depth(request.user, organiser) + 1),
        )
        page = keyset_page(filters.qs, request.GET, per_page=PAGE_SIZE)
        query = request.GET.copy()
        for key in (AFTER, BEFORE, "trang"):
            query.pop(key, None)
        context.update(filters=filters, page=page, query=query.urlencode())
    return render(request, "campaigns/entry_list.html", context)
