"""Imports without duplicates under concurrency (issue [F] 4): two imports of one file at the same
moment, as two board members or a double click on "Xác nhận nhập" make them, create each entry once.

Threads with their own database connections on PostgreSQL, where the admin's real concurrency lives;
SQLite serialises every write on its own (one writer at a time), so there is nothing to race there.
"""

import io
import threading

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection, connections

from campaigns.models import Entry
from campaigns.spreadsheets.resources import EntryResource

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a race between connections: PostgreSQL"),
]
TITLES = [f"Mô hình song song {n}" for n in range(1, 4)]


def _file(path, tay_ho):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(EntryResource.headers())
    index = {h: i for i, h in enumerate(EntryResource.headers())}
    units = [tay_ho.nhat_tan, tay_ho.quang_an, tay_ho.military]
    for title, unit in zip(TITLES, units, strict=True):
        row = [None] * len(index)
        row[index["Mã đơn vị"]], row[index["Loại"]] = unit.code, "Mô hình"
        row[index["Lĩnh vực"]], row[index["Tên mô hình / điển hình"]] = "Kinh tế", title
        sheet.append(row)
    workbook.save(path)
    return path


def test_two_imports_of_one_file_at_once_create_each_entry_once(tmp_path, campaign, tay_ho, reviewer):
    path = _file(tmp_path / "song-song.xlsx", tay_ho)
    start, errors = threading.Barrier(4), []

    def run():
        try:
            start.wait()
            call_command("import_entries", str(path), "--campaign", "2024", stdout=io.StringIO())
        except Exception as error:  # a refused import is fine; a duplicate is not
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(Entry.objects.values_list("title", flat=True)) == TITLES
    assert errors == []  # each later import found the first one's entries: nothing to create
