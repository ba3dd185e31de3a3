"""Entries to and from Excel: the code behind the admin's export and import and the commands
``export_entries`` and ``import_entries`` (DESIGN.md, "Interfaces that stay stable").

Exports stream rows from the queryset's iterator into a write-only workbook (PLATFORM.md); imports
read the file through ``excel.read_xlsx`` (no formulas, no zip bombs) and run ``EntryResource`` in
one transaction: any bad row and nothing is written.
"""

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS

from tayho_danvan.lib.excel import counted, dataset_of, read_xlsx, write_xlsx

from ..services.quotas import rules_by_kind
from .resources import (
    ChoiceLabelWidget,
    DayWidget,
    EntryResource,
    TextWidget,
    UnseenEntryResource,
    check_rows,
)

SHEET_TITLE = "Mô hình, điển hình"


def export_entries(out, queryset, progress=None):
    """Write ``queryset`` (entries) to ``out`` (a path or a binary file); return the number of rows.
    ``progress(rows_done)``, when given, is called as rows are written (a background export's bar).

    The columns and their values are ``EntryResource``'s (what the import reads back); the rows come
    from ``export_rows`` (one ``values_list`` iterator, no model instance per row): 100,000 entries in
    flat memory, near a bare openpyxl loop's time (issue [E]; bench/run.py measures both).
    """
    entries = queryset.order_by("unit__path", "kind", "pk")
    rows = counted(export_rows(entries), progress)
    return write_xlsx(out, EntryResource.headers(), rows, title=SHEET_TITLE)


def export_reading(field):
    """``(values_list path, convert)`` for one of ``EntryResource``'s export fields: the value its
    widget renders, computed from the column's raw value."""
    widget = field.widget
    if field.attribute == "unit":
        return "unit__code", _or_blank
    if field.attribute == "version":  # Entry.version: the last save's time, as the import compares it
        return "updated_at", lambda value: value.isoformat() if value else ""
    if isinstance(widget, ChoiceLabelWidget):
        labels = dict(widget.choices.choices)
        return field.attribute, lambda value: labels.get(value, "") if value else ""
    if isinstance(widget, (TextWidget, DayWidget)):
        return field.attribute, _or_blank
    return field.attribute, lambda value: value


def _or_blank(value):
    return value or ""


def export_rows(queryset, chunk_size=2000):
    """Rows of ``EntryResource``'s export columns for ``queryset`` (entries), one list at a time."""
    readings = [export_reading(field) for field in EntryResource().get_export_fields()]
    paths = [path for path, _ in readings]
    converters = [convert for _, convert in readings]
    for values in queryset.values_list(*paths).iterator(chunk_size=chunk_size):
        yield [convert(value) for convert, value in zip(converters, values, strict=True)]


def write_template(out, campaign, unit=None):
    """An import template with the export's headers; with ``unit``, one row per place in the quota of
    that unit and of each active unit under it, unit code and kind already filled in.

    Returns the number of pre-filled rows (0 for the bare template).
    """
    headers = EntryResource.headers()
    rows = []
    if unit is not None:
        rules = rules_by_kind(campaign)
        for member in unit.subtree().active().filter(depth__gt=campaign.organiser.depth):
            rule = rules.get(member.kind)
            for kind, label in (("model", "Mô hình"), ("exemplar", "Điển hình")):
                for _ in range(rule.bounds(kind)[1] if rule else 1):
                    row = dict.fromkeys(headers, "")
                    row.update({"Mã đơn vị": member.code, "Đơn vị": member.name, "Loại": label})
                    rows.append([row[h] for h in headers])
    return write_xlsx(out, headers, iter(rows), title=SHEET_TITLE)


@dataclass
class RowProblem:
    row: int  # the row number in Excel (the header is row 1)
    column: str  # the header of the column, or "" for the whole row
    message: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    problems: list = field(default_factory=list)  # [RowProblem]
    file_errors: list = field(default_factory=list)  # [str]: the file as a whole

    @property
    def ok(self):
        return not self.problems and not self.file_errors


def report_of(result):
    """Turn django-import-export's ``Result`` into an ``ImportReport`` with Excel row numbers."""
    report = ImportReport(
        created=result.totals.get("new", 0),
        updated=result.totals.get("update", 0),
        skipped=result.totals.get("skip", 0),
    )
    for error in result.base_errors:
        report.file_errors.extend(getattr(error.error, "messages", [str(error.error)]))
    for invalid in result.invalid_rows:  # numbered as in Excel, keyed by header (EntryResource.after_import)
        for column, messages in invalid.error_dict.items():
            column = "" if column == NON_FIELD_ERRORS else column
            report.problems.extend(RowProblem(invalid.number, column, m) for m in messages)
    for error_row in result.error_rows:  # numbered as in Excel (EntryResource.after_import)
        for error in error_row.errors:
            messages = getattr(error.error, "messages", [str(error.error)])
            report.problems.extend(RowProblem(error_row.number, "", m) for m in messages)
    return report


def import_entries(data, *, campaign, user, file_name=None, dry_run=False):
    """Import the xlsx bytes ``data`` into ``campaign`` as ``user``; return an ``ImportReport``.

    All or nothing: a dry run, or any bad row, rolls everything back. Raises
    ``tayho_danvan.lib.excel.ImportFileError`` when the file itself is refused (see ``read_xlsx``).
    """
    headers, rows = read_xlsx(data, file_name, expected=EntryResource.headers())
    check_rows(headers, rows)
    dataset = dataset_of(headers, rows)
    resource = UnseenEntryResource(campaign=campaign, user=user, file_name=file_name)
    result = resource.import_data(
        dataset,
        dry_run=dry_run,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
    )
    return report_of(result)
