"""Entries to and from Excel: the board's export of any filtered list, the import with its preview,
all-or-nothing rule and Vietnamese errors per row, the commands, and the bad files of issue [C].
"""

import datetime
import io
import zipfile
from html import escape

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from campaigns.choices import EntryState
from campaigns.models import Entry
from campaigns.services import registration
from campaigns.spreadsheets.resources import EntryResource

from .factories import EntryFactory, UserFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/campaigns/entry/"
HEADERS = EntryResource.headers()


@pytest.fixture
def sent(campaign, tay_ho, staff_nhat_tan):
    entries = [
        EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title='=HYPERLINK("x")'),
        EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan_cells[0], by=staff_nhat_tan, title="Bữa cơm"),
        EntryFactory(campaign=campaign, unit=tay_ho.quang_an, by=staff_nhat_tan, title="+84 đường dây nóng"),
    ]
    for entry in entries[:2]:
        registration.submit_entry(entry=entry, by=staff_nhat_tan)
    return entries


def xlsx(rows, headers=HEADERS):
    workbook = openpyxl.Workbook()
    workbook.active.append(headers)
    for row in rows:
        workbook.active.append([row.get(h) for h in headers] if isinstance(row, dict) else row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def rows_of(data):
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows())
    return [[c.value for c in rows[0]], [[c for c in r] for r in rows[1:]]]


def test_board_exports_the_filtered_list_and_formula_like_text_stays_text(board, sent):
    response = board.get(reverse("admin:campaigns_entry_export"), {"state": EntryState.SUBMITTED})
    data = b"".join(response.streaming_content)
    headers, rows = rows_of(data)
    assert headers == HEADERS and len(rows) == 2  # the draft is filtered out
    titles = {row[HEADERS.index("Tên mô hình / điển hình")].value: row for row in rows}
    cell = titles['=HYPERLINK("x")'][HEADERS.index("Tên mô hình / điển hình")]
    assert cell.data_type == "s"
    assert titles["Bữa cơm"][HEADERS.index("Trạng thái")].value == "Đã gửi, chờ duyệt"


def test_export_edit_and_import_back_changes_only_the_edited_entry(sent, campaign, tmp_path, reviewer):
    target = tmp_path / "ho-so.xlsx"
    call_command("export_entries", "2024", "-o", str(target))
    workbook = openpyxl.load_workbook(target)
    sheet = workbook.active
    objectives = HEADERS.index("Mục tiêu") + 1
    sheet.cell(row=3, column=objectives).value = "Mục tiêu sửa trong Excel"
    edited_id = sheet.cell(row=3, column=1).value
    workbook.save(target)
    before = {e.pk: (e.version, e.history.count()) for e in Entry.objects.all()}
    out = io.StringIO()
    call_command("import_entries", str(target), "--campaign", "2024", "--user", "bandanvan", stdout=out)
    assert "0 hồ sơ mới, 1 cập nhật, 2 không đổi" in out.getvalue()
    for entry in Entry.objects.all():
        changed = (entry.version, entry.history.count()) != before[entry.pk]
        assert changed == (entry.pk == edited_id), entry
    edited = Entry.objects.get(pk=edited_id)
    assert edited.objectives == "Mục tiêu sửa trong Excel"
    assert edited.history.first().history_user == reviewer
    again = io.StringIO()
    call_command("import_entries", str(target), "--campaign", "2024", stdout=again)
    assert "0 hồ sơ mới, 0 cập nhật, 3 không đổi" in again.getvalue()
    assert Entry.objects.count() == 3


def _preview(board, campaign, data, name="nhap.xlsx"):
    upload = io.BytesIO(data)
    upload.name = name
    return board.post(
        reverse("admin:campaigns_entry_import"), {"campaign": campaign.pk, "import_file": upload, "format": 0}
    )


