"""The board's admin fits an old laptop (issue [K] 5): at 1280×768 and 1366×768 every list the board
works in shows its columns, and the columns it types into, without scrolling sideways."""

import pytest

from campaigns.models import Target

from .factories import EntryFactory
from .test_browser_journey import _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTS = (
    "/admin/",
    "/admin/campaigns/entry/",
    "/admin/campaigns/target/",
    "/admin/campaigns/campaign/",
    "/admin/campaigns/quotaoverride/",
    "/admin/campaigns/pledgesignature/",
    "/admin/awards/decision/",
    "/admin/awards/award/",
)


@pytest.mark.parametrize("width", [1280, 1366])
def test_every_list_fits_the_screen_without_sideways_scrolling(
    browser, live_server, tay_ho, campaign, staff_nhat_tan, reviewer, width
):
    for n, cell in enumerate(tay_ho.nhat_tan_cells):
        EntryFactory(
            campaign=campaign, unit=cell, by=staff_nhat_tan,
            title=f"Mô hình tổ dân phố văn minh, sạch đẹp, an toàn và nghĩa tình số {n} của chi bộ",
        )  # fmt: skip
        Target.objects.create(
            campaign=campaign, order=n + 1, name=f"Tỷ lệ tổ chức cơ sở đảng số {n}", planned=90
        )
    context = browser.new_context(viewport={"width": width, "height": 768}, locale="vi-VN")
    page = context.new_page()
    _login(page, live_server.url, "bandanvan", path="/admin/login/")
    for path in LISTS:
        page.goto(live_server.url + path)
        # The results table scrolls inside its box when too wide: neither it nor the page may need to.
        overflow = page.evaluate(
            """() => [document.documentElement, ...document.querySelectorAll('.results')]
                .map(e => e.scrollWidth - e.clientWidth)"""
        )
        assert max(overflow) <= 1, (path, overflow)
    page.goto(live_server.url + "/admin/campaigns/target/")
    box = page.locator("input[name$='-achieved']").first.bounding_box()
    assert box["x"] + box["width"] <= width  # the column the board types into is on screen
    context.close()
