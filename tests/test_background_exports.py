"""Big exports made outside the request (issue [E] 3): the board asks, the task worker (django-tasks'
``db_worker``) makes the file, the board follows its progress on the file's page and downloads it.

The worker is the real one, run with ``--batch`` (every waiting task, then exit) over the test database;
``transaction=True`` so the rows it reads are committed, as they would be between two processes.
"""

import datetime
import io

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from awards.models import AwardLevel, AwardType, Decision, RecipientKind
from awards.services import award_people
from campaigns.choices import EntryState, ExportState
from campaigns.models import ExportFile
from campaigns.services import exports, registration
from campaigns.spreadsheets.resources import EntryResource
from tayho_danvan.lib.excel import counted

from .factories import EntryFactory

pytestmark = pytest.mark.django_db(transaction=True)
HEADERS = EntryResource.headers()


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.fixture
def entries(campaign, tay_ho, staff_nhat_tan):
    made = [
        EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title='=HYPERLINK("x")'),
        EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan_cells[0], by=staff_nhat_tan, title="Bữa cơm"),
        EntryFactory(campaign=campaign, unit=tay_ho.quang_an, by=staff_nhat_tan, title="Ánh sáng ngõ nhỏ"),
    ]
    for entry in made[:2]:
        registration.submit_entry(entry=entry, by=staff_nhat_tan)
    return made


@pytest.fixture
def big_lists(settings):
    """Every list counts as big: the smallest file is made in the background."""
    settings.EXPORT_BACKGROUND_ROWS = 1


def titles_in(data):
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    return sorted(row[HEADERS.index("Tên mô hình / điển hình")] for row in rows[1:])


