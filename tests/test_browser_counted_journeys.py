"""The main journeys in real Chromium, counting what a person does (issue [K] 10): every click, typed
field, choice or tick is one interaction; opening the app's address is not.

- ward staff: from the login page to a submitted model in at most 9; Back and send again makes nothing
- the board: one entry reviewed from its own page in at most 3 after opening it
- the board: from evaluated entries to the decision's annex in Excel in at most 10, to the report in 3
"""

import datetime
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from awards.models import AwardLevel, AwardType, Decision
from campaigns.choices import CampaignState, Evaluation
from campaigns.models import Entry
from campaigns.services import registration, review, stages

from .factories import PASSWORD, EntryFactory
from .test_browser_journey import _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Tổ dân phố nói không với rác thải nhựa"


class Person:
    """A page driven as a person does it, counting interactions."""

    def __init__(self, page, base):
        self.page, self.base, self.count = page, base, 0

    def open(self, path):
        self.page.goto(self.base + path)

    def click(self, locator):
        self.count += 1
        locator.click()

    def fill(self, locator, text):
        self.count += 1
        locator.fill(text)

    def choose(self, locator, **option):
        self.count += 1
        locator.select_option(**option)

    def tick(self, locator):
        self.count += 1
        locator.check()

    def log_in(self, username, path="/dang-nhap/"):
        self.open(path)
        self.fill(self.page.get_by_label(re.compile("Tên đăng nhập")), username)
        self.fill(self.page.get_by_label(re.compile("Mật khẩu")), PASSWORD)
        self.click(self.page.locator("form [type=submit]"))


def _evaluated_with_a_decision(campaign, tay_ho, staff, reviewer, titles):
    """Models of ``titles`` registered by Nhật Tân, accepted, self-assessed and evaluated "passed", with
    the campaign left evaluating and an empty decision of it; returns the decision."""
    for title in titles:
        entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff, title=title)
        review.accept_entry(entry=registration.submit_entry(entry=entry, by=staff), by=reviewer)
    stages.change_campaign_state(campaign=campaign, to=CampaignState.IN_PROGRESS, by=reviewer)
    for entry in Entry.objects.filter(campaign=campaign):
        registration.record_self_assessment(entry=entry, text="Giảm một nửa rác thải nhựa", by=staff)
    stages.change_campaign_state(campaign=campaign, to=CampaignState.EVALUATING, by=reviewer)
    for entry in Entry.objects.filter(campaign=campaign):
        review.evaluate_entry(entry=entry, by=reviewer, result=Evaluation.PASSED)
    award_type = AwardType.objects.create(name="Giấy khen", level=AwardLevel.ORGANISER)
    return Decision.objects.create(
        campaign=campaign, award_type=award_type, number="125-QĐ/QU", date=datetime.date(2024, 12, 20),
        issuer_name="Quận ủy Tây Hồ",
    )  # fmt: skip


def test_ward_staff_submit_a_model_in_nine_steps_and_back_then_send_makes_no_twin(
    page, live_server, tay_ho, campaign, staff_nhat_tan
):
    ward = Person(page, live_server.url)
    ward.log_in("canbo.nhattan")
    ward.click(page.get_by_role("link", name="Đăng ký mô hình"))
    ward.fill(page.get_by_label("Tên mô hình / điển hình"), TITLE)
    ward.choose(page.get_by_label("Lĩnh vực"), label="Văn hóa – xã hội")
    ward.click(page.get_by_role("button", name="Lưu và gửi Ban Dân vận"))
    expect(page.locator("#state")).to_have_text("Đã gửi, chờ duyệt")
    assert ward.count <= 9, ward.count

    # Back, then "Lưu và gửi" again with the same text (restored by the browser, or typed again).
    page.go_back()
    if not page.get_by_label("Tên mô hình / điển hình").input_value():
        page.get_by_label("Tên mô hình / điển hình").fill(TITLE)
        page.get_by_label("Lĩnh vực").select_option(label="Văn hóa – xã hội")
    page.get_by_role("button", name="Lưu và gửi Ban Dân vận").click()
    # The page put back the token it sent (once.js), so the server knows the form: it names the entry
    # the first send made (not only the twin check's "đã có mô hình").
    expect(page.locator(".messages")).to_contain_text("Phiếu này đã được gửi trước đó thành hồ sơ")
    expect(page.locator("#state")).to_have_text("Đã gửi, chờ duyệt")
    assert Entry.objects.filter(title=TITLE).count() == 1

    # Back again, and this time a different title: still the same form, so no second entry appears
    # behind the user's back; the message says the change was not saved.
    page.go_back()
    page.get_by_label("Tên mô hình / điển hình").fill(TITLE + " mới")
    page.get_by_label("Lĩnh vực").select_option(label="Văn hóa – xã hội")
    page.get_by_role("button", name="Lưu và gửi Ban Dân vận").click()
    expect(page.locator(".messages")).to_contain_text("Nội dung vừa sửa không được lưu")
    assert Entry.objects.filter(campaign=campaign).count() == 1


