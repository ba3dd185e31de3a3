"""Headers on every answer (issue [F] 7): a Content-Security-Policy that allows no inline script or
style and nothing from another origin, a Permissions-Policy, and no copy of a signed-in page kept by the
browser or a proxy; the templates carry no inline script, style or handler for the policy to block.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tayho_danvan.middleware import RENEWED as IDLE_KEY

pytestmark = pytest.mark.django_db


def test_a_ward_page_forbids_inline_script_and_other_origins_and_is_not_stored(nhat_tan_client, campaign):
    response = nhat_tan_client.get(reverse("unit_detail", args=["nhat-tan"]))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert (
        "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    )
    assert "no-store" in response["Cache-Control"]


def test_downloads_and_the_admin_are_not_stored_either(board, campaign):
    for url in (reverse("report_workbook", args=[campaign.pk]), "/admin/", "/admin/campaigns/entry/"):
        response = board.get(url)
        assert response.status_code == 200 and "no-store" in response["Cache-Control"], url
        assert "Content-Security-Policy" in response


def test_the_login_page_has_the_policy_too(client):
    response = client.get(reverse("login"))
    assert "script-src 'self'" in response["Content-Security-Policy"]


INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=\"|\son[a-z]+=\"|<style", re.IGNORECASE)


def test_no_template_of_ours_holds_inline_script_style_or_handlers():
    found = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if INLINE.search(line):
                found.append(f"{path.name}:{number}")
    assert found == []


def test_a_session_ends_with_the_browser_and_after_an_idle_hour(nhat_tan_client, campaign):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_COOKIE_AGE == 3600
    response = nhat_tan_client.get(reverse("unit_detail", args=["nhat-tan"]))
    assert response.status_code == 200
    session = nhat_tan_client.session
    row = Session.objects.get(session_key=session.session_key)
    # Renewed on login; an hour without a click and it is gone.
    assert 3500 < (row.expire_date - timezone.now()).total_seconds() <= 3600
    session[IDLE_KEY] = 0  # last renewed long ago, and ten seconds left
    session.save()
    Session.objects.filter(pk=row.pk).update(expire_date=timezone.now() + datetime.timedelta(seconds=10))
    nhat_tan_client.get(reverse("unit_detail", args=["nhat-tan"]))  # a click pushes the hour back
    row.refresh_from_db()
    assert (row.expire_date - timezone.now()).total_seconds() > 3500
