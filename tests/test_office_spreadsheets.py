"""Spreadsheets as offices really send them (issue [K] 9): a title, notes and blank rows above the
header row, blank rows between rows, headers and titles typed decomposed, in another case or with the
older tone placement ("hoà", "thuỷ"). What the user meant is matched, nothing is doubled, and a bad
row is named by the row number Excel shows.
"""

import io
import unicodedata

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from campaigns.models import Entry
from campaigns.spreadsheets.resources import EntryResource

from .factories import EntryFactory

pytestmark = pytest.mark.django_db
HEADERS = EntryResource.headers()
UNIT, KIND, FIELD, TITLE = "Mã đơn vị", "Loại", "Lĩnh vực", "Tên mô hình / điển hình"


def _office_file(path, rows, headers=HEADERS):
    """A sheet as an office makes one: a title, a note and a blank row, then the headers, decomposed."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH NĂM 2024"])
    sheet.append(["(Kèm theo công văn số 12-CV/ĐU)"])
    sheet.append([])
    sheet.append([unicodedata.normalize("NFD", h.upper() if h == KIND else h) for h in headers])
    for row in rows:
        sheet.append([row.get(h) for h in headers] if isinstance(row, dict) else row)
    workbook.save(path)
    return path


def test_a_sheet_with_a_title_above_its_headers_imports_and_numbers_rows_as_excel(tmp_path, campaign, tay_ho):
    path = _office_file(
        tmp_path / "dang-ky.xlsx",
        [
            {UNIT: "nhat-tan", KIND: "Mô hình", FIELD: "Kinh tế", TITLE: "Chợ văn minh"},
            [],  # a blank row between rows
            {UNIT: "khong-co", KIND: "Mô hình", FIELD: "Kinh tế", TITLE: "Lạc đơn vị"},
        ],
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_entries", str(path), "--campaign", "2024", stderr=err)
    # Title, note and blank row above, the header on row 4: the bad row is row 7, as Excel shows it.
    assert "dang-ky.xlsx, dòng 7, cột “Mã đơn vị”: Không có đơn vị mã “khong-co”" in err.getvalue()
    assert not Entry.objects.exists()
    path = _office_file(
        tmp_path / "dang-ky-2.xlsx",
        [{UNIT: "nhat-tan", KIND: "Mô hình", FIELD: "Kinh tế", TITLE: "Chợ văn minh"}],
    )
    call_command("import_entries", str(path), "--campaign", "2024", stdout=io.StringIO())
    assert list(Entry.objects.values_list("title", "unit__code")) == [("Chợ văn minh", "nhat-tan")]


def test_a_title_in_the_older_tone_placement_updates_the_entry_instead_of_doubling_it(
    tmp_path, campaign, tay_ho, staff_nhat_tan
):
    entry = EntryFactory(
        campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Khu phố hòa thuận"
    )
    older = unicodedata.normalize("NFD", "Khu phố hoà thuận")
    path = _office_file(
        tmp_path / "cap-nhat.xlsx",
        [{UNIT: "nhat-tan", KIND: "Mô hình", FIELD: "Kinh tế", TITLE: older, "Mục tiêu": "Mục tiêu mới"}],
    )
    call_command(
        "import_entries", str(path), "--campaign", "2024", "--user", "canbo.nhattan", stdout=io.StringIO()
    )
    assert Entry.objects.count() == 1
    entry.refresh_from_db()
    assert entry.objectives == "Mục tiêu mới"
    # The title found the entry: the office's spelling of it is no change to record.
    assert entry.title == "Khu phố hòa thuận"
    assert "Tên mô hình" not in entry.events.order_by("-pk").first().comment


def test_a_file_that_names_one_entry_by_its_code_and_by_its_title_is_refused(tmp_path, campaign, tay_ho):
    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, title="Chợ văn minh", objectives="Cũ")
    by_code = {"Mã hồ sơ": entry.pk, UNIT: "nhat-tan", KIND: "Mô hình", FIELD: "Kinh tế"}
    by_code |= {TITLE: "Chợ văn minh", "Mục tiêu": "Một"}
    by_title = {UNIT: "nhat-tan", KIND: "Mô hình", FIELD: "Kinh tế", TITLE: "chợ văn minh", "Mục tiêu": "Hai"}
    path = _office_file(tmp_path / "hai-lan.xlsx", [by_code, by_title])
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_entries", str(path), "--campaign", "2024", stderr=err)
    assert f"dòng 6, cột “Mã hồ sơ”: Dòng này và dòng 5 cùng chỉ hồ sơ {entry.pk}" in err.getvalue()
    entry.refresh_from_db()
    assert entry.objectives == "Cũ"


def test_a_unit_code_typed_in_capitals_means_the_same_unit(tmp_path, campaign, tay_ho):
    path = _office_file(
        tmp_path / "hoa.xlsx", [{UNIT: "Nhat-Tan", KIND: "Mô hình", FIELD: "Kinh tế", TITLE: "Chợ văn minh"}]
    )
    call_command("import_entries", str(path), "--campaign", "2024", stdout=io.StringIO())
    assert list(Entry.objects.values_list("unit__code", flat=True)) == ["nhat-tan"]


def test_two_rows_that_differ_only_in_unicode_form_are_one_entry_twice(tmp_path, campaign, tay_ho):
    row = {UNIT: "nhat-tan", KIND: "Mô hình", FIELD: "Kinh tế", TITLE: "Thuỷ chung"}
    twin = {**row, TITLE: unicodedata.normalize("NFD", "thủy chung")}
    path = _office_file(tmp_path / "trung.xlsx", [row, twin])
    with pytest.raises(CommandError):
        call_command("import_entries", str(path), "--campaign", "2024", stderr=io.StringIO())
    assert not Entry.objects.exists()
