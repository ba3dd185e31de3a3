"""The ceremony report as tables: the same rows for the leaders' page and for the Excel workbook
(one sheet per table), each with this year's figures and the previous year's beside them.
"""

from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from tayho_danvan.lib.excel import sheet_cell
from units.models import UnitKind


@dataclass
class Table:
    title: str
    headers: list
    rows: list = field(default_factory=list)  # [label, value, …]; bar widths computed by ``bars``
    chart: bool = False  # drawn as bars on the page (the first numeric column)
    sheet: str = ""  # the Excel sheet's name (31 characters at most), else the title

    def bars(self):
        """``[(row, width %)]`` for the page's bar chart, relative to the largest first value."""
        largest = max((row[1] for row in self.rows if isinstance(row[1], int)), default=0) or 1
        return [(row, round(100 * row[1] / largest) if isinstance(row[1], int) else 0) for row in self.rows]


def _sum(*rows):
    """Column by column, the sum of ``rows`` of figures (``None`` where a year has no figure)."""
    return [None if None in column else sum(column) for column in zip(*rows, strict=True)]


def _or_dash(values):
    """A row's values with "—" for a figure that does not exist (an average of nothing)."""
    return ["—" if v is None else v for v in values]


def _previous(figures, *path, default=0):
    node = figures.get("previous")
    for key in path:
        if not isinstance(node, dict):
            return None
        node = node.get(key, default if key == path[-1] else None)
    return node


def tables(figures):
    """``[Table]`` of ``figures.campaign_figures`` output (a dict); previous-year columns when known."""
    year = figures["year"]
    before = figures["previous"]["year"] if figures.get("previous") else None
    pair = [f"Mô hình {year}", f"Điển hình {year}"] + (
        [f"Mô hình {before}", f"Điển hình {before}"] if before else []
    )
    single = [f"Năm {year}"] + ([f"Năm {before}"] if before else [])

    def kinds(section, key):
        now = figures[section][key]
        row = [now["models"], now["exemplars"]]
        if before:
            old = _previous(figures, section, key, default={}) or {}
            row += [old.get("models", 0), old.get("exemplars", 0)]
        return row

    def value(*path):
        row = [_get(figures, path)]
        if before:
            row.append(_previous(figures, *path))
        return row

    result = [
        Table("Đăng ký", ["", *pair], [["Tổng số", *_registered(figures, before)]]),
        Table(
            "Đăng ký theo lĩnh vực",
            ["Lĩnh vực", *pair],
            [[row["label"], *kinds("by_field", key)] for key, row in figures["by_field"].items()],
            chart=True,
        ),
        Table(
            "Đăng ký theo loại đơn vị",
            ["Loại đơn vị", *pair],
            [[row["label"], *kinds("by_unit_kind", key)] for key, row in figures["by_unit_kind"].items()],
        ),
    ]
    previous_wards = {w["code"]: w for w in (_previous(figures, "by_ward", default=[]) or [])}
    ward_rows = []
    for ward in figures["by_ward"]:
        row = [ward["name"], ward["models"], ward["exemplars"]]
        if before:
            old = previous_wards.get(ward["code"], {})
            row += [old.get("models", 0), old.get("exemplars", 0)]
        ward_rows.append(row)
    result.append(
        Table(
            "Đăng ký theo phường, đơn vị trực thuộc",
            ["Đơn vị", *pair],
            ward_rows,
            chart=True,
            sheet="Theo phường, đơn vị",
        )
    )
    result += [
        Table(
            "Chỉ tiêu đăng ký và chi bộ tham gia",
            sheet="Chỉ tiêu đăng ký",
            headers=["", *single],
            rows=[
                ["Đơn vị đủ chỉ tiêu", *value("quota", "units_compliant")],
                ["Đơn vị chưa đủ", *value("quota", "units_under")],
                ["Đơn vị vượt chỉ tiêu", *value("quota", "units_over")],
                ["Tổng số đơn vị", *value("quota", "units_total")],
                ["Chi bộ đã đăng ký", *value("quota", "cells_registered")],
                ["Tổng số chi bộ", *value("quota", "cells_total")],
            ],
        ),
        Table(
            "Kết quả đánh giá",
            ["", *single],
            [
                ["Tiêu biểu", *value("evaluation", "outstanding")],
                ["Đạt", *value("evaluation", "passed")],
                ["Không đạt", *value("evaluation", "not_passed")],
                ["Chưa đánh giá", *value("evaluation", "not_evaluated")],
            ],
            chart=True,
        ),
        Table(
            "Chấm điểm theo tiêu chí",
            ["", *single],
            [
                ["Hồ sơ đã chấm", *value("judging", "scored")],
                ["Điểm bình quân mô hình", *_or_dash(value("judging", "average", "models"))],
                ["Điểm bình quân điển hình", *_or_dash(value("judging", "average", "exemplars"))],
                ["Trưởng ban chốt: Tiêu biểu", *value("judging", "classified", "outstanding")],
                ["Trưởng ban chốt: Đạt", *value("judging", "classified", "passed")],
                ["Trưởng ban chốt: Không đạt", *value("judging", "classified", "not_passed")],
            ],
        ),
        Table(
            "Từ đăng ký đến khen thưởng",
            ["", *single],
            [
                [
                    "Đăng ký (mô hình và điển hình)",
                    *_sum(value("registered", "models"), value("registered", "exemplars")),
                ],
                ["Được chấm điểm", *value("judging", "scored")],
                [
                    "Xếp loại Đạt hoặc Tiêu biểu",
                    *_sum(value("evaluation", "passed"), value("evaluation", "outstanding")),
                ],
                ["Hội đồng biểu quyết đề nghị", *value("council", "passed")],
                ["Được khen thưởng", *_sum(value("awarded", "models"), value("awarded", "exemplars"))],
            ],
            chart=True,
        ),
        Table(
            "Khen thưởng",
            ["", *single],
            [
                ["Mô hình", *value("awarded", "models")],
                ["Điển hình", *value("awarded", "exemplars")],
                ["Cá nhân", *value("awarded", "individuals")],
                ["Tập thể", *value("awarded", "collectives")],
                *(
                    [f"Hình thức: {name}", *value("awarded", "by_award_type", name)]
                    for name in _award_types(figures)
                ),
            ],
        ),
        Table(
            "Chỉ tiêu kế hoạch",
            ["", *single],
            [
                ["Tổng số chỉ tiêu", *value("targets", "total")],
                ["Đạt và vượt", *value("targets", "met")],
                ["Trong đó vượt kế hoạch", *value("targets", "exceeded")],
                ["Không đạt", *value("targets", "missed")],
                ["Chưa báo cáo", *value("targets", "pending")],
            ],
        ),
        Table("Giao ước thi đua", ["", *single], _pledge_rows(figures, value)),
    ]
    return result