def test_the_board_asks_for_a_big_list_follows_its_progress_and_downloads_it(board, entries, big_lists):
    response = board.get(reverse("admin:campaigns_entry_export"), {"state": EntryState.SUBMITTED})
    export = ExportFile.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:campaigns_exportfile_change", args=[export.pk])
    page = board.get(response["Location"]).content.decode()
    # Waiting for the worker: the page says so and reloads itself; nothing to download yet.
    assert "Đang chờ" in page and 'http-equiv="refresh"' in page and "Tải về" not in page
    assert export.state == ExportState.QUEUED and export.rows_total == 2 and not export.file

    run_worker()

    export.refresh_from_db()
    assert export.state == ExportState.DONE and export.rows_done == 2 and export.size > 0
    page = board.get(reverse("admin:campaigns_exportfile_change", args=[export.pk])).content.decode()
    assert "Đã xong" in page and 'http-equiv="refresh"' not in page
    download = board.get(reverse("admin:campaigns_exportfile_download", args=[export.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    data = b"".join(download.streaming_content)
    # The list as filtered when asked (the draft left out), formula-like text still text.
    assert titles_in(data) == ['=HYPERLINK("x")', "Bữa cơm"]
    # The same rows as the export sent at once when the list is small.
    assert board.get("/admin/campaigns/exportfile/").content.decode().count("Tải về") == 1


def test_a_small_list_is_still_sent_at_once(board, entries):
    response = board.get(reverse("admin:campaigns_entry_export"))
    assert response.status_code == 200 and not ExportFile.objects.exists()
    assert titles_in(b"".join(response.streaming_content)) == sorted(e.title for e in entries)


def test_another_board_member_cannot_see_or_download_someone_elses_file(
    board, client, entries, big_lists, ba_dinh
):
    board.get(reverse("admin:campaigns_entry_export"))
    run_worker()
    export = ExportFile.objects.get()
    client.force_login(ba_dinh.reviewer)
    assert client.get(reverse("admin:campaigns_exportfile_change", args=[export.pk])).status_code == 404
    assert client.get(reverse("admin:campaigns_exportfile_download", args=[export.pk])).status_code == 404
    assert export.title not in client.get("/admin/campaigns/exportfile/").content.decode()
    # A key too big for the database is a 404 too, not a 500.
    assert client.get("/admin/campaigns/exportfile/" + "9" * 30 + "/tai-ve/").status_code == 404


def test_a_ward_officer_never_reaches_the_files(staff_nhat_tan, entries, board, big_lists):
    board.get(reverse("admin:campaigns_entry_export"))
    export = ExportFile.objects.get()
    ward = Client()
    ward.force_login(staff_nhat_tan)
    response = ward.get(reverse("admin:campaigns_exportfile_download", args=[export.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_worker_makes_each_file_once(board, entries, big_lists):
    board.get(reverse("admin:campaigns_entry_export"))
    export = ExportFile.objects.get()
    run_worker()
    export.refresh_from_db()
    name = export.file.name
    # The same task run again (a retry, a second worker) changes nothing.
    assert exports.make_export(export_id=export.pk) is None
    export.refresh_from_db()
    assert export.file.name == name and export.state == ExportState.DONE


def test_a_file_that_cannot_be_made_says_so_in_vietnamese(board, entries, big_lists, reviewer):
    def broken(out, *, rows, params, progress):
        raise OSError("disk full")

    exports.register_exporter("broken-for-test", write=broken)
    try:
        export = exports.request_export(
            user=reviewer, kind="broken-for-test", title="Hỏng", filename="x.xlsx"
        )
        run_worker()
    finally:
        del exports.EXPORTERS["broken-for-test"]
    export.refresh_from_db()
    assert export.state == ExportState.FAILED and not export.file
    page = board.get(reverse("admin:campaigns_exportfile_change", args=[export.pk])).content.decode()
    assert "Không tạo được tệp (OSError)" in page and "Tải về" not in page
    assert board.get(reverse("admin:campaigns_exportfile_download", args=[export.pk])).status_code == 404


def test_the_page_shows_how_far_a_running_file_has_got(board, reviewer):
    export = ExportFile.objects.create(
        kind="entries", title="Danh sách lớn", filename="x.xlsx", requested_by=reviewer,
        state=ExportState.RUNNING, rows_total=200, rows_done=50, started_at=timezone.now(),
    )  # fmt: skip
    page = board.get(reverse("admin:campaigns_exportfile_change", args=[export.pk])).content.decode()
    assert 'value="25"' in page and "Đã ghi 50/200 dòng (25%)" in page and "Đang tạo" in page


def test_a_file_waiting_long_for_the_worker_tells_the_board_to_call_the_administrator(board, reviewer):
    export = ExportFile.objects.create(
        kind="entries", title="Danh sách lớn", filename="x.xlsx", requested_by=reviewer,
        requested_at=timezone.now() - datetime.timedelta(minutes=5),
    )  # fmt: skip
    page = board.get(reverse("admin:campaigns_exportfile_change", args=[export.pk])).content.decode()
    assert "db_worker" in page and "báo quản trị" in page


def test_progress_is_reported_as_rows_are_written():
    seen = []
    assert list(counted(range(1200), seen.append, every=500)) == list(range(1200))
    assert seen == [500, 1000]


def test_made_files_are_deleted_after_the_days_they_are_kept(reviewer, settings):
    export = ExportFile.objects.create(kind="entries", title="Cũ", filename="x.xlsx", requested_by=reviewer)
    export.file.save("x.xlsx", ContentFile(b"PK"), save=True)
    name = export.file.name
    assert exports.purge_exports() == 0 and default_storage.exists(name)
    later = timezone.now() + datetime.timedelta(days=settings.EXPORT_KEEP_DAYS, hours=1)
    assert exports.purge_exports(now=later) == 1
    assert not ExportFile.objects.exists() and not default_storage.exists(name)


@pytest.fixture
def decision_of_many(campaign, tay_ho):
    award_type = AwardType.objects.create(name="Giấy khen", level=AwardLevel.ORGANISER)
    decision = Decision.objects.create(
        campaign=campaign, award_type=award_type, number="125-QĐ/QU", date=datetime.date(2024, 12, 20),
        issuer_name="Quận ủy Tây Hồ",
    )  # fmt: skip
    award_people(
        decision=decision,
        recipients=[
            {"kind": RecipientKind.INDIVIDUAL, "name": f"Người thứ {n}", "unit": tay_ho.nhat_tan}
            for n in range(1, 4)
        ],
    )
    return decision


def test_the_annex_of_a_long_decision_is_made_in_the_background(board, decision_of_many, big_lists):
    response = board.post(
        "/admin/awards/decision/",
        {"action": "download_award_list", "_selected_action": [decision_of_many.pk]},
    )
    export = ExportFile.objects.get()
    assert response.status_code == 302 and export.kind == "annex" and export.rows_total == 3
    run_worker()
    export.refresh_from_db()
    assert export.state == ExportState.DONE and export.rows_done == 3
    data = b"".join(
        board.get(reverse("admin:campaigns_exportfile_download", args=[export.pk])).streaming_content
    )
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert rows[6][0].startswith("(Kèm theo Quyết định số 125-QĐ/QU")
    assert [row[1] for row in rows if row[1] and row[1].startswith("Người thứ")] == [
        "Người thứ 1", "Người thứ 2", "Người thứ 3",
    ]  # fmt: skip


def test_a_long_award_list_from_the_award_changelist_is_made_in_the_background(
    board, decision_of_many, big_lists
):
    response = board.post(
        "/admin/awards/award/export/",
        {"format": "0", "resource": "0", "awardlistresource_position": "on",
         "awardlistresource_recipient_name": "on"},
    )  # fmt: skip
    export = ExportFile.objects.get()
    assert response.status_code == 302 and export.kind == "award-list" and export.rows_total == 3
    run_worker()
    export.refresh_from_db()
    assert export.state == ExportState.DONE
    data = b"".join(
        board.get(reverse("admin:campaigns_exportfile_download", args=[export.pk])).streaming_content
    )
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    # The columns the form chose, in the list's order, as the export sent at once writes them.
    assert rows == [
        ("STT", "Tên tập thể / Họ và tên"),
        (1, "Người thứ 1"),
        (2, "Người thứ 2"),
        (3, "Người thứ 3"),
    ]
