"""The award list as the annex of a Vietnamese decision, in Excel (issue [D]; DESIGN.md, "Documents").

One sheet per decision: the issuing body top left (with "*" under a Party body), the national or Party
heading top right with the place and date in words, the title "DANH SÁCH …" and "(Kèm theo Quyết định
số … ngày … của …)", then a table in two sections — collectives (models, collective exemplars,
collectives) and individuals (exemplars who are persons, individuals) — each numbered by its number in
the decision, as on its certificate (``recipients``).
A4, the header row repeated on every page, fitted to the page width. Text stays text (no formulas).
Written in openpyxl's write-only mode, row after row, merged ranges and print setup included.
The decision's number is printed exactly as entered (Party "125-QĐ/QU", state "215/QĐ-UBND").
"""

from copy import copy
from functools import lru_cache

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tayho_danvan.lib.excel import XLSX_CONTENT_TYPE

from .heading import heading_of
from .recipients import recipient_line

HEADERS = [
    "STT",
    "Tên tập thể / Họ và tên",
    "Chức vụ",
    "Đơn vị",
    "Lĩnh vực",
    "Hình thức khen thưởng",
    "Thành tích",
]
WIDTHS = [6, 34, 22, 30, 18, 18, 40]
HEADER_ROW = 9
FONT = "Times New Roman"  # a Unicode font with Vietnamese (TCVN 6909:2001)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


@lru_cache(maxsize=64)
def _font(bold, italic, underline, size):
    return Font(name=FONT, size=size, bold=bold, italic=italic, underline="single" if underline else None)


@lru_cache(maxsize=8)
def _alignment(align):
    return Alignment(horizontal=align, vertical="top", wrap_text=True)


def _cell(
    sheet, value, styles, *, bold=False, italic=False, underline=False, size=12, align="left", box=False
):
    """A styled write-only cell. ``styles``: the sheet's styles already registered with its workbook,
    by their arguments: a style's first cell registers it (openpyxl hashes each font, border and
    alignment it is given, which cost two thirds of a 20,000-row annex), the next ones copy its indices."""
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # "=…", "+…" typed by someone stay text
    key = (bold, italic, underline, size, align, box)
    registered = styles.get(key)
    if registered is not None:
        cell._style = copy(registered)
        return cell
    cell.font = _font(bold, italic, underline, size)
    cell.alignment = _alignment(align)
    if box:
        cell.border = BOX
    styles[key] = copy(cell._style)
    return cell


class _Rows:
    """Rows appended one after another to a write-only sheet, with their merged ranges."""

    def __init__(self, sheet):
        self.sheet, self.number, self.styles = sheet, 0, {}

    def add(self, *pieces):
        """One row of ``(first_column, last_column, value, style)`` pieces; a piece spanning columns is
        merged. Returns the row's number."""
        self.number += 1
        row = [None] * len(HEADERS)
        for first, last, value, style in pieces:
            row[first - 1] = _cell(self.sheet, value, self.styles, **style)
            if last > first:
                self.sheet.merged_cells.add(
                    f"{get_column_letter(first)}{self.number}:{get_column_letter(last)}{self.number}"
                )
        self.sheet.append(row)
        return self.number

    def skip_to(self, number):
        while self.number < number - 1:
            self.number += 1
            self.sheet.append([])


def _heading(rows, decision):
    heading = heading_of(decision)
    left, right = [*heading.issuer_lines, ""][:3], heading.motto
    centre = {"align": "center"}
    date_row = 3 if right[1] else 2
    dated = (4, 7, heading.dated, {"italic": True, **centre})
    rows.add(
        (1, 3, left[0], centre), (4, 7, right[0], {"bold": True, "underline": not heading.state, **centre})
    )
    second = (4, 7, right[1], {"bold": True, "underline": True, **centre}) if right[1] else dated
    rows.add((1, 3, left[1], {"bold": True, **centre}), second)
    rows.add((1, 3, left[2], centre), *([dated] if date_row == 3 else []))
    rows.skip_to(5)
    rows.add((1, 7, "DANH SÁCH", {"bold": True, "size": 14, **centre}))
    award, year = decision.award_type.name.upper(), decision.campaign.year
    rows.add(
        (1, 7, f"KHEN THƯỞNG {award} PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO” NĂM {year}", {"bold": True, **centre})
    )
    attached = (
        f"(Kèm theo Quyết định số {decision.number} ngày {decision.date:%d/%m/%Y} của {decision.issuer_name})"
    )
    rows.add((1, 7, attached, {"italic": True, **centre}))


