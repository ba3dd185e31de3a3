"""The registration form in real Chromium (issue [K] 2): the sections follow the chosen kind, and the
models to replicate are found on the server as one types, accents or not."""

import pytest
from playwright.sync_api import expect

from campaigns.models import Entry

from .test_browser_journey import _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sections_follow_the_kind_and_the_model_list_narrows_as_one_types(
    page, live_server, tay_ho, campaign, last_year, staff_nhat_tan
):
    for title in ("Chợ văn minh", "Đường hoa", "Tổ dân phố xanh"):
        Entry.objects.create(
            campaign=last_year,
            unit=tay_ho.quang_an,
            kind="model",
            title=title,
            field="economy",
            state="accepted",
        )
    _login(page, live_server.url, "canbo.nhattan")
    page.goto(live_server.url + "/don-vi/nhat-tan/dang-ky/")
    subject = page.locator("fieldset.section[data-kind=exemplar]")
    replicate = page.locator("fieldset.section[data-kind=model]")
    expect(subject).to_be_hidden()
    expect(replicate).to_be_visible()
    choices = page.locator("#id_replicates option")
    expect(choices).to_have_count(1)  # only "— Không —": the models come from the search
    page.get_by_label("Tìm mô hình để nhân rộng").fill("duong hoa")
    expect(choices).to_have_count(2)  # "— Không —" and the one model found
    expect(choices.nth(1)).to_contain_text("Đường hoa")
    expect(page.locator("#id_replicates_status")).to_contain_text("Tìm thấy 1 mô hình")
    page.select_option("#id_replicates", label=choices.nth(1).text_content())
    page.get_by_label("Tìm mô hình để nhân rộng").fill("khong co mo hinh nay")
    expect(page.locator("#id_replicates_status")).to_contain_text("Không tìm thấy")
    expect(choices).to_have_count(2)  # the chosen model stays while one searches on
    page.get_by_label("Điển hình", exact=True).check()
    expect(subject).to_be_visible()
    expect(replicate).to_be_hidden()
    expect(page.get_by_label("Họ tên / tên tập thể")).to_be_visible()
