"""Bounded work for any file (issue [F] 5): the xlsx reader stops at its row cap counting blank rows
too, a request parses an upload once, and the import preview of a file with thousands of bad rows lists
the first ones and says how many there are.
"""

import io

import openpyxl
import pytest
from django.urls import reverse

from campaigns.models import Entry
from tayho_danvan.lib import excel

from .test_entry_spreadsheets import HEADERS, xlsx

pytestmark = pytest.mark.django_db


def test_a_sheet_of_blank_rows_past_the_cap_is_refused_without_reading_them_all(monkeypatch):
    monkeypatch.setattr(excel, "MAX_ROWS", 50)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADERS)
    for _ in range(500):
        sheet.append([" "])  # a cell that is blank once stripped: the row counts all the same
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(excel.ImportFileError, match="hơn 50 dòng \\(kể cả dòng trống\\)"):
        excel.read_xlsx(out.getvalue(), "trong.xlsx", expected=HEADERS)


def test_the_admin_preview_parses_the_upload_once(board, campaign):
    data = xlsx(
        [{"Mã đơn vị": "nhat-tan", "Loại": "Mô hình", "Lĩnh vực": "Kinh tế", "Tên mô hình / điển hình": "A"}]
    )
    excel._RECENT.clear()
    before = excel.PARSED[0]
    upload = io.BytesIO(data)
    upload.name = "mot-lan.xlsx"
    board.post(
        reverse("admin:campaigns_entry_import"), {"campaign": campaign.pk, "format": 0, "import_file": upload}
    )
    assert excel.PARSED[0] - before == 1
    assert not Entry.objects.exists()


def test_a_preview_of_many_bad_rows_lists_the_first_ones_and_counts_them_all(board, campaign, monkeypatch):
    from campaigns.admin import spreadsheets

    monkeypatch.setattr(spreadsheets, "SHOWN_ERRORS", 3)
    rows = [
        {
            "Mã đơn vị": "khong-co",
            "Loại": "Mô hình",
            "Lĩnh vực": "Kinh tế",
            "Tên mô hình / điển hình": f"M{n}",
        }
        for n in range(12)
    ]
    upload = io.BytesIO(xlsx(rows))
    upload.name = "loi.xlsx"
    page = board.post(
        reverse("admin:campaigns_entry_import"), {"campaign": campaign.pk, "format": 0, "import_file": upload}
    ).content.decode()
    assert "Tệp có 12 dòng lỗi; dưới đây là 3 dòng lỗi đầu tiên" in page
    assert page.count("Không có đơn vị mã “khong-co”") == 3
    assert not Entry.objects.exists()
