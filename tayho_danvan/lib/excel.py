"""Excel output shared by every export: rows stream into an openpyxl write-only workbook.

Text is always written as text: a value such as ``=1+1``, ``+84…``, ``-``, ``@x`` or one starting
with a tab stays the characters the user typed, never a formula (the developers' guide, "Security").
PLATFORM.md: this path is flat in memory, unlike tablib's whole-dataset export.
"""

import datetime
import hashlib
import unicodedata
import zipfile
from io import BytesIO
from itertools import chain

import tablib
from import_export.formats.base_formats import XLSX
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from .documents import normal_text

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_BOLD = Font(bold=True)


def plain_value(sheet, value):
    """``value`` as ``sheet.append`` takes it: the value itself where openpyxl writes it as it is (most
    text and numbers: no cell object, the export's floor), a cell for text it would otherwise turn
    into a formula (``=…``) or refuse (control characters), and for dates (shown dd/mm/yyyy)."""
    if isinstance(value, str):
        if value.startswith("=") or ILLEGAL_CHARACTERS_RE.search(value):
            return sheet_cell(sheet, value)
        return value
    if isinstance(value, datetime.date):
        return sheet_cell(sheet, value)
    return value


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
        sheet.append([plain_value(sheet, value) for value in row])
        count += 1
    workbook.save(out)
    return count


def counted(rows, progress, every=500):
    """Yield ``rows`` (any iterable) unchanged, calling ``progress(n)`` with the number yielded so far
    every ``every`` rows; ``progress`` ``None`` yields them as they are."""
    if progress is None:
        yield from rows
        return
    for number, row in enumerate(rows, start=1):
        if number % every == 0:
            progress(number)
        yield row


def _column_letter(index):
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


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


HEADER_SEARCH_ROWS = 30  # a title, notes or blank rows may stand above the header row


class Rows(list):
    """The data rows of a sheet (lists of cell values) with ``numbers``: each row's Excel row number,
    so that messages name the row the user sees whatever stands above or between the rows."""

    def __init__(self, rows=(), numbers=()):
        super().__init__(rows)
        self.numbers = list(numbers)


def _header_row(rows, expected):
    """``(index, cells)`` of the header row among the first rows: the first row holding at least two
    of ``expected`` (compared as ``normal_text``), else the first non-empty row; ``(None, None)`` if
    the first rows are all empty."""
    wanted = {normal_text(h) for h in expected or ()}
    first = (None, None)
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        texts = [normal_text(str(c.value)) for c in cells if c.value not in (None, "")]
        if not texts:
            continue
        if first[0] is None:
            first = (index, cells)
        if not wanted or len(wanted & set(texts)) >= min(2, len(wanted)):
            return index, cells
    # None of ours: the first row stands as the header, and the caller names what is wrong with it.
    return first


def read_xlsx(data, name=None, expected=None):
    """See ``_read_xlsx``; the last two files read are remembered, so a request that checks a file and
    then imports it (the admin's preview) parses it once. Each caller gets its own copy."""
    key = (hashlib.sha256(data).digest(), tuple(expected or ()))
    found = _RECENT.get(key)
    if found is None:
        found = _read_xlsx(data, name, expected)
        PARSED[0] += 1
        _RECENT.clear()  # the last file only: a few MB at most, never a growing cache
        _RECENT[key] = found
    headers, rows = found
    return list(headers), Rows([list(row) for row in rows], list(rows.numbers))


_RECENT = {}  # (sha256 of the bytes, expected headers) → (headers, Rows) of the last file parsed
PARSED = [0]  # files parsed by this process (read by tests: one parse per request)


def _read_xlsx(data, name=None, expected=None):
    """The first sheet of an xlsx file as ``(headers, rows)``: header strings, then a ``Rows`` list of
    cell values with their Excel row numbers.

    ``data``: the file's bytes. ``expected``: the headers the caller knows (strings); the header row is
    then found below a title, notes or blank rows, and each header typed in another Unicode form, case,
    spacing or tone placement ("Lĩnh vực" decomposed, "Tên mô hình / điển hình " …) is returned as the
    expected spelling. Empty rows are dropped; text is stripped and in NFC. Raises ``ImportFileError``
    (Vietnamese, naming the file, and the cells where it matters) for an empty, oversized, non-xlsx or
    zip-bomb file, a file without a header row, more than ``MAX_ROWS`` rows below the header (blank
    ones counted too, so a sheet of a million empty rows stops at the cap), or any formula: an
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
    top = []
    for cells in rows:
        top.append(cells)
        if len(top) >= HEADER_SEARCH_ROWS:
            break
    header_index, header_cells = _header_row(top, expected)
    if not header_cells:
        raise ImportFileError(f"{name} không có dòng tiêu đề.")
    spelling = {normal_text(h): h for h in expected or ()}
    headers = []
    for cell in header_cells:
        text = unicodedata.normalize("NFC", str(cell.value).strip()) if cell.value is not None else ""
        headers.append(spelling.get(normal_text(text), text))
    while headers and not headers[-1]:
        headers.pop()
    formulas, data_rows = [], Rows()
    following = (cells for cells in top[header_index + 1 :])
    for number, cells in enumerate(chain(following, rows), start=header_index + 2):
        values = []
        for index, cell in enumerate(cells[: len(headers)]):
            if cell.data_type == "f":
                formulas.append(f"{cell.coordinate} (cột “{headers[index]}”)")
            value = cell.value
            values.append(unicodedata.normalize("NFC", value.strip()) if isinstance(value, str) else value)
        if any(v not in (None, "") for v in values):
            values += [None] * (len(headers) - len(values))
            data_rows.append(values)
            data_rows.numbers.append(number)
        if number - header_index - 1 > MAX_ROWS:
            raise ImportFileError(
                f"{name} có hơn {MAX_ROWS} dòng (kể cả dòng trống) dưới dòng tiêu đề; hãy chia nhỏ tệp "
                "hoặc xóa các dòng trống ở cuối bảng."
            )
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

    expected = ()  # the resource's headers, set by the admin that uses the format

    def create_dataset(self, in_stream):
        data = in_stream if isinstance(in_stream, bytes) else in_stream.read()
        headers, rows = read_xlsx(data, expected=self.expected)
        return dataset_of(headers, rows)


def dataset_of(headers, rows):
    """A tablib ``Dataset`` of ``read_xlsx``'s result that keeps the Excel row numbers (``row_numbers``)
    for the resource's messages."""
    dataset = tablib.Dataset(*rows, headers=headers)
    dataset.row_numbers = list(getattr(rows, "numbers", range(2, len(rows) + 2)))
    return dataset
