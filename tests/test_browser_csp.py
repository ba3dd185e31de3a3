"""The pages under their Content-Security-Policy in real Chromium (issue [F] 7): no violation on the
ward's, the leader's and the board's pages, and what used inline code still works (bars take their
width, print buttons are wired).
"""

import datetime

import pytest
from playwright.sync_api import expect

from awards.models import Award, AwardLevel, AwardType, Decision
from campaigns.models import Pledge
from campaigns.services import registration

from .factories import EntryFactory
from .test_browser_journey import _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _violations(page):
    found = []
    page.on("console", lambda m: found.append(m.text) if "Content Security Policy" in m.text else None)
    return found


def test_the_ward_and_board_pages_run_without_a_single_policy_violation(
    page, live_server, tay_ho, campaign, last_year, staff_nhat_tan, reviewer
):
    entry = registration.submit_entry(
        entry=EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Chợ văn minh"),
        by=staff_nhat_tan,
    )
    Pledge.objects.create(campaign=campaign)
    award_type = AwardType.objects.create(name="Giấy khen", level=AwardLevel.ORGANISER)
    decision = Decision.objects.create(
        campaign=last_year, award_type=award_type, number="125-QĐ/QU", date=datetime.date(2023, 12, 20),
        issuer_name="Quận ủy Tây Hồ",
    )  # fmt: skip
    Award.objects.create(
        decision=decision, position=1, recipient_kind="individual", recipient_name="Lê Văn Tám",
        unit=tay_ho.nhat_tan,
    )  # fmt: skip
    found = _violations(page)
    base = live_server.url
    _login(page, base, "canbo.nhattan")
    for path in ("/don-vi/nhat-tan/", f"/ho-so/{entry.pk}/", f"/ho-so/{entry.pk}/in/", "/ho-so/",
                 "/don-vi/nhat-tan/dang-ky/?kind=model"):  # fmt: skip
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    page.goto(base + "/don-vi/nhat-tan/")
    bar = page.locator(".bar.models").first
    assert bar.evaluate("b => b.style.width") != ""
    page.context.clear_cookies()
    _login(page, base, "bandanvan", "/admin/login/")
    for path in ("/admin/", "/admin/campaigns/entry/", f"/admin/campaigns/entry/{entry.pk}/change/",
                 f"/admin/awards/decision/{decision.pk}/change/", "/admin/campaigns/target/",
                 f"/phong-trao/{campaign.pk}/bao-cao/", f"/phong-trao/{campaign.pk}/giao-uoc/",
                 "/admin/units/unit/"):  # fmt: skip
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    page.goto(base + "/admin/awards/decision/")
    page.locator("#result_list input.action-select").first.check()
    page.locator("select[name=action]").select_option("print_certificates")
    page.locator("button[name=index]").click()
    expect(page.locator("[data-print]")).to_be_visible()
    assert found == []
