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
    from campaigns.choices import EntryKind, EntryState, Evaluation, Field, SubjectKind
    from campaigns.spreadsheets.resources import EntryResource

    labels = {
        "kind": dict(EntryKind.choices),
        "field": dict(Field.choices),
        "subject_kind": dict(SubjectKind.choices),
        "state": dict(EntryState.choices),
        "evaluation": dict(Evaluation.choices),
    }
    columns = [
        "id",
        "unit__code",
        "unit__name",
        "kind",
        "field",
        "title",
        "new_hard_task",
        "head_responsible",
        "situation",
        "objectives",
        "content_method",
        "place_target_group",
        "forces",
        "resources",
        "start_date",
        "milestones",
        "expected_outputs",
        "sustainability",
        "subject_kind",
        "subject_name",
        "subject_position",
        "state",
        "return_reason",
        "self_assessment",
        "evaluation",
        "evaluation_comment",
        "updated_at",
    ]
    maps = [labels.get(name) for name in columns]
    rows = (
        campaign.entries.order_by("unit__path", "kind", "pk").values_list(*columns).iterator(chunk_size=2000)
    )

    def shaped():
        for row in rows:
            values = [m.get(v, v) if m else v for m, v in zip(maps, row, strict=True)]
            values[-1] = values[-1].isoformat()
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
