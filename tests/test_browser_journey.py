"""The main job in real Chromium: a ward registers and submits, the board accepts and awards,
and the award list downloads as Excel holding that model."""

import datetime
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from awards.models import AwardLevel, AwardType, Decision

from .factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Tổ dân phố không rác thải nhựa"


def _login(page, base, username, path="/dang-nhap/"):
    page.goto(base + path)
    page.get_by_label(re.compile("Tên đăng nhập|Username")).fill(username)
    page.get_by_label(re.compile("Mật khẩu|Password")).fill(PASSWORD)
    page.locator("form [type=submit]").click()


def test_ward_registers_board_accepts_and_awards_and_the_list_downloads(
    page, live_server, tay_ho, campaign, staff_nhat_tan, reviewer, tmp_path
):
    award_type = AwardType.objects.create(name="Giấy khen", level=AwardLevel.ORGANISER)
    Decision.objects.create(
        campaign=campaign,
        award_type=award_type,
        number="125-QĐ/QU",
        date=datetime.date(2024, 1, 15),
        issuer_name="Quận ủy Tây Hồ",
    )

    # Staff of Nhật Tân registers a model for one of the ward's cells and submits it.
    _login(page, live_server.url, "canbo.nhattan")
    expect(page.get_by_role("heading", name="Đảng ủy phường Nhật Tân")).to_be_visible()
    page.get_by_role("link", name="Đăng ký mô hình").click()
    page.get_by_label("Đơn vị đăng ký").select_option(label="Chi bộ tổ dân phố số 1 Nhật Tân")
    page.get_by_label("Tên mô hình / điển hình").fill(TITLE)
    page.get_by_label("Lĩnh vực").select_option(label="Văn hóa – xã hội")
    page.get_by_label("Mục tiêu").fill("Giảm một nửa rác thải nhựa trong năm")
    page.get_by_role("button", name="Lưu và gửi Ban Dân vận").click()
    expect(page.get_by_text("Đã lưu và gửi “" + TITLE + "” tới Ban Dân vận.")).to_be_visible()
    expect(page.locator(".state")).to_have_text("Đã gửi, chờ duyệt")
    page.get_by_role("button", name="Đăng xuất").click()

    # The board accepts it in the admin and adds it to the decision.
    _login(page, live_server.url, "bandanvan", path="/admin/login/")
    page.goto(live_server.url + "/admin/campaigns/entry/")
    row = page.locator("#result_list tr", has_text=TITLE)
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option("accept_selected")
    page.locator("button[name=index]").click()
    expect(page.get_by_text(f"Đã duyệt 1 hồ sơ: “{TITLE}”.")).to_be_visible()

    page.locator("#result_list tr", has_text=TITLE).locator("input.action-select").check()
    page.locator("select[name=action]").select_option("add_to_decision")
    page.locator("button[name=index]").click()
    page.get_by_label("Quyết định khen thưởng").select_option(label="Quyết định số 125-QĐ/QU ngày 15/01/2024")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Đã thêm 1 khen thưởng")).to_be_visible()

    # The award list downloads as xlsx and holds the model.
    page.goto(live_server.url + "/admin/awards/decision/")
    page.locator("#result_list input.action-select").first.check()
    page.locator("select[name=action]").select_option("download_award_list")
    with page.expect_download() as download_info:
        page.locator("button[name=index]").click()
    target = tmp_path / "danh-sach.xlsx"
    download_info.value.save_as(target)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[8][1] == "Tên tập thể / Họ và tên"  # the annex's table header, under its heading
    # The model is commended as the cell that built it, the model named in the achievement.
    assert (rows[10][1], rows[10][6]) == ("Chi bộ tổ dân phố số 1 Nhật Tân", f"Mô hình “{TITLE}”")
    assert rows[10][rows[8].index("Đơn vị")] == "Chi bộ tổ dân phố số 1 Nhật Tân"
