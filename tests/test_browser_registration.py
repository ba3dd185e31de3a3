"""Registration in real Chromium, as ward staff live it: quota, a model and an exemplar, a validation
error, the quota moving, a refusal above the maximum, a returned entry's reason, a resubmission, an
evidence file; and the pages at a phone's 375 px and a laptop's 1280 px, reachable by keyboard.
"""

import re

import pytest
from playwright.sync_api import expect

from campaigns.choices import EntryState
from campaigns.models import Entry
from campaigns.services import registration, review
from tayho_danvan.demo import sample_files

from .factories import EntryFactory
from .test_browser_journey import _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _register(page, *, unit=None, title, field="Văn hóa – xã hội", kind="Mô hình"):
    page.get_by_role("link", name="Đăng ký mô hình").click()
    page.get_by_label(kind, exact=True).check()
    if unit:
        page.get_by_label("Đơn vị đăng ký").select_option(label=unit)
    page.get_by_label("Tên mô hình / điển hình").fill(title)
    page.get_by_label("Lĩnh vực").select_option(label=field)


def test_ward_staff_register_hit_the_quota_and_resubmit_a_returned_entry(
    page, live_server, tay_ho, campaign, staff_nhat_tan, reviewer, tmp_path
):
    _login(page, live_server.url, "canbo.nhattan")
    own_quota = page.locator("#own-quota")
    expect(own_quota).to_contain_text("0 / 2–3 mô hình chưa đủ · 0 / 3 điển hình chưa đủ")
    expect(own_quota).to_contain_text("chưa đủ")

    # A model for the ward itself, sent at once: the quota moves.
    _register(page, title="Dân vận khéo trong giải phóng mặt bằng", field="Kinh tế")
    page.get_by_label("Mục tiêu").fill("Bàn giao mặt bằng đúng hạn")
    page.get_by_role("button", name="Lưu và gửi Ban Dân vận").click()
    expect(page.locator("#state")).to_have_text("Đã gửi, chờ duyệt")
    page.get_by_role("link", name="Đơn vị của tôi").click()
    expect(own_quota).to_contain_text("1 / 2–3 mô hình chưa đủ · 0 / 3 điển hình chưa đủ")

    # An exemplar without its subject: the errors sit next to the fields and what was typed stays.
    _register(page, title="Người tổ trưởng tận tâm", kind="Điển hình")
    page.get_by_role("button", name="Lưu và gửi Ban Dân vận").click()
    name_field = page.get_by_label("Họ tên / tên tập thể")
    expect(name_field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_subject_name_error")).to_contain_text("Điển hình cần ghi họ tên")
    expect(page.get_by_label("Tên mô hình / điển hình")).to_have_value("Người tổ trưởng tận tâm")
    page.get_by_label("Điển hình là").select_option(label="Cá nhân")
    name_field.fill("Nguyễn Văn Bình")
    page.get_by_role("button", name="Lưu và gửi Ban Dân vận").click()
    expect(page.locator("#state")).to_have_text("Đã gửi, chờ duyệt")
    page.get_by_role("link", name="Đơn vị của tôi").click()
    expect(own_quota).to_contain_text("1 / 2–3 mô hình chưa đủ · 1 / 3 điển hình chưa đủ")

    # A cell may send one model: the second is refused with the quota named.
    cell = "Chi bộ tổ dân phố số 1 Nhật Tân"
    _register(page, unit=cell, title="Tổ dân phố không rác thải nhựa")
    page.get_by_role("button", name="Lưu và gửi Ban Dân vận").click()
    expect(page.locator("#state")).to_have_text("Đã gửi, chờ duyệt")
    page.get_by_role("link", name="Đơn vị của tôi").click()
    _register(page, unit=cell, title="Mô hình thứ hai của chi bộ")
    page.get_by_role("button", name="Lưu và gửi Ban Dân vận").click()
    # Refused: no draft is left behind, the summary on top says why, the typed text is kept.
    expect(page.locator(".error-summary")).to_contain_text(re.compile("Vượt chỉ tiêu: .* tối đa 1"))
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.get_by_label("Tên mô hình / điển hình")).to_have_value("Mô hình thứ hai của chi bộ")
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.locator("#state")).to_have_text("Bản nháp")

    # An evidence file goes with the draft.
    pdf = tmp_path / "Kế hoạch.pdf"
    pdf.write_bytes(sample_files.pdf_bytes())
    page.get_by_label("Tệp minh chứng").set_input_files(pdf)
    page.get_by_role("button", name="Tải lên").click()
    expect(page.get_by_role("link", name="Kế hoạch.pdf")).to_be_visible()

    # The board returns the ward's model; the ward reads why, corrects it and sends it again.
    model = Entry.objects.get(title="Dân vận khéo trong giải phóng mặt bằng")
    review.return_entry(entry=model, by=reviewer, reason="Bổ sung nguồn kinh phí và mốc thời gian")
    page.get_by_role("link", name="Đơn vị của tôi").click()
    returned = page.locator("#returned")
    expect(returned).to_contain_text("Lý do: Bổ sung nguồn kinh phí và mốc thời gian")
    expect(own_quota).to_contain_text("0 / 2–3 mô hình")
    returned.get_by_role("link", name=model.title).click()
    expect(page.locator("#return-reason")).to_contain_text("Bổ sung nguồn kinh phí")
    page.get_by_role("link", name="Sửa").click()
    page.get_by_label("Nguồn lực (kinh phí, nhân lực, xã hội hóa)").fill("200 triệu đồng ngân sách phường")
    page.get_by_label("Các mốc thực hiện").fill("Quý II: đối thoại; quý III: bàn giao")
    page.get_by_role("button", name="Lưu và gửi lại Ban Dân vận").click()
    expect(page.locator("#state")).to_have_text("Đã gửi lại, chờ duyệt")
    model.refresh_from_db()
    assert model.state == EntryState.RESUBMITTED and model.resources == "200 triệu đồng ngân sách phường"
    page.get_by_role("link", name="Đơn vị của tôi").click()
    expect(own_quota).to_contain_text("1 / 2–3 mô hình chưa đủ · 1 / 3 điển hình chưa đủ")
    expect(page.locator("#returned")).to_have_count(0)


