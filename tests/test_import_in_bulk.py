"""An import of thousands of changed rows (issue [E]: 10,000 rows in seconds, not minutes): the file's
entries and units are read up front, and every correction is written by one door,
``review.correct_entries``, in a few statements, with the same checks, history and events as one
correction at a time.
"""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from campaigns.choices import EntryKind, SubjectKind
from campaigns.models import Entry
from campaigns.services import registration, review
from campaigns.spreadsheets.entries import export_entries, import_entries
from campaigns.spreadsheets.resources import EntryResource
from units.collation import fold

from .factories import EntryFactory, UnitFactory

pytestmark = pytest.mark.django_db
HEADERS = EntryResource.headers()


def _cells(campaign, tay_ho, count):
    """``count`` new cells of Nhật Tân, each with a draft model."""
    entries = []
    for n in range(count):
        cell = UnitFactory(name=f"Chi bộ số {n + 10}", code=f"nt-cb-{n + 10}", parent=tay_ho.nhat_tan)
        entries.append(EntryFactory(campaign=campaign, unit=cell, title=f"Mô hình {n}"))
    return entries


def _exported_and_edited(queryset, edit):
    """The export of ``queryset`` with ``edit(sheet, row_number, header_index)`` applied to each row."""
    out = io.BytesIO()
    export_entries(out, queryset)
    workbook = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    sheet = workbook.active
    for row in range(2, sheet.max_row + 1):
        edit(sheet, row)
    edited = io.BytesIO()
    workbook.save(edited)
    return edited.getvalue()


def _set(sheet, row, header, value):
    sheet.cell(row=row, column=HEADERS.index(header) + 1).value = value


@pytest.mark.parametrize("count", [10, 40])
def test_importing_many_changed_rows_costs_no_query_a_row_beyond_its_savepoints(
    campaign, tay_ho, reviewer, count, django_assert_max_num_queries
):
    entries = _cells(campaign, tay_ho, count)
    data = _exported_and_edited(
        Entry.objects.filter(campaign=campaign), lambda sheet, row: _set(sheet, row, "Mục tiêu", f"Mới {row}")
    )
    # Two a row are import-export's savepoint and its release (one bad row must not spoil the rest);
    # reading the entries and units, locking, writing, history and events are a few statements for all.
    with django_assert_max_num_queries(2 * count + 25):
        report = import_entries(data, campaign=campaign, user=reviewer, file_name="nhieu.xlsx")
    assert report.ok and report.updated == count
    for entry in entries:
        entry.refresh_from_db()
        assert entry.objectives.startswith("Mới ")
        assert entry.history.first().history_user == reviewer
        correction = entry.events.filter(comment__startswith="Ban Dân vận sửa").get()
        assert correction.comment == "Ban Dân vận sửa: mục tiêu (nhập từ tệp nhieu.xlsx)"


def test_a_renamed_entry_is_found_by_its_new_name(campaign, tay_ho, reviewer):
    (entry,) = _cells(campaign, tay_ho, 1)
    data = _exported_and_edited(
        Entry.objects.filter(pk=entry.pk),
        lambda sheet, row: _set(sheet, row, "Tên mô hình / điển hình", "Ngõ phố sáng đẹp"),
    )
    assert import_entries(data, campaign=campaign, user=reviewer).ok
    entry.refresh_from_db()
    assert entry.title == "Ngõ phố sáng đẹp" and fold("Ngõ phố sáng đẹp") in entry.search_text
    assert Entry.objects.filter(search_text__contains="ngo pho sang dep").get() == entry


def test_a_row_refused_when_written_is_named_by_its_excel_row_and_column(
    campaign, tay_ho, staff_nhat_tan, reviewer
):
    model = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Chợ văn minh")
    exemplar = EntryFactory(
        campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, kind=EntryKind.EXEMPLAR,
        subject_kind=SubjectKind.INDIVIDUAL, subject_name="Nguyễn Thị Hoa", title="Người tốt",
    )  # fmt: skip

    def edit(sheet, row):
        _set(sheet, row, "Mục tiêu", "Sửa cả hai")
        if sheet.cell(row=row, column=1).value == exemplar.pk:
            _set(sheet, row, "Họ tên / tên tập thể", "")  # an exemplar needs its person's name

    data = _exported_and_edited(Entry.objects.filter(campaign=campaign), edit)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    row = next(r for r in range(2, 4) if sheet.cell(row=r, column=1).value == exemplar.pk)
    report = import_entries(data, campaign=campaign, user=reviewer)
    assert not report.ok
    assert [(p.row, p.column) for p in report.problems] == [(row, "Họ tên / tên tập thể")]
    assert "Điển hình cần ghi họ tên" in report.problems[0].message
    # All or nothing: the good row was not written either.
    model.refresh_from_db()
    exemplar.refresh_from_db()
    assert model.objectives == "" and exemplar.subject_name == "Nguyễn Thị Hoa"
    assert not model.events.filter(comment__startswith="Ban Dân vận sửa").exists()


def test_a_change_made_after_the_import_read_the_entry_is_refused_not_overwritten(
    campaign, tay_ho, staff_nhat_tan, reviewer
):
    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Chợ văn minh")
    read = entry.version
    registration.update_entry(entry=entry, by=staff_nhat_tan, objectives="Đơn vị vừa sửa")
    with pytest.raises(review.CorrectionsRefused) as refused:
        review.correct_entries(
            corrections=[(entry.pk, read, {"objectives": "Ban Dân vận sửa"})], by=reviewer, note="tệp"
        )
    assert list(refused.value.by_entry) == [entry.pk]
    assert refused.value.by_entry[entry.pk].code == "conflict"
    entry.refresh_from_db()
    assert entry.objectives == "Đơn vị vừa sửa"


def test_correcting_many_entries_checks_each_as_one_correction_does(campaign, tay_ho, reviewer):
    first, second = _cells(campaign, tay_ho, 2)
    with pytest.raises(review.CorrectionsRefused) as refused:
        review.correct_entries(
            corrections=[
                (first.pk, first.version, {"objectives": "Được"}),
                (second.pk, second.version, {"kind": EntryKind.EXEMPLAR}),
            ],
            by=reviewer,
        )
    assert list(refused.value.by_entry) == [second.pk]
    assert isinstance(refused.value, ValidationError)
    first.refresh_from_db()
    assert first.objectives == ""  # nothing written while one is refused
    assert (
        review.correct_entries(corrections=[(first.pk, first.version, {"title": first.title})], by=reviewer)
        == 0
    )


def test_the_import_command_of_many_rows_reports_what_it_changed(campaign, tay_ho, reviewer, tmp_path):
    _cells(campaign, tay_ho, 25)
    data = _exported_and_edited(
        Entry.objects.filter(campaign=campaign),
        lambda sheet, row: _set(sheet, row, "Nguồn lực", "Xã hội hóa"),
    )
    path = tmp_path / "nhieu.xlsx"
    path.write_bytes(data)
    out = io.StringIO()
    call_command("import_entries", str(path), "--campaign", "2024", "--user", reviewer.username, stdout=out)
    assert "0 hồ sơ mới, 25 cập nhật, 0 không đổi" in out.getvalue()
    assert Entry.objects.filter(resources="Xã hội hóa").count() == 25
