"""Quota arithmetic (DESIGN.md, "Quotas"; the article's 1–2/1, 2–3/3, 1/1 per unit kind).

One rule, used wherever an entry is submitted: the browser, the admin and imports all call
``services.submit_entry``, which calls ``check_room``.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count

from .choices import EntryKind, EntryState


def rules_by_kind(campaign):
    """``{unit_kind: QuotaRule}`` of ``campaign`` (one query)."""
    return {rule.unit_kind: rule for rule in campaign.quota_rules.all()}


def registered_counts(campaign, units=None):
    """``{(unit_id, kind): n}``: entries counted as registered, per unit and kind (one query).

    ``units`` (a queryset or list) narrows the count; ``None`` counts the whole campaign.
    """
    entries = campaign.entries.filter(state__in=EntryState.counted_as_registered)
    if units is not None:
        entries = entries.filter(unit__in=units)
    rows = entries.values_list("unit_id", "kind").annotate(n=Count("pk")).order_by()
    return {(unit_id, kind): n for unit_id, kind, n in rows}


@dataclass(frozen=True)
class QuotaCount:
    """Registered ``count`` against the rule's ``minimum``–``maximum`` (``None``: no rule for the kind)."""

    count: int
    minimum: int | None
    maximum: int | None

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

    @property
    def is_short(self):
        return "short" in (self.models.status, self.exemplars.status)


def unit_quotas(campaign, units):
    """``[UnitQuota]`` for ``units`` (an iterable of ``Unit``), in their order; two queries in all."""
    units = list(units)
    rules = rules_by_kind(campaign)
    counts = registered_counts(campaign, [u.pk for u in units])
    result = []
    for unit in units:
        rule = rules.get(unit.kind)
        per_kind = {}
        for kind in EntryKind.values:
            low, high = rule.bounds(kind) if rule else (None, None)
            per_kind[kind] = QuotaCount(counts.get((unit.pk, kind), 0), low, high)
        result.append(UnitQuota(unit, per_kind[EntryKind.MODEL], per_kind[EntryKind.EXEMPLAR]))
    return result


def check_room(entry):
    """Raise ``ValidationError`` when registering ``entry`` would put its unit above the quota's maximum.

    The entry itself is not counted (it is being submitted). A unit whose kind has no rule is not limited.
    """
    rule = rules_by_kind(entry.campaign).get(entry.unit.kind)
    if rule is None:
        return
    _, maximum = rule.bounds(entry.kind)
    taken = (
        entry.campaign.entries.filter(
            unit=entry.unit, kind=entry.kind, state__in=EntryState.counted_as_registered
        )
        .exclude(pk=entry.pk)
        .count()
    )
    if taken >= maximum:
        raise ValidationError(
            f"Vượt chỉ tiêu: {entry.unit} đã đăng ký {taken} {EntryKind(entry.kind).label.lower()}, "
            f"chỉ tiêu của {rule.get_unit_kind_display().lower()} là tối đa {maximum}."
        )