def test_import_preview_writes_nothing_and_confirmation_registers_and_submits(
    board, campaign, tay_ho, settings
):
    data = xlsx(
        [
            {
                "Mã đơn vị": "nhat-tan-cb-2",
                "Loại": "Mô hình",
                "Lĩnh vực": "kinh te",
                "Tên mô hình / điển hình": "A",
            },
            {
                "Mã đơn vị": "nhat-tan",
                "Loại": "Điển hình",
                "Lĩnh vực": "Văn hóa – xã hội",
                "Tên mô hình / điển hình": "B",
                "Điển hình là": "Cá nhân",
                "Họ tên / tên tập thể": "Trần Thị Bình",
                "Ngày bắt đầu": "15/02/2024",
            },
        ]
    )
    preview = _preview(board, campaign, data)
    page = preview.content.decode()
    assert "Xác nhận nhập" in page and not Entry.objects.exists()
    confirm = preview.context["confirm_form"]
    stored = settings.MEDIA_ROOT / "nhap-excel" / confirm.initial["import_file_name"]
    assert stored.exists()  # kept in the shared storage between preview and confirmation
    board.post(reverse("admin:campaigns_entry_process_import"), confirm.initial)
    created = {e.title: e for e in Entry.objects.all()}
    assert set(created) == {"A", "B"}
    assert all(e.state == EntryState.SUBMITTED for e in created.values())
    assert (
        created["B"].start_date.isoformat() == "2024-02-15" and created["B"].subject_name == "Trần Thị Bình"
    )
    assert not stored.exists()


def test_previews_never_confirmed_are_cleaned_up_after_a_day(settings):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from campaigns.admin.spreadsheets import purge_stale_imports

    name = default_storage.save("nhap-excel/bo-do", ContentFile(b"x"))
    assert purge_stale_imports() == 0 and default_storage.exists(name)
    assert purge_stale_imports(now=timezone.now() + datetime.timedelta(hours=25)) == 1
    assert not default_storage.exists(name)


def test_bad_rows_are_named_in_vietnamese_and_nothing_is_written(
    board, campaign, tay_ho, ba_dinh, staff_nhat_tan
):
    registration.submit_entry(
        entry=EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan_cells[0], by=staff_nhat_tan),
        by=staff_nhat_tan,
    )
    good = {
        "Mã đơn vị": "nhat-tan",
        "Loại": "Mô hình",
        "Lĩnh vực": "Kinh tế",
        "Tên mô hình / điển hình": "Tốt",
    }
    data = xlsx(
        [
            good,
            {**good, "Mã đơn vị": "kim-ma", "Tên mô hình / điển hình": "Của Ba Đình"},
            {**good, "Lĩnh vực": "Thể thao", "Tên mô hình / điển hình": "Sai lĩnh vực"},
            {**good, "Loại": "Phong trào", "Tên mô hình / điển hình": "Sai loại"},
            {**good, "Tên mô hình / điển hình": ""},
            {**good, "Ngày bắt đầu": "31/02/2024", "Tên mô hình / điển hình": "Sai ngày"},
            {**good, "Mã đơn vị": "nhat-tan-cb-1", "Tên mô hình / điển hình": "Vượt chỉ tiêu"},
        ]
    )
    page = _preview(board, campaign, data).content.decode()
    for message in (
        "Không có đơn vị mã “kim-ma” trong phạm vi Quận ủy Tây Hồ",
        "“Thể thao” không phải lĩnh vực hợp lệ",
        "“Phong trào” không phải loại hợp lệ",
        "Ngày “31/02/2024” không hợp lệ",
        "Vượt chỉ tiêu",
        "Hãy nhập tên mô hình hoặc điển hình.",
    ):
        assert message in page, message
    assert "Xác nhận nhập" not in page
    assert Entry.objects.count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "rỗng"),
        (b"Ma don vi;Loai\nnhat-tan;Mo hinh\n", "không phải tệp Excel .xlsx"),
        (xlsx([["nhat-tan", "Mô hình"]], headers=["Đơn vị nào", "Kiểu"]), "Dòng tiêu đề không đúng mẫu"),
        (xlsx([[None, "nhat-tan", None, "Mô hình", "Kinh tế", "=1+1"]]), "có công thức ở ô F2"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message(board, campaign, data, message):
    page = _preview(board, campaign, data).content.decode()
    assert message in page
    assert not Entry.objects.exists()


def test_a_file_above_the_size_limit_is_refused(board, campaign, monkeypatch):
    monkeypatch.setattr("tayho_danvan.lib.excel.MAX_UPLOAD_BYTES", 1000)
    page = _preview(board, campaign, xlsx([])).content.decode()
    assert "nặng quá" in page and not Entry.objects.exists()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, campaign):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    path = tmp_path / "bom.xlsx"
    path.write_bytes(bomb.getvalue())
    with pytest.raises(CommandError, match="giải nén quá lớn"):
        call_command("import_entries", str(path), "--campaign", "2024")


