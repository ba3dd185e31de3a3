"""The figures of a campaign's report (DESIGN.md, "Interfaces": ``campaign_report``).

[A] gives ``year``, ``registered``, ``by_field`` and ``awarded``; [D] completes the other keys.
Counts come from the entries and awards in the database, never from stored totals.
"""

from django.db.models import Count, Q

from .choices import EntryKind, EntryState, Field
from .models import Entry


def _by_kind(queryset):
    rows = dict(queryset.values_list("kind").annotate(n=Count("pk", distinct=True)).order_by())
    return {"models": rows.get(EntryKind.MODEL, 0), "exemplars": rows.get(EntryKind.EXEMPLAR, 0)}


def campaign_figures(campaign):
    """The report of ``campaign`` as a JSON-ready dict.

    - ``registered``: entries counted as registered (submitted, resubmitted, accepted), by kind;
    - ``by_field``: the same, per field code: ``{"economy": {"label", "models", "exemplars"}}``;
    - ``awarded``: distinct entries holding at least one award of the campaign's decisions, by kind
      (an entry awarded at two levels counts once; DESIGN.md).
    """
    registered = Entry.objects.filter(campaign=campaign, state__in=EntryState.counted_as_registered)
    per_field = {
        (field, kind): n
        for field, kind, n in registered.values_list("field", "kind").annotate(n=Count("pk")).order_by()
    }
    awarded = Entry.objects.filter(Q(awards__decision__campaign=campaign))
    return {
        "year": campaign.year,
        "organiser": {"code": campaign.organiser.code, "name": campaign.organiser.name},
        "campaign": campaign.title,
        "registered": _by_kind(registered),
        "by_field": {
            field.value: {
                "label": field.label,
                "models": per_field.get((field.value, EntryKind.MODEL), 0),
                "exemplars": per_field.get((field.value, EntryKind.EXEMPLAR), 0),
            }
            for field in Field
        },
        "awarded": _by_kind(awarded),
    }


def as_text(figures):
    """A Vietnamese plain-text rendering of ``campaign_figures``' result."""
    lines = [
        f"Báo cáo phong trào năm {figures['year']} — {figures['organiser']['name']}",
        f"Đăng ký: {figures['registered']['models']} mô hình, {figures['registered']['exemplars']} điển hình",
        "Theo lĩnh vực:",
    ]
    for row in figures["by_field"].values():
        lines.append(f"  - {row['label']}: {row['models']} mô hình, {row['exemplars']} điển hình")
    lines.append(
        f"Khen thưởng: {figures['awarded']['models']} mô hình, {figures['awarded']['exemplars']} điển hình"
    )
    return "\n".join(lines)