def test_the_board_reviews_one_entry_from_its_page_in_one_step(
    page, live_server, tay_ho, campaign, staff_nhat_tan, reviewer
):
    entry = registration.submit_entry(
        entry=EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title=TITLE),
        by=staff_nhat_tan,
    )
    board = Person(page, live_server.url)
    board.log_in("bandanvan", path="/admin/login/")
    board.open(f"/admin/campaigns/entry/{entry.pk}/change/")
    board.count = 0  # from here: "after opening it"
    board.click(page.get_by_role("button", name="Duyệt"))
    expect(page.get_by_text(f"Đã duyệt “{TITLE}”.")).to_be_visible()
    assert board.count <= 3
    entry.refresh_from_db()
    assert entry.state == "accepted"


def test_the_board_goes_from_evaluated_entries_to_the_annex_and_to_the_report(
    page, live_server, tay_ho, campaign, staff_nhat_tan, reviewer, tmp_path
):
    decision = _evaluated_with_a_decision(campaign, tay_ho, staff_nhat_tan, reviewer, [TITLE])

    board = Person(page, live_server.url)
    board.log_in("bandanvan", path="/admin/login/")
    board.count = 0  # from the admin home, where the work queue is
    board.click(page.locator("#work-queue").get_by_role("link", name="Đạt, chưa đưa vào quyết định"))
    board.tick(page.locator("#result_list tr", has_text=TITLE).locator("input.action-select"))
    board.choose(page.locator("select[name=action]"), value="add_to_decision")
    board.click(page.locator("button[name=index]"))
    board.choose(page.get_by_label("Quyết định khen thưởng"), value=str(decision.pk))
    board.click(page.get_by_role("button", name="Xác nhận"))
    with page.expect_download() as download:
        board.click(page.get_by_role("link", name="Tải danh sách khen thưởng (Excel)"))
    assert board.count <= 10, board.count
    path = tmp_path / "phu-luc.xlsx"
    download.value.save_as(path)
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[10][6] == f"Mô hình “{TITLE}”"

    board.count = 0
    board.open("/admin/")
    board.click(page.locator("#campaigns-campaign").get_by_role("link", name="Phong trào thi đua"))
    board.click(page.get_by_role("link", name="Xem báo cáo"))
    expect(page.get_by_role("heading", name=re.compile("Báo cáo phong trào thi đua"))).to_be_visible()
    assert board.count <= 3


def test_the_board_finds_one_candidate_on_the_decisions_page_by_typing_without_accents(
    page, live_server, tay_ho, campaign, staff_nhat_tan, reviewer
):
    titles = ["Chợ văn minh", "Ngõ xanh sạch đẹp", "Tổ hòa giải giỏi"]
    decision = _evaluated_with_a_decision(campaign, tay_ho, staff_nhat_tan, reviewer, titles)
    board = Person(page, live_server.url)
    board.log_in("bandanvan", path="/admin/login/")
    board.open(f"/admin/awards/decision/{decision.pk}/change/")
    rows = page.locator("#candidates tbody tr")
    expect(rows).to_have_count(3)
    page.locator("#candidates tbody tr", has_text="Ngõ xanh").locator("input").check()  # then hidden
    page.get_by_label("Tìm hồ sơ").fill("cho van")
    page.get_by_label("Tìm hồ sơ").press("Enter")  # filters only: nothing is sent
    assert not decision.awards.exists()
    expect(rows.locator("visible=true")).to_have_count(1)
    expect(page.locator("#candidates tbody tr:visible")).to_contain_text("Chợ văn minh")
    page.locator("#candidates tbody tr:visible input[type=checkbox]").check()
    page.get_by_role("button", name="Thêm các hồ sơ đã chọn vào quyết định").click()
    expect(page.get_by_text("Đã thêm 1 khen thưởng vào")).to_be_visible()
    assert list(decision.awards.values_list("entry__title", flat=True)) == ["Chợ văn minh"]


def test_back_to_an_older_form_never_writes_into_the_entry_a_newer_form_made(
    page, live_server, tay_ho, campaign, staff_nhat_tan
):
    _login(page, live_server.url, "canbo.nhattan")
    form = f"{live_server.url}/don-vi/nhat-tan/dang-ky/?kind=model"
    for title in ("Mô hình thứ nhất", "Mô hình thứ hai"):
        page.goto(form)
        page.get_by_label("Tên mô hình / điển hình").fill(title)
        page.get_by_label("Lĩnh vực").select_option(label="Văn hóa – xã hội")
        page.get_by_role("button", name="Lưu bản nháp").click()
        expect(page.locator(".messages")).to_contain_text("Đã lưu bản nháp")
    page.go_back()
    page.go_back()
    page.go_back()  # the first form again, its text restored or typed again
    page.get_by_label("Tên mô hình / điển hình").fill("Mô hình thứ nhất (sửa)")
    page.get_by_label("Lĩnh vực").select_option(label="Văn hóa – xã hội")
    page.get_by_role("button", name="Lưu bản nháp").click()
    page.wait_for_load_state()
    titles = sorted(Entry.objects.values_list("title", flat=True))
    assert titles == ["Mô hình thứ hai", "Mô hình thứ nhất (sửa)"]
