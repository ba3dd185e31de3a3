"""Quota arithmetic (DESIGN.md, "Quotas"; the article's 1–2/1, 2–3/3, 1/1 per unit kind).

One rule, used wherever an entry is submitted: the browser, the admin and imports all call
``registration.submit_entry``, which calls ``check_room``. A board override (``QuotaOverride``) replaces
the maxima of one unit in one campaign; the minima stay those of the unit's kind.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Substr

from tayho_danvan.lib.records import save_one_per_key
from units.models import Unit, UnitKind

from ..choices import EntryKind, EntryState
from ..models import Entry, QuotaOverride
from .common import check_unit_in_campaign


def rules_by_kind(campaign):
    """``{unit_kind: QuotaRule}`` of ``campaign`` (one query)."""
    return {rule.unit_kind: rule for rule in campaign.quota_rules.all()}


def overrides_by_unit(campaign, units=None):
    """``{unit_id: QuotaOverride}`` of ``campaign``, narrowed to ``units`` if given (one query)."""
    overrides = campaign.quota_overrides.all()
    if units is not None:
        overrides = overrides.filter(unit__in=units)
    return {o.unit_id: o for o in overrides}


def registered_counts(campaign, units=None):
    """``{(unit_id, kind): n}``: entries counted as registered, per unit and kind (one query).

    ``units`` (a queryset or list) narrows the count; ``None`` counts the whole campaign.
    """
    registered, _ = _place_counts(campaign, units)
    return registered


def _place_counts(campaign, units):
    """``(registered, held)``, each ``{(unit_id, kind): n}``: entries counted as registered, and
    those returned for correction that hold a place (one query)."""
    entries = campaign.entries.filter(state__in=EntryState.holds_quota_place)
    if units is not None:
        entries = entries.filter(unit__in=units)
    rows = entries.values_list("unit_id", "kind", "state").annotate(n=Count("pk")).order_by()
    registered, held = {}, {}
    for unit_id, kind, state, n in rows:
        counts = held if state == EntryState.RETURNED else registered
        counts[(unit_id, kind)] = counts.get((unit_id, kind), 0) + n
    return registered, held


@dataclass(frozen=True)
class QuotaCount:
    """Registered ``count`` against the rule's ``minimum``–``maximum`` (``None``: no rule for the kind).

    ``held``: entries returned for correction, not registered yet but holding a place against the
    maximum (``check_room`` counts them), so a unit whose places are all held is shown as full.
    """

    count: int
    minimum: int | None
    maximum: int | None
    held: int = 0

    @property
    def is_full(self):
        """No room for one more submission (what ``check_room`` would refuse)."""
        return self.maximum is not None and self.count + self.held >= self.maximum

    @property
    def status(self):
        """``"short"`` (chưa đủ), ``"ok"`` or ``"over"``; ``"ok"`` when no rule applies."""
        if self.minimum is not None and self.count < self.minimum:
            return "short"
        if self.maximum is not None and self.count > self.maximum:
            return "over"
        return "ok"

    @property
    def bounds_label(self):
        if self.minimum is None:
            return "không quy định"
        if self.minimum == self.maximum:
            return str(self.minimum)
        return f"{self.minimum}–{self.maximum}"


@dataclass(frozen=True)
class UnitQuota:
    unit: object
    models: QuotaCount
    exemplars: QuotaCount
    override: object = None

    @property
    def is_short(self):
        return "short" in (self.models.status, self.exemplars.status)

    @property
    def has_registered(self):
        return self.models.count + self.exemplars.count > 0


def _bounds(rule, override, kind):
    low, high = rule.bounds(kind) if rule else (None, None)
    if override is not None:
        high = override.maximum(kind)
        low = min(low, high) if low is not None else 0
    return low, high


def unit_quotas(campaign, units):
    """``[UnitQuota]`` for ``units`` (an iterable of ``Unit``), in their order; three queries in all."""
    units = list(units)
    unit_ids = [u.pk for u in units]
    rules = rules_by_kind(campaign)
    overrides = overrides_by_unit(campaign, unit_ids)
    counts, held = _place_counts(campaign, unit_ids)
    result = []
    for unit in units:
        rule, override = rules.get(unit.kind), overrides.get(unit.pk)
        per_kind = {
            kind: QuotaCount(
                counts.get((unit.pk, kind), 0),
                *_bounds(rule, override, kind),
                held=held.get((unit.pk, kind), 0),
            )
            for kind in EntryKind.values
        }
        result.append(UnitQuota(unit, per_kind[EntryKind.MODEL], per_kind[EntryKind.EXEMPLAR], override))
    return result


@dataclass(frozen=True)
class CellCoverage:
    """Grassroots cells that registered at least one entry (the article wants 100%). ``missing`` may
    list only the first of them (``subtree_coverage``); ``missing_count`` is always the whole number."""

    total: int
    registered: int
    missing: list

    @property
    def percent(self):
        return round(100 * self.registered / self.total) if self.total else 100

    @property
    def missing_count(self):
        return self.total - self.registered

    @property
    def missing_more(self):
        """Missing cells not listed in ``missing``."""
        return self.missing_count - len(self.missing)


def quota_summary(campaign, units, *, top_length=0):
    """How ``units`` (a ``Unit`` queryset) stand against their quotas in ``campaign``, in one query:
    ``{"units_total", "units_compliant", "units_under", "units_over", "cells_total", "cells_registered",
    "by_top": {path_prefix: {"models", "exemplars"}}, "by_unit_kind": {unit_kind: {"models", "exemplars"}}}``
    with the registered entries summed per unit path prefix of ``top_length`` characters (the wards'
    paths; ``0``: one prefix, "") and per kind of unit.

    The database counts each unit's registered models and exemplars and groups the units by (prefix,
    kind, counts, override): a few rows per ward, to which ``QuotaCount`` applies the same rule as
    every page (a unit over either maximum is "over", else short of either minimum "under"). Issue
    [E]: the figures of a 50,000-unit campaign without loading its units.
    """
    unit_sql, unit_params = units.order_by().values("pk").query.sql_with_params()
    counted = sorted(EntryState.counted_as_registered)
    states = ", ".join(["%s"] * len(counted))
    unit_table, entry_table = Unit._meta.db_table, Entry._meta.db_table
    sql = f"""
        SELECT p.top, p.kind, p.models, p.exemplars, o.models_max, o.exemplars_max, COUNT(*)
        FROM (
            SELECT u.id AS id, u.kind AS kind, SUBSTR(u.path, 1, {int(top_length)}) AS top,
                   SUM(CASE WHEN e.kind = %s THEN 1 ELSE 0 END) AS models,
                   SUM(CASE WHEN e.kind = %s THEN 1 ELSE 0 END) AS exemplars
            FROM {unit_table} u
            LEFT JOIN {entry_table} e ON e.unit_id = u.id AND e.campaign_id = %s AND e.state IN ({states})
            WHERE u.id IN ({unit_sql})
            GROUP BY u.id, u.kind, u.path
        ) p
        LEFT JOIN {QuotaOverride._meta.db_table} o ON o.unit_id = p.id AND o.campaign_id = %s
        GROUP BY p.top, p.kind, p.models, p.exemplars, o.models_max, o.exemplars_max
    """
    values = [EntryKind.MODEL, EntryKind.EXEMPLAR, campaign.pk, *counted, *unit_params, campaign.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        groups = cursor.fetchall()
    rules = rules_by_kind(campaign)
    summary = dict.fromkeys(
        ("units_total", "units_compliant", "units_under", "units_over", "cells_total", "cells_registered"), 0
    )
    summary.update(by_top={}, by_unit_kind={})
    for top, kind, models, exemplars, models_max, exemplars_max, n in groups:
        for key, group in ((top if top_length else "", "by_top"), (kind, "by_unit_kind")):
            sums = summary[group].setdefault(key, {"models": 0, "exemplars": 0})
            sums["models"] += models * n
            sums["exemplars"] += exemplars * n
        override = None
        if models_max is not None:
            override = QuotaOverride(models_max=models_max, exemplars_max=exemplars_max)
        rule = rules.get(kind)
        pair = (
            QuotaCount(models, *_bounds(rule, override, EntryKind.MODEL)),
            QuotaCount(exemplars, *_bounds(rule, override, EntryKind.EXEMPLAR)),
        )
        statuses = {count.status for count in pair}
        status = (
            "units_over"
            if "over" in statuses
            else "units_under"
            if "short" in statuses
            else "units_compliant"
        )
        summary["units_total"] += n
        summary[status] += n
        if kind == UnitKind.CELL:
            summary["cells_total"] += n
            summary["cells_registered"] += n if models + exemplars else 0
    return summary


def subtree_coverage(campaign, unit, *, shown=50):
    """``(CellCoverage, {child_path: CellCoverage})`` of the active cells under ``unit`` in ``campaign``:
    the whole subtree's (listing its first ``shown`` missing cells in tree order) and each direct
    child's (no list). Two queries whatever the number of cells (issue [E]: a city's 50,000).
    """
    cells = Unit.objects.subtree_of(unit).active().filter(kind=UnitKind.CELL)
    registered = campaign.entries.filter(state__in=EntryState.counted_as_registered, unit_id=OuterRef("pk"))
    rows = (
        cells.annotate(top=Substr("path", 1, (unit.depth + 1) * unit.steplen), done=Exists(registered))
        .values_list("top")
        .annotate(total=Count("pk"), registered=Count("pk", filter=Q(done=True)))
        .order_by()
    )
    per_child = {top: CellCoverage(total, done, []) for top, total, done in rows}
    total = sum(c.total for c in per_child.values())
    done = sum(c.registered for c in per_child.values())
    missing = []
    if done < total:
        missing = list(cells.annotate(done=Exists(registered)).filter(done=False).order_by("path")[:shown])
    return CellCoverage(total, done, missing), per_child


def check_room(entry):
    """Raise ``ValidationError`` when registering ``entry`` would put its unit above its maximum.

    The maximum is the board's override for the unit if there is one, else the rule of the unit's
    kind; a unit whose kind has no rule and no override is not limited. Entries sent, accepted or
    returned for correction hold a place (``EntryState.holds_quota_place``); the entry itself is not
    counted (it is being submitted). The message names the quota so staff know what to change.
    """
    rule = rules_by_kind(entry.campaign).get(entry.unit.kind)
    override = overrides_by_unit(entry.campaign, [entry.unit_id]).get(entry.unit_id)
    if rule is None and override is None:
        return
    _, maximum = _bounds(rule, override, entry.kind)
    states = dict(
        entry.campaign.entries.filter(
            unit=entry.unit, kind=entry.kind, state__in=EntryState.holds_quota_place
        )
        .exclude(pk=entry.pk)
        .values_list("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    taken = sum(states.values())
    if taken >= maximum:
        source = (
            "mức Ban Dân vận điều chỉnh cho đơn vị"
            if override is not None
            else f"chỉ tiêu của {rule.get_unit_kind_display().lower()}"
        )
        kind = EntryKind(entry.kind).label.lower()
        returned = states.get(EntryState.RETURNED, 0)
        held = f" (kể cả {returned} hồ sơ đang được trả lại để bổ sung)" if returned else ""
        raise ValidationError(
            f"Vượt chỉ tiêu: {entry.unit} đã có {taken} {kind}{held}, {source} là tối đa {maximum}. "
            "Hãy rút bớt một hồ sơ chưa được duyệt hoặc đề nghị Ban Dân vận điều chỉnh chỉ tiêu."
        )


@transaction.atomic
def override_quota(*, campaign, unit, models_max, exemplars_max, reason, by):
    """The board sets one unit's maxima in ``campaign`` (counts, ≥ 0), with a ``reason``.

    Returns the ``QuotaOverride``. Side effects: creates or updates the unit's one override row
    (who and when kept on it). A no-op when the same maxima and reason are already recorded.
    Raises ``ValidationError`` without a reason, for negative numbers, or for a unit outside the
    campaign. Source: DESIGN.md, "Quotas" ("Only the board can override, with a recorded reason").
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Cần ghi lý do điều chỉnh chỉ tiêu."})
    if models_max is None or exemplars_max is None or models_max < 0 or exemplars_max < 0:
        raise ValidationError("Số tối đa phải là số không âm.")
    check_unit_in_campaign(campaign, unit)
    return save_one_per_key(
        QuotaOverride,
        key={"campaign": campaign, "unit": unit},
        values={"models_max": models_max, "exemplars_max": exemplars_max, "reason": reason},
        by=by,
        stamp=("decided_by", "decided_at"),
    )