def test_the_import_command_names_each_bad_row_and_exits_non_zero(tmp_path, campaign, tay_ho):
    path = tmp_path / "loi.xlsx"
    path.write_bytes(
        xlsx([{"Mã đơn vị": "khong-co", "Loại": "Mô hình", "Lĩnh vực": "Kinh tế", HEADERS[5]: "X"}])
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="Không nhập gì: 1 lỗi"):
        call_command("import_entries", str(path), "--campaign", "2024", stderr=err)
    assert "loi.xlsx, dòng 2, cột “Mã đơn vị”: Không có đơn vị mã “khong-co”" in err.getvalue()
    with pytest.raises(CommandError, match="Không có phong trào năm 1999"):
        call_command("export_entries", "1999", "-o", str(tmp_path / "x.xlsx"))


def test_dry_run_checks_without_writing(tmp_path, campaign, tay_ho):
    path = tmp_path / "thu.xlsx"
    path.write_bytes(
        xlsx([{"Mã đơn vị": "nhat-tan", "Loại": "Mô hình", "Lĩnh vực": "Kinh tế", HEADERS[5]: "Thử"}])
    )
    out = io.StringIO()
    call_command("import_entries", str(path), "--campaign", "2024", "--dry-run", stdout=out)
    assert "Kiểm tra xong (chưa ghi gì): 1 hồ sơ mới" in out.getvalue()
    assert not Entry.objects.exists()


def test_a_template_prefilled_for_a_ward_lists_each_quota_place(board, campaign, tay_ho):
    url = reverse("admin:campaigns_entry_template", args=[campaign.pk])
    headers, rows = rows_of(b"".join(board.get(url, {"don_vi": "nhat-tan"}).streaming_content))
    assert headers == HEADERS
    codes = [row[1].value for row in rows]
    assert codes.count("nhat-tan") == 6 and codes.count("nhat-tan-cb-1") == 2 and len(rows) == 10
    bare_headers, bare_rows = rows_of(b"".join(board.get(url).streaming_content))
    assert bare_headers == HEADERS and bare_rows == []


def test_a_reviewer_of_another_organiser_neither_imports_into_nor_exports_tay_ho(
    client, campaign, sent, ba_dinh
):
    client.force_login(ba_dinh.reviewer)
    page = client.get(reverse("admin:campaigns_entry_import")).content.decode()
    assert "Quận ủy Tây Hồ" not in page
    response = _preview(client, campaign, xlsx([]))
    assert "Phong trào không hợp lệ" in response.content.decode()
    headers, rows = rows_of(b"".join(client.get(reverse("admin:campaigns_entry_export")).streaming_content))
    assert rows == []
    template = reverse("admin:campaigns_entry_template", args=[campaign.pk])
    assert client.get(template).status_code == 404


def test_import_and_export_need_their_own_permissions(client, campaign, sent):
    clerk = UserFactory(username="nhanvien", is_staff=True)
    client.force_login(clerk)
    assert client.get(reverse("admin:campaigns_entry_import")).status_code == 403
    assert client.get(reverse("admin:campaigns_entry_export")).status_code == 403


def test_an_old_export_cannot_undo_a_newer_change(sent, campaign, tmp_path, staff_nhat_tan, reviewer):
    target = tmp_path / "cu.xlsx"
    call_command("export_entries", "2024", "-o", str(target))
    draft = sent[2]
    registration.update_entry(entry=draft, by=staff_nhat_tan, objectives="Đơn vị sửa sau khi xuất")
    workbook = openpyxl.load_workbook(target)
    sheet = workbook.active
    row = next(r for r in range(2, 5) if sheet.cell(row=r, column=1).value == draft.pk)
    sheet.cell(row=row, column=HEADERS.index("Người đứng đầu chịu trách nhiệm") + 1).value = "Bí thư mới"
    workbook.save(target)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_entries", str(target), "--campaign", "2024", stderr=err)
    assert (
        f"dòng {row}, cột “Phiên bản (không sửa)”: Hồ sơ {draft.pk} đã thay đổi sau khi xuất"
        in err.getvalue()
    )
    draft.refresh_from_db()
    assert (draft.objectives, draft.head_responsible) == ("Đơn vị sửa sau khi xuất", "")


def test_the_admin_preview_numbers_rows_as_excel_and_names_columns_by_header(board, campaign):
    data = xlsx([{"Mã đơn vị": "nhat-tan", "Loại": "Mô hình", "Lĩnh vực": "Kinh tế", HEADERS[5]: "A",
                  "Ngày bắt đầu": "31/02/2024"}])  # fmt: skip
    response = _preview(board, campaign, data)
    invalid = response.context["result"].invalid_rows[0]
    assert invalid.number == 2 and "Ngày bắt đầu" in invalid.error_dict


