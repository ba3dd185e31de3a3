"""The exports' floor and peer, each in a process of its own (``bench/commands.py`` runs it):

- ``bare``: the same rows and columns as ``export_entries`` / ``export_awards``, read with one
  ``values_list().iterator()`` and appended as plain values to an openpyxl write-only sheet;
- ``peer``: django-import-export's default path, ``Resource.export()`` then tablib's xlsx.

Usage: ``_export_floor.py entries|awards YEAR ORGANISER OUT.xlsx bare|peer``.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _entries(campaign):
    from campaigns.spreadsheets.entries import export_reading
    from campaigns.spreadsheets.resources import ChoiceLabelWidget, EntryResource

    # The export's own columns (the database paths it reads), converted here by plain dict lookups.
    fields = EntryResource().get_export_fields()
    columns = [export_reading(field)[0] for field in fields]
    maps = [
        dict(f.widget.choices.choices) if isinstance(f.widget, ChoiceLabelWidget) else None for f in fields
    ]
    version = columns.index("updated_at")
    rows = (
        campaign.entries.order_by("unit__path", "kind", "pk").values_list(*columns).iterator(chunk_size=2000)
    )

    def shaped():
        for row in rows:
            values = [m.get(v, v) if m else v for m, v in zip(maps, row, strict=True)]
            values[version] = values[version].isoformat()
            yield values

    return EntryResource.headers(), shaped()


def _awards(campaign):
    from awards.documents.annex import HEADERS
    from campaigns.choices import Field

    fields = dict(Field.choices)
    rows = (
        campaign.decisions.order_by("date", "number")
        .values_list(
            "awards__position",
            "awards__recipient_name",
            "awards__recipient_position",
            "awards__unit__name",
            "awards__entry__field",
            "award_type__name",
            "awards__achievement",
        )
        .order_by("date", "number", "awards__position")
        .iterator(chunk_size=2000)
    )
    return HEADERS, ([p, n, pos, u, fields.get(f, ""), t, a] for p, n, pos, u, f, t, a in rows)


def _peer(kind, campaign, out):
    from awards.spreadsheets.resources import AwardListResource
    from campaigns.spreadsheets.resources import EntryResource

    if kind == "entries":
        dataset = EntryResource().export(
            campaign.entries.select_related("unit").order_by("unit__path", "kind", "pk")
        )
    else:
        from awards.models import Award

        dataset = AwardListResource().export(Award.objects.filter(decision__campaign=campaign))
    Path(out).write_bytes(dataset.export("xlsx"))


def main():
    kind, year, organiser, out, mode = sys.argv[1:]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tayho_danvan.settings")
    import django

    django.setup()
    from campaigns.models import Campaign

    campaign = Campaign.objects.for_year(int(year), organiser)
    if mode == "peer":
        _peer(kind, campaign, out)
        return
    from openpyxl import Workbook

    headers, rows = (_entries if kind == "entries" else _awards)(campaign)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(out)


if __name__ == "__main__":
    main()
