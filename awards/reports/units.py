"""A unit's own slice of the ceremony report (issue [K] 3): the same counts as ``figures`` but over one
unit's subtree, for the ward that wants to see its year without the organiser's whole report.
"""

from django.db.models import Count

from campaigns.choices import EntryKind, EntryState, Evaluation, Field
from campaigns.models import Entry
from campaigns.services import quotas
from units.models import Unit

from ..models import Award, RecipientKind
from .figures import _by_kind, _pairs


def unit_figures(campaign, unit):
    """``{"registered", "by_field", "by_unit", "evaluation", "awarded", "quota"}`` of ``unit``'s subtree in
    ``campaign`` (the organiser's units as they were that year), in a fixed number of queries.
    """
    units = list(Unit.objects.subtree_of(unit).active_during(campaign.year).order_by("path"))
    registered = Entry.objects.filter(
        campaign=campaign, state__in=EntryState.counted_as_registered, unit__path__startswith=unit.path
    )
    per_field = _pairs(
        {(f, k): n for f, k, n in registered.values_list("field", "kind").annotate(n=Count("pk")).order_by()}
    )
    depth, steplen = unit.depth + 1, unit.steplen
    counts = {}
    for path, kind, n in registered.values_list("unit__path", "kind").annotate(n=Count("pk")).order_by():
        key = (path[: depth * steplen] if len(path) > unit.depth * steplen else path, kind)
        counts[key] = counts.get(key, 0) + n
    rows = [unit] + [u for u in units if u.depth == depth]
    rulings = dict(
        registered.filter(state=EntryState.ACCEPTED)
        .values_list("evaluation")
        .annotate(n=Count("pk"))
        .order_by()
    )
    awards = Award.objects.filter(decision__campaign=campaign, unit__path__startswith=unit.path)
    by_recipient = dict(awards.values_list("recipient_kind").annotate(n=Count("pk")).order_by())
    quota_rows = quotas.unit_quotas(campaign, units)
    return {
        "registered": _by_kind(registered),
        "by_field": [
            {"label": field.label, **per_field.get(field.value, {"models": 0, "exemplars": 0})}
            for field in Field
        ],
        "by_unit": [
            {
                "name": row.name,
                "own": row.pk == unit.pk,
                "models": counts.get((row.path, EntryKind.MODEL), 0),
                "exemplars": counts.get((row.path, EntryKind.EXEMPLAR), 0),
            }
            for row in rows
        ],
        "evaluation": {result.label: rulings.get(result.value, 0) for result in Evaluation},
        "awarded": {
            **_by_kind(Entry.objects.filter(awards__in=awards)),
            "individuals": by_recipient.get(RecipientKind.INDIVIDUAL, 0),
            "collectives": by_recipient.get(RecipientKind.COLLECTIVE, 0),
        },
        "quota": {"units": len(quota_rows), "short": sum(1 for r in quota_rows if r.is_short)},
    }
