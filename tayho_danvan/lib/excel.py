"""Excel output shared by every export: rows stream into an openpyxl write-only workbook.

Text is always written as text: a value such as ``=1+1``, ``+84…``, ``-``, ``@x`` or one starting
with a tab stays the characters the user typed, never a formula (the developers' guide, "Security").
PLATFORM.md: this path is flat in memory, unlike tablib's whole-dataset export.
"""

import datetime
import zipfile
from io import BytesIO

import tablib
from import_export.formats.base_formats import XLSX
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_BOLD = Font(bold=True)


def sheet_cell(sheet, value, bold=False):
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
    sheet.append([sheet_cell(sheet, header, bold=True) for header in headers])
    count = 0
    for row in rows:
        sheet.append([sheet_cell(sheet, value) for value in row])
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


class ImportFileError(ValueError):
    """A spreadsheet refused before any row is read; the message (Vietnamese) says why and where."""


# Limits of an uploaded workbook (bytes, members, rows); far above a campaign's few hundred entries.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 500
MAX_COMPRESSION_RATIO = 200
MAX_ROWS = 20_000


def _check_zip(data, name):
    name = f"Tệp “{name}”" if name else "Tệp"
    """Refuse what is not an xlsx, or what would unpack into far more than it weighs (a zip bomb)."""
    if not data:
        raise ImportFileError(f"{name} rỗng.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportFileError(f"{name} lớn quá {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ImportFileError(
            f"{name} không phải tệp Excel .xlsx (có thể là .xls cũ, .csv hoặc tệp đổi tên). "
            "Hãy mở bằng Excel và lưu lại dạng “Excel Workbook (.xlsx)”."
        ) from exc
    members = archive.infolist()
    unzipped = sum(member.file_size for member in members)
    if (
        len(members) > MAX_ZIP_MEMBERS
        or unzipped > MAX_UNZIPPED_BYTES
        or unzipped > MAX_COMPRESSION_RATIO * max(len(data), 1)
    ):
        raise ImportFileError(f"{name} có cấu trúc bất thường (giải nén quá lớn), không đọc.")
    if "xl/workbook.xml" not in {member.filename for member in members}:
        raise ImportFileError(f"{name} không phải tệp Excel .xlsx.")


def read_xlsx(data, name=None):
    """The first sheet of an xlsx file as ``(headers, rows)``: header strings, then lists of cell values.

    ``data``: the file's bytes. Empty rows are dropped; text is stripped. Raises ``ImportFileError``
    (Vietnamese, naming the file, and the cells where it matters) for an empty, oversized, non-xlsx or
    zip-bomb file, a file without a header row, more than ``MAX_ROWS`` rows, or any formula: an
    import takes values a person typed, never computed ones.
    """
    _check_zip(data, name)
    name = f"Tệp “{name}”" if name else "Tệp"
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(f"{name} bị hỏng, Excel không mở được ({type(exc).__name__}).") from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows()
    header_cells = next(rows, None)
    if not header_cells:
        raise ImportFileError(f"{name} không có dòng tiêu đề.")
    headers = [str(c.value).strip() if c.value is not None else "" for c in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    formulas, data_rows = [], []
    for cells in rows:
        values = []
        for index, cell in enumerate(cells[: len(headers)]):
            if cell.data_type == "f":
                formulas.append(f"{cell.coordinate} (cột “{headers[index]}”)")
            value = cell.value
            values.append(value.strip() if isinstance(value, str) else value)
        if any(v not in (None, "") for v in values):
            values += [None] * (len(headers) - len(values))
            data_rows.append(values)
        if len(data_rows) > MAX_ROWS:
            raise ImportFileError(f"{name} có hơn {MAX_ROWS} dòng; hãy chia nhỏ tệp.")
    workbook.close()
    if formulas:
        raise ImportFileError(
            f"{name} có công thức ở ô {', '.join(formulas[:10])}"
            + (f" và {len(formulas) - 10} ô khác" if len(formulas) > 10 else "")
            + ". Hãy thay công thức bằng giá trị (Sao chép → Dán giá trị) rồi tải lên lại."
        )
    return headers, data_rows


class CheckedXLSX(TextSafeXLSX):
    """The import format: ``read_xlsx``'s checks before django-import-export sees a row."""

    def create_dataset(self, in_stream):
        headers, rows = read_xlsx(in_stream if isinstance(in_stream, bytes) else in_stream.read())
        return tablib.Dataset(*rows, headers=headers)
