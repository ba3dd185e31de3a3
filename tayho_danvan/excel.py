"""Excel output shared by every export: rows stream into an openpyxl write-only workbook.

Text is always written as text: a value such as ``=1+1``, ``+84…``, ``-``, ``@x`` or one starting
with a tab stays the characters the user typed, never a formula (the developers' guide, "Security").
PLATFORM.md: this path is flat in memory, unlike tablib's whole-dataset export.
"""

import datetime
from io import BytesIO

from import_export.formats.base_formats import XLSX
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_BOLD = Font(bold=True)


def _cell(sheet, value, bold=False):
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # openpyxl marks any string starting with "=" as a formula; force it back to text.
        cell.data_type = "s"
    elif isinstance(value, datetime.date):
        cell.number_format = "DD/MM/YYYY"
    if bold:
        cell.font = _BOLD
    return cell


def write_xlsx(out, headers, rows, *, title="Danh sách", widths=None):
    """Write one sheet to ``out`` (a path or a binary file object) and return the number of data rows.

    ``headers``: list of column titles (Vietnamese). ``rows``: any iterable of sequences; consumed
    once, never held in memory. ``widths``: optional column widths in characters.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for index, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, header, bold=True) for header in headers])
    count = 0
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
        count += 1
    workbook.save(out)
    return count


def _column_letter(index):
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def resource_rows(resource, queryset):
    """Rows of a django-import-export ``resource`` over ``queryset``, one at a time."""
    fields = resource.get_export_fields()
    for instance in resource.iter_queryset(queryset):
        yield [resource.export_field(field, instance) for field in fields]


def write_resource(out, resource, queryset, *, title="Danh sách"):
    """Export ``queryset`` through ``resource`` (Vietnamese headers) into ``out``; return the row count."""
    return write_xlsx(out, resource.get_export_headers(), resource_rows(resource, queryset), title=title)


class TextSafeXLSX(XLSX):
    """django-import-export's xlsx format, written by ``write_xlsx`` so formula-like text stays text."""

    def export_data(self, dataset, **kwargs):
        buffer = BytesIO()
        write_xlsx(buffer, dataset.headers or [], iter(dataset), title=dataset.title or "Danh sách")
        return buffer.getvalue()
