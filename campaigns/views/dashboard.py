""" "Đơn vị của tôi": everything a unit's page shows about the current campaign, in a fixed number of
queries whatever the number of units and entries (asserted in tests/test_dashboard.py).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from ..choices import EntryKind, EntryState, Field
from ..models import Campaign, Entry
from ..services import quotas
from ..signals import outcomes_of

CONTINUABLE_SHOWN = 10  # last year's entries listed on the page; the list page has the rest


@dataclass
class FieldBar:
    """One of the four fields with its registered models and exemplars; widths in % of the largest."""

    label: str
    models: int
    exemplars: int
    models_width: int = 0
    exemplars_width: int = 0

    @property
    def total(self):
        return self.models + self.exemplars


@dataclass
class Dashboard:
    unit: object
    campaign: object
    own: object  # the unit's own UnitQuota
    rows: list  # UnitQuota of the unit and every active unit under it, in tree order
    coverage: object  # quotas.CellCoverage
    returned: list
    fields: list
    counts: dict  # {"drafts": n, "awaiting": n, "accepted": n, "returned": n, "withdrawn": n}
    previous: object = None  # last year's campaign of the same organiser
    continuable: list = field(default_factory=list)
    continuable_more: int = 0
    # Entries of this year and last with a ruling or an award: [(entry, [Outcome])], newest year first.
    results: list = field(default_factory=list)


def field_bars(entries):
    """``[FieldBar]`` for the four fields, in the article's order, from an entries queryset (one query)."""
    rows = (
        entries.filter(state__in=EntryState.counted_as_registered)
        .values_list("field", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {(f, k): n for f, k, n in rows}
    bars = [
        FieldBar(label, counts.get((value, EntryKind.MODEL), 0), counts.get((value, EntryKind.EXEMPLAR), 0))
        for value, label in Field.choices
    ]
    largest = max((max(b.models, b.exemplars) for b in bars), default=0) or 1
    for bar in bars:
        bar.models_width = round(100 * bar.models / largest)
        bar.exemplars_width = round(100 * bar.exemplars / largest)
    return bars


def state_counts(entries):
    """How many entries are in each stage, for the page's summary line (one query)."""
    by_state = dict(entries.values_list("state").annotate(n=Count("pk")).order_by())
    return {
        "drafts": by_state.get(EntryState.DRAFT, 0),
        "awaiting": sum(by_state.get(s, 0) for s in EntryState.awaiting_review),
        "accepted": by_state.get(EntryState.ACCEPTED, 0),
        "returned": by_state.get(EntryState.RETURNED, 0),
        "withdrawn": by_state.get(EntryState.WITHDRAWN, 0),
    }


def build(unit, campaign):
    """The ``Dashboard`` of ``unit`` (a ``Unit``) in ``campaign``; about ten queries in all."""
    units = list(unit.subtree().active())
    rows = quotas.unit_quotas(campaign, units)
    entries = Entry.objects.filter(campaign=campaign, unit__path__startswith=unit.path)
    returned = list(entries.filter(state=EntryState.RETURNED).select_related("unit").order_by("updated_at"))
    dashboard = Dashboard(
        unit=unit,
        campaign=campaign,
        own=rows[0] if rows and rows[0].unit.pk == unit.pk else None,
        rows=rows,
        coverage=quotas.cell_coverage(rows),
        returned=returned,
        fields=field_bars(entries),
        counts=state_counts(entries),
    )
    previous = (
        Campaign.objects.filter(organiser_id=campaign.organiser_id, year__lt=campaign.year)
        .order_by("-year")
        .first()
    )
    if previous is not None:
        candidates = (
            Entry.objects.filter(
                campaign=previous, unit__path__startswith=unit.path, state=EntryState.ACCEPTED
            )
            .exclude(continuations__campaign=campaign)
            .select_related("unit")
            .order_by("unit__path", "kind", "pk")
        )
        shown = list(candidates[: CONTINUABLE_SHOWN + 1])
        dashboard.previous = previous
        dashboard.continuable = shown[:CONTINUABLE_SHOWN]
        dashboard.continuable_more = len(shown) > CONTINUABLE_SHOWN
    dashboard.results = results(unit, [c for c in (campaign, previous) if c is not None])
    return dashboard


RESULTS_SHOWN = 50


def results(unit, campaigns):
    """``[(entry, [Outcome])]``: the accepted entries of ``unit``'s subtree in ``campaigns`` that were
    evaluated or awarded, newest campaign first (two queries and one per outcome receiver).
    """
    accepted = Entry.objects.filter(
        campaign__in=campaigns, unit__path__startswith=unit.path, state=EntryState.ACCEPTED
    )
    outcomes = outcomes_of(accepted)
    shown = (
        accepted.filter(Q(pk__in=list(outcomes)) | ~Q(evaluation=""))
        .select_related("unit", "campaign")
        .order_by("-campaign__year", "unit__path", "kind", "pk")[:RESULTS_SHOWN]
    )
    return [(entry, outcomes.get(entry.pk, [])) for entry in shown]