def test_wrong_headers_and_repeated_rows_are_a_form_error_without_traceback(board, campaign):
    page = _preview(board, campaign, xlsx([[1, 2]], headers=["Mã đơn vị", "Ghi chú"])).content.decode()
    assert "có cột lạ “Ghi chú”" in page and "Traceback" not in page and "resources.py" not in page
    row = {"Mã đơn vị": "nhat-tan", "Loại": "Mô hình", "Lĩnh vực": "Kinh tế", HEADERS[5]: "Trùng"}
    page = _preview(board, campaign, xlsx([row, row])).content.decode()
    assert "dòng 3 trùng dòng 2" in page and not Entry.objects.exists()


def test_confirming_twice_or_a_tampered_confirmation_gives_a_message_not_an_error(board, campaign, tay_ho):
    data = xlsx([{"Mã đơn vị": "nhat-tan", "Loại": "Mô hình", "Lĩnh vực": "Kinh tế", HEADERS[5]: "Một lần"}])
    confirm = _preview(board, campaign, data).context["confirm_form"].initial
    board.post(reverse("admin:campaigns_entry_process_import"), confirm)
    again = board.post(reverse("admin:campaigns_entry_process_import"), confirm, follow=True)
    assert again.status_code == 200 and "Không tìm thấy tệp đang chờ xác nhận" in again.content.decode()
    tampered = board.post(
        reverse("admin:campaigns_entry_process_import"), {**confirm, "format": 5}, follow=True
    )
    assert tampered.status_code == 200
    assert Entry.objects.filter(title="Một lần").count() == 1


def test_an_export_with_a_broken_filter_redirects_with_a_message(board, sent):
    response = board.get(reverse("admin:campaigns_entry_export"), {"id__gt": "abc"}, follow=True)
    assert response.status_code == 200 and "Bộ lọc không hợp lệ" in response.content.decode()


def test_a_text_longer_than_a_spreadsheet_cell_is_refused(campaign, tay_ho, staff_nhat_tan):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, objectives="x" * 10_001)
    assert "dài quá 10.000 ký tự" in str(error.value)


def test_the_import_preview_lists_only_the_rows_that_change(board, sent, campaign, tmp_path):
    target = tmp_path / "ho-so.xlsx"
    call_command("export_entries", "2024", "-o", str(target))
    workbook = openpyxl.load_workbook(target)
    sheet = workbook.active
    sheet.cell(row=3, column=HEADERS.index("Mục tiêu") + 1).value = "Mục tiêu sửa trong Excel"
    edited = Entry.objects.get(pk=sheet.cell(row=3, column=1).value)
    workbook.save(target)
    page = _preview(board, campaign, target.read_bytes()).content.decode()
    assert "Mục tiêu sửa trong Excel" in page and "Xác nhận nhập" in page
    others = Entry.objects.exclude(pk=edited.pk)
    # The two unchanged entries are counted, not shown: the page shows what the import will change.
    assert others.count() == 2
    assert all(f"<span>{escape(entry.title)}</span>" not in page for entry in others)
    assert f"<span>{escape(edited.title)}</span>" in page


def test_the_streamed_export_writes_what_the_resource_would_write_for_every_column(
    sent, campaign, reviewer, tmp_path
):
    from campaigns.services import review
    from campaigns.spreadsheets.entries import export_entries, export_rows

    review.accept_entry(entry=sent[0], by=reviewer)
    review.return_entry(entry=sent[1], by=reviewer, reason="Bổ sung\tmốc")
    Entry.objects.filter(pk=sent[2].pk).update(
        start_date=datetime.date(2024, 3, 1), subject_kind="collective"
    )
    entries = (
        Entry.objects.filter(campaign=campaign).select_related("unit").order_by("unit__path", "kind", "pk")
    )
    resource = EntryResource()
    expected = [[resource.export_field(f, e) for f in resource.get_export_fields()] for e in entries]
    assert list(export_rows(entries)) == expected
    out = tmp_path / "e.xlsx"
    assert export_entries(out, Entry.objects.filter(campaign=campaign)) == 3
    sheet = openpyxl.load_workbook(out).active
    cells = {c.value: c for row in sheet.iter_rows() for c in row if c.value is not None}
    assert cells['=HYPERLINK("x")'].data_type == "s"  # text, never a formula
    assert cells[datetime.datetime(2024, 3, 1)].number_format == "DD/MM/YYYY"