def _awards_in_sections(decision):
    """``[(title, iterator of RecipientLine)]``: collectives then individuals, each in STT order, read
    from the database as they are written (two queries, never the whole list in memory)."""
    awards = decision.awards.select_related("unit", "entry", "decision__award_type").order_by("position")

    def lines(collective):
        for award in awards.iterator(chunk_size=2000):
            line = recipient_line(award)
            if line.collective == collective:
                yield line

    return [("I. TẬP THỂ", lines(True)), ("II. CÁ NHÂN", lines(False))]


def write_decision_sheet(sheet, decision, progress=None, done=0):
    """Fill the write-only ``sheet`` with ``decision``'s annex. Returns the number of awards.
    ``progress(n)``, when given, is called every 500 awards with ``done`` plus this sheet's count."""
    # A write-only sheet writes its properties and columns with its first row: set them first.
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    rows = _Rows(sheet)
    _heading(rows, decision)
    rows.skip_to(HEADER_ROW)
    header = {"bold": True, "align": "center", "box": True}
    rows.add(*((column, column, title, header) for column, title in enumerate(HEADERS, start=1)))
    total = 0
    for title, lines in _awards_in_sections(decision):
        for index, line in enumerate(lines):
            if index == 0:
                rows.add((1, 7, title, {"bold": True}))
            # The recipient's number in the decision, as on the certificate ("Số sổ vàng").
            values = [line.name, line.position, line.unit, line.field, line.award_type, line.achievement]
            rows.add(
                (1, 1, line.number, {"align": "center", "box": True}),
                *((column, column, value, {"box": True}) for column, value in enumerate(values, start=2)),
            )
            total += 1
            if progress is not None and total % 500 == 0:
                progress(done + total)
    rows.skip_to(rows.number + 2)
    rows.add((1, 7, f"Danh sách có {total} khen thưởng.", {"italic": True}))
    return total


def write_annexes(out, decisions, progress=None):
    """One annex sheet per decision (an iterable of ``Decision``) into ``out`` (path or binary file).
    ``progress(awards_done)``, when given, is called as awards are written.

    Returns the total number of awards written. A write-only workbook: rows stream from the database
    into the file, so a decision of 20,000 awards costs no more memory than one of twenty (issue [E]).
    """
    workbook = Workbook(write_only=True)
    total = 0
    for decision in decisions:
        title = f"QĐ {decision.number}".replace("/", "-")[:28]
        if title in workbook.sheetnames:
            title = f"{title[:24]} ({len(workbook.sheetnames) + 1})"
        total += write_decision_sheet(workbook.create_sheet(title=title), decision, progress, total)
    if not workbook.sheetnames:
        workbook.create_sheet(title="Danh sách")
    workbook.save(out)
    return total


def annex_order(decisions):
    """``decisions`` (a queryset) as their annexes are written: date and number order, with what the
    heading reads (one query)."""
    return decisions.select_related("award_type", "campaign__organiser").order_by("date", "number")


def write_annex_file(out, *, rows, params, progress):
    """The background export of the annexes of ``rows`` (decisions; ``campaigns.services.exports``)."""
    return write_annexes(out, annex_order(rows), progress)


def annex_response(decisions, filename):
    """An ``HttpResponse`` that downloads the annexes of ``decisions`` as ``filename`` (.xlsx)."""
    response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_annexes(response, decisions)
    return response


def decisions_of_campaign(campaign):
    """The decisions of ``campaign`` in date and number order, ready for their annexes (one query)."""
    return annex_order(campaign.decisions.all())
