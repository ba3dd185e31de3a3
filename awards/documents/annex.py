"""The award list as the annex of a Vietnamese decision, in Excel (issue [D]; DESIGN.md, "Documents").

One sheet per decision: the issuing body top left (with "*" under a Party body), the national or Party
heading top right with the place and date in words, the title "DANH SÁCH …" and "(Kèm theo Quyết định
số … ngày … của …)", then a table in two sections — collectives (models, collective exemplars,
collectives) and individuals (exemplars who are persons, individuals) — each numbered by its number in
the decision, as on its certificate (``recipients``).
A4, the header row repeated on every page, fitted to the page width. Text stays text (no formulas).
The decision's number is printed exactly as entered (Party "125-QĐ/QU", state "215/QĐ-UBND").
"""

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

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


def _text_cell(
    sheet, row, column, value, *, bold=False, italic=False, underline=False, size=12, align="left"
):
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # "=…", "+…" typed by someone stay text
    cell.font = Font(
        name=FONT, size=size, bold=bold, italic=italic, underline="single" if underline else None
    )
    cell.alignment = Alignment(horizontal=align, vertical="top", wrap_text=True)
    return cell


def _merged(sheet, row, first, last, value, **style):
    sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    return _text_cell(sheet, row, first, value, **style)


def _heading(sheet, decision):
    heading = heading_of(decision)
    left, right = [*heading.issuer_lines, ""][:3], heading.motto
    _merged(sheet, 1, 1, 3, left[0], align="center")
    _merged(sheet, 2, 1, 3, left[1], bold=True, align="center")
    _merged(sheet, 3, 1, 3, left[2], align="center")
    _merged(sheet, 1, 4, 7, right[0], bold=True, underline=not heading.state, align="center")
    date_row = 3 if right[1] else 2
    if right[1]:
        _merged(sheet, 2, 4, 7, right[1], bold=True, underline=True, align="center")
    _merged(sheet, date_row, 4, 7, heading.dated, italic=True, align="center")
    _merged(sheet, 5, 1, 7, "DANH SÁCH", bold=True, size=14, align="center")
    award, year = decision.award_type.name.upper(), decision.campaign.year
    _merged(
        sheet,
        6,
        1,
        7,
        f"KHEN THƯỞNG {award} PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO” NĂM {year}",
        bold=True,
        align="center",
    )
    attached = (
        f"(Kèm theo Quyết định số {decision.number} ngày {decision.date:%d/%m/%Y} của {decision.issuer_name})"
    )
    _merged(sheet, 7, 1, 7, attached, italic=True, align="center")


def write_decision_sheet(sheet, decision, awards):
    """Fill ``sheet`` with ``decision``'s annex; ``awards`` in STT order. Returns the number of awards."""
    _heading(sheet, decision)
    for column, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True), start=1):
        _text_cell(sheet, HEADER_ROW, column, header, bold=True, align="center").border = BOX
        sheet.column_dimensions[get_column_letter(column)].width = width
    row = HEADER_ROW + 1
    lines = [recipient_line(award) for award in awards]
    sections = [
        ("I. TẬP THỂ", [line for line in lines if line.collective]),
        ("II. CÁ NHÂN", [line for line in lines if not line.collective]),
    ]
    for title, members in sections:
        if not members:
            continue
        _merged(sheet, row, 1, 7, title, bold=True)
        row += 1
        for line in members:
            # The recipient's number in the decision, as on the certificate ("Số sổ vàng").
            _text_cell(sheet, row, 1, line.number, align="center").border = BOX
            values = [line.name, line.position, line.unit, line.field, line.award_type, line.achievement]
            for column, value in enumerate(values, start=2):
                _text_cell(sheet, row, column, value).border = BOX
            row += 1
    _merged(sheet, row + 1, 1, 7, f"Danh sách có {len(awards)} khen thưởng.", italic=True)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    return len(awards)


def write_annexes(out, decisions):
    """One annex sheet per decision (an iterable of ``Decision``) into ``out`` (path or binary file).

    Returns the total number of awards written. Award lists are a few hundred rows at most, so the
    workbook is built in memory (merged cells and print setup need the regular openpyxl mode).
    """
    workbook = Workbook()
    workbook.remove(workbook.active)
    total = 0
    for decision in decisions:
        awards = list(
            decision.awards.select_related("unit", "entry", "decision__award_type").order_by("position")
        )
        title = f"QĐ {decision.number}".replace("/", "-")[:28]
        if title in workbook.sheetnames:
            title = f"{title[:24]} ({len(workbook.sheetnames) + 1})"
        total += write_decision_sheet(workbook.create_sheet(title=title), decision, awards)
    if not workbook.worksheets:
        workbook.create_sheet(title="Danh sách")
    workbook.save(out)
    return total


def annex_response(decisions, filename):
    """An ``HttpResponse`` that downloads the annexes of ``decisions`` as ``filename`` (.xlsx)."""
    response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_annexes(response, decisions)
    return response


def decisions_of_campaign(campaign):
    """The decisions of ``campaign`` in date and number order, ready for their annexes (one query)."""
    return campaign.decisions.select_related("award_type", "campaign__organiser").order_by("date", "number")
