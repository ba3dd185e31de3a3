"""The admin as a newcomer on an old laptop meets it (issue [K] 5 and 8): times in Hà Nội time as
dd/mm/yyyy HH:MM in the audit history, filter headings "Theo …", the add-user page and its password
message in Vietnamese, the app's own icon, the navigation sidebar closed on a first visit.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from campaigns.services import registration

from .factories import EntryFactory

pytestmark = pytest.mark.django_db


def test_history_shows_times_in_hanoi_time_without_microseconds(board, campaign, tay_ho, staff_nhat_tan):
    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan)
    entry = registration.submit_entry(entry=entry, by=staff_nhat_tan)
    page = board.get(reverse("admin:campaigns_entry_history", args=[entry.pk])).content.decode()
    local = entry.submitted_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Ho_Chi_Minh"))
    assert f"{local:%d/%m/%Y %H:%M}" in page
    assert "+00:00" not in page and not re.search(r"\d\d:\d\d:\d\d\.\d{6}", page)


def test_filter_headings_read_theo(board, campaign):
    page = board.get(reverse("admin:campaigns_entry_changelist")).content.decode()
    assert "Theo phong trào" in page and "Bởi " not in page


def test_the_add_user_page_and_the_password_rule_speak_vietnamese(client):
    client.force_login(get_user_model().objects.create_superuser("quantri", password="x"))
    url = reverse("admin:auth_user_add")
    page = client.get(url).content.decode()
    assert "Đăng nhập bằng mật khẩu" in page and "Password-based authentication" not in page
    assert "After you’ve created a user" not in page
    data = {"username": "canbo.moi", "password1": "ab1", "password2": "ab1", "usable_password": "true"}
    page = client.post(url, data).content.decode()
    assert "Mật khẩu quá ngắn: cần ít nhất 12 ký tự." in page and "This password is too short" not in page


def test_the_app_has_its_own_icon_and_the_admin_sidebar_starts_closed(client, board):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response.url.endswith("favicon.svg")
    page = board.get(reverse("admin:index")).content.decode()
    assert "Các mục của Phong trào thi đua" in page and "models" not in page
    assert "favicon.svg" in page and "js/admin.js" in page and "css/admin.css" in page
