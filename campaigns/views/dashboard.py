""" "Đơn vị của tôi": everything a unit's page shows about the current campaign, in a fixed number of
queries whatever the number of units and entries (asserted in tests/test_dashboard.py).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from units.models import Unit

from ..choices import EntryKind, EntryState, Field
from ..models import Campaign, Entry
from ..services import quotas
from ..signals import outcome_holders_of, outcomes_of

CONTINUABLE_SHOWN = 10  # last year's entries listed on the page; the list page has the rest
ROWS_SHOWN = 100  # units below the unit per page of its quota table (a city has 500 wards)
RETURNED_SHOWN = 50  # returned entries listed; the list page filtered on "returned" has them all


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
    rows: list  # UnitQuota of the unit and of a page of the active units directly under it
    coverage: object  # quotas.CellCoverage of the whole subtree
    returned: list  # the first RETURNED_SHOWN returned entries
    returned_count: int
    fields: list
    counts: dict  # {"drafts": n, "awaiting": n, "accepted": n, "returned": n, "withdrawn": n}
    previous: object = None  # last year's campaign of the same organiser
    continuable: list = field(default_factory=list)
    continuable_more: int = 0
    # Entries of this year and last with a ruling or an award: [(entry, [Outcome])], newest year first.
    results: list = field(default_factory=list)
    # The quota table's page (1-based) and whether more units follow; the coverage of each child's cells.
    rows_page: int = 1
    rows_more: bool = False
    child_coverage: dict = field(default_factory=dict)

    @property
    def row_cells(self):
        """``[(UnitQuota, CellCoverage or None)]``: each row with the coverage of the cells under it."""
        return [
            (row, self.child_coverage.get(row.unit.path) if row.unit.numchild else None) for row in self.rows
        ]


def tallies(entries):
    """``(field_bars, state_counts)`` of an entries queryset in one query (grouped by field, kind and
    state): the four fields, in the article's order, with their registered models and exemplars, and
    how many entries are in each stage, for the page's summary line.
    """
    rows = entries.values_list("field", "kind", "state").annotate(n=Count("pk")).order_by()
    registered, by_state = {}, {}
    for field_value, kind, state, n in rows:
        by_state[state] = by_state.get(state, 0) + n
        if state in EntryState.counted_as_registered:
            registered[(field_value, kind)] = registered.get((field_value, kind), 0) + n
    bars = [
        FieldBar(
            label, registered.get((value, EntryKind.MODEL), 0), registered.get((value, EntryKind.EXEMPLAR), 0)
        )
        for value, label in Field.choices
    ]
    largest = max((max(b.models, b.exemplars) for b in bars), default=0) or 1
    for bar in bars:
        bar.models_width = round(100 * bar.models / largest)
        bar.exemplars_width = round(100 * bar.exemplars / largest)
    counts = {
        "drafts": by_state.get(EntryState.DRAFT, 0),
        "awaiting": sum(by_state.get(s, 0) for s in EntryState.awaiting_review),
        "accepted": by_state.get(EntryState.ACCEPTED, 0),
        "returned": by_state.get(EntryState.RETURNED, 0),
        "withdrawn": by_state.get(EntryState.WITHDRAWN, 0),
    }
    return bars, counts


def _entries_under(unit, campaigns):
    """Entries of ``campaigns`` (a list) registered by ``unit`` or a unit under it; no join with the
    units when ``unit`` organises them all (the organiser's page reads a whole city's campaign)."""
    entries = Entry.objects.filter(campaign__in=campaigns)
    if all(c.organiser_id == unit.pk for c in campaigns):
        return entries
    return entries.filter(unit__path__startswith=unit.path)


def build(unit, campaign, *, rows_page=1):
    """The ``Dashboard`` of ``unit`` (a ``Unit``) in ``campaign``; about fifteen queries in all, whatever
    the size of the subtree: the quota table lists the unit and the units directly under it, a page
    of ``ROWS_SHOWN`` at a time (``rows_page``, 1-based), each with the coverage of its cells.
    """
    children = Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).active().order_by("path")
    rows_page = max(rows_page, 1)
    shown = list(children[(rows_page - 1) * ROWS_SHOWN : rows_page * ROWS_SHOWN + 1])
    if not shown and rows_page > 1:  # past the last page (an old link): back to the first
        rows_page, shown = 1, list(children[: ROWS_SHOWN + 1])
    more, shown = len(shown) > ROWS_SHOWN, shown[:ROWS_SHOWN]
    rows = quotas.unit_quotas(campaign, [unit, *shown] if unit.is_active else shown)
    coverage, per_child = quotas.subtree_coverage(campaign, unit)
    entries = _entries_under(unit, [campaign])
    returned = entries.filter(state=EntryState.RETURNED)
    bars, counts = tallies(entries)
    listed = list(returned.select_related("unit").order_by("updated_at")[:RETURNED_SHOWN])
    dashboard = Dashboard(
        unit=unit,
        campaign=campaign,
        own=rows[0] if rows and rows[0].unit.pk == unit.pk else None,
        rows=rows,
        coverage=coverage,
        returned=listed,
        returned_count=len(listed) if len(listed) < RETURNED_SHOWN else returned.count(),
        fields=bars,
        counts=counts,
        rows_page=rows_page,
        rows_more=more,
        child_coverage=per_child,
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
            .order_by("-pk")  # newest first, by index: the organiser's page reads a whole city's year
        )
        shown = list(candidates[: CONTINUABLE_SHOWN + 1])
        dashboard.previous = previous
        dashboard.continuable = shown[:CONTINUABLE_SHOWN]
        dashboard.continuable_more = len(shown) > CONTINUABLE_SHOWN
    dashboard.results = results(unit, [c for c in (campaign, previous) if c is not None])
    return dashboard


RESULTS_SHOWN = 50


def results(unit, campaigns):
    """``[(entry, [Outcome])]``: the first ``RESULTS_SHOWN`` accepted entries of ``unit``'s subtree in
    ``campaigns`` that were evaluated or hold an outcome (an award), newest campaign first and newest
    entry first within it; one query per campaign and one per outcome receiver for the shown ones,
    whatever the subtree's size.
    """
    shown = []
    for campaign in sorted(campaigns, key=lambda c: -c.year):
        accepted = _entries_under(unit, [campaign]).filter(state=EntryState.ACCEPTED)
        wanted = RESULTS_SHOWN - len(shown)
        # The newest evaluated entries (a partial index holds only those) and the newest holders of an
        # outcome, each cut to what is shown, then merged: a city's 80,000 results are never sorted.
        sources = [accepted.exclude(evaluation="").order_by("-pk").values("pk")[:wanted]]
        sources += [
            holders.order_by("-entry_id")[:wanted] for holders in outcome_holders_of(accepted, campaign)
        ]
        condition = Q()
        for source in sources:
            condition |= Q(pk__in=source)
        shown += accepted.filter(condition).select_related("unit", "campaign").order_by("-pk")[:wanted]
        if len(shown) >= RESULTS_SHOWN:
            break
    outcomes = outcomes_of(shown)
    return [(entry, outcomes.get(entry.pk, [])) for entry in shown]