@pytest.mark.parametrize("width", [375, 1280])
def test_pages_fit_the_screen_and_are_reachable_by_keyboard(
    page, live_server, tay_ho, campaign, staff_nhat_tan, reviewer, width
):
    page.set_viewport_size({"width": width, "height": 800})
    entry = EntryFactory(
        campaign=campaign, unit=tay_ho.nhat_tan_cells[0], by=staff_nhat_tan, title="Bữa cơm nghĩa tình"
    )
    review.return_entry(
        entry=registration.submit_entry(entry=entry, by=staff_nhat_tan),
        by=reviewer,
        reason="Ghi rõ số suất ăn mỗi tháng",
    )
    _login(page, live_server.url, "canbo.nhattan")
    for path in (
        "/don-vi/nhat-tan/",
        "/ho-so/",
        f"/ho-so/{entry.pk}/",
        f"/ho-so/{entry.pk}/sua/",
        "/don-vi/nhat-tan/dang-ky/",
    ):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, width, overflow)
        for label in page.locator("main input:visible, main select:visible, main textarea:visible").all():
            labelled = label.evaluate("el => el.labels.length > 0 || !!el.getAttribute('aria-label')")
            assert labelled, (path, label.evaluate("el => el.outerHTML"))

    # From the top of the ward page, the keyboard alone reaches the register button.
    page.goto(live_server.url + "/don-vi/nhat-tan/")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Đăng ký mô hình":
            break
    else:
        pytest.fail("“Đăng ký mô hình” is not reachable with Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Đăng ký mô hình, điển hình")).to_be_visible()
