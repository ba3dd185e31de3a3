"""The board's Excel import in real Chromium (issue [F] 4): a double click on "Xác nhận nhập" sends the
confirmation once and the file's entries are created once."""

import pytest
from playwright.sync_api import expect

from campaigns.models import Entry

from .test_browser_journey import _login
from .test_import_concurrency import TITLES, _file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_double_click_on_confirm_imports_the_file_once(
    page, live_server, tay_ho, campaign, reviewer, tmp_path
):
    path = _file(tmp_path / "nhap.xlsx", tay_ho)
    _login(page, live_server.url, "bandanvan", "/admin/login/")
    page.goto(live_server.url + "/admin/campaigns/entry/import/")
    page.get_by_label("Nhập vào phong trào").select_option(str(campaign.pk))
    page.locator("input[type=file]").set_input_files(str(path))
    page.locator("#content form [type=submit]").first.click()
    confirm = page.get_by_role("button", name="Xác nhận nhập")
    expect(confirm).to_be_visible()
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.url.endswith("/process_import/") else None)
    confirm.dblclick()
    page.wait_for_url("**/admin/campaigns/entry/**")
    expect(page.locator(".messagelist")).to_be_visible()
    assert sorted(Entry.objects.values_list("title", flat=True)) == TITLES
    assert len(sent) == 1  # the second click sent nothing