def _pledge_rows(figures, value):
    """The year's own pledge, then the next year's signed at this year's conference, as
    ``campaign_report`` prints them (the article's 2023 report: the 2024 pledge, 53 signatories).
    """
    rows = [[f"Đơn vị đã ký giao ước năm {figures['year']}", *value("pledge_signatories")]]
    following = figures.get("next_pledge")
    if following:
        rows.append(
            [f"Ký giao ước năm {following['year']} tại hội nghị", *value("next_pledge", "signatories")]
        )
        rows.append(
            [
                "Trong đó Đảng ủy phường",
                *value("next_pledge", "by_unit_kind", UnitKind.WARD_COMMITTEE),
            ]
        )
    return rows


def _get(figures, path):
    node = figures
    for key in path:
        node = node.get(key, 0) if isinstance(node, dict) else 0
    return node


def _award_types(figures):
    """Award types of this year and of the previous one, this year's first."""
    names = list(figures["awarded"]["by_award_type"])
    previous = _previous(figures, "awarded", "by_award_type", default={}) or {}
    return names + [name for name in previous if name not in names]


def _registered(figures, before):
    row = [figures["registered"]["models"], figures["registered"]["exemplars"]]
    if before:
        row += [figures["previous"]["registered"]["models"], figures["previous"]["registered"]["exemplars"]]
    return row


def write_report(out, figures):
    """The report as an xlsx workbook, one sheet per table, into ``out``; returns the number of sheets."""
    workbook = Workbook(write_only=True)
    made = tables(figures)
    for index, table in enumerate(made, start=1):
        sheet = workbook.create_sheet(title=f"{index}. {table.sheet or table.title}"[:31])
        # A4, fitted to the page width, the header row repeated on every printed page.
        sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape" if len(table.headers) > 5 else "portrait"
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = "2:2"
        sheet.column_dimensions["A"].width = 40
        sheet.append([sheet_cell(sheet, f"{table.title} — năm {figures['year']}", bold=True)])
        sheet.append([sheet_cell(sheet, header, bold=True) for header in table.headers])
        for row in table.rows:
            sheet.append([sheet_cell(sheet, value) for value in row])
    workbook.save(out)
    return len(made)
