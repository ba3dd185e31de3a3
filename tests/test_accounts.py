"""Accounts to OWASP ASVS level 2 (issue [F] 6): logins throttled with a Vietnamese page and lifted by
the board, logins and failures logged, every role changes its own password (12 characters at least,
Vietnamese messages), the board sets a temporary password for its units' staff and nobody else's.
"""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.test import Client
from django.urls import reverse

from .factories import PASSWORD

pytestmark = pytest.mark.django_db


def _try(client, username, password):
    """A login attempt from a browser of its own (the board's client is already signed in)."""
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, staff_nhat_tan):
    for _ in range(4):
        assert _try(client, "canbo.nhattan", "sai-mat-khau").status_code == 200
    assert _try(client, "canbo.nhattan", "sai-mat-khau").status_code == 429  # the fifth locks
    response = _try(client, "canbo.nhattan", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Tạm khóa đăng nhập" in page and "Ban Dân vận" in page
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="canbo.nhattan").failures_since_start >= 5


def test_the_board_lifts_the_lockout_and_the_right_password_works_again(board, staff_nhat_tan):
    client = Client()
    for _ in range(5):
        _try(client, "canbo.nhattan", "sai-mat-khau")
    page = board.get(reverse("admin:units_unit_accounts")).content.decode()
    assert "Tạm khóa (sai mật khẩu nhiều lần)" in page
    board.post(reverse("admin:units_unit_accounts"), {"user": staff_nhat_tan.pk, "unlock": "1"})
    assert _try(client, "canbo.nhattan", PASSWORD).status_code == 302
    assert AccessLog.objects.filter(username="canbo.nhattan").exists()  # the login is logged


def test_the_board_sets_a_temporary_password_shown_once(board, staff_nhat_tan):
    client = Client()
    response = board.post(
        reverse("admin:units_unit_accounts"), {"user": staff_nhat_tan.pk, "reset": "1"}, follow=True
    )
    text = response.content.decode().split("Mật khẩu tạm của ")[1]
    password = text.split(": ")[1].split(" ")[0]
    assert len(password) == 14
    assert _try(client, "canbo.nhattan", password).status_code == 302


def test_another_organisers_board_cannot_touch_tay_ho_accounts(client, ba_dinh, staff_nhat_tan):
    client.force_login(ba_dinh.reviewer)
    page = client.get(reverse("admin:units_unit_accounts")).content.decode()
    assert "canbo.nhattan" not in page
    before = staff_nhat_tan.password
    assert (
        client.post(
            reverse("admin:units_unit_accounts"), {"user": staff_nhat_tan.pk, "reset": "1"}
        ).status_code
        == 404
    )
    staff_nhat_tan.refresh_from_db()
    assert staff_nhat_tan.password == before


def test_ward_staff_change_their_own_password_with_vietnamese_rules(nhat_tan_client, staff_nhat_tan):
    url = reverse("password_change")
    page = nhat_tan_client.get(reverse("home"), follow=True).content.decode()
    assert f'href="{url}"' in page
    short = {"old_password": PASSWORD, "new_password1": "Ngan@2024", "new_password2": "Ngan@2024"}
    page = nhat_tan_client.post(url, short).content.decode()
    assert "Mật khẩu quá ngắn: cần ít nhất 12 ký tự" in page
    numeric = {"old_password": PASSWORD, "new_password1": "123456789012", "new_password2": "123456789012"}
    assert "Mật khẩu này hoàn toàn là số" in nhat_tan_client.post(url, numeric).content.decode()
    good = "Dân vận khéo ở Nhật Tân"
    response = nhat_tan_client.post(
        url, {"old_password": PASSWORD, "new_password1": good, "new_password2": good}
    )
    assert response.status_code == 302
    staff_nhat_tan.refresh_from_db()
    assert staff_nhat_tan.check_password(good)


def test_a_forgotten_password_is_reset_by_e_mail_where_mail_is_configured(client, staff_nhat_tan, mailoutbox):
    staff_nhat_tan.email = "nhattan@example.vn"
    staff_nhat_tan.save()
    assert 'href="/quen-mat-khau/"' in client.get(reverse("login")).content.decode()
    response = client.post(reverse("password_reset"), {"email": "nhattan@example.vn"})
    assert response.status_code == 302 and len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.subject.startswith("Đặt lại mật khẩu") and "canbo.nhattan" in mail.body
    link = next(line for line in mail.body.splitlines() if "/quen-mat-khau/" in line).strip()
    page = client.get(link, follow=True)
    new = "Mật khẩu mới của Nhật Tân"
    response = client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    staff_nhat_tan.refresh_from_db()
    assert staff_nhat_tan.check_password(new)
    # An address of no account: the same answer, and no mail (nobody learns who has an account).
    client.post(reverse("password_reset"), {"email": "ai-do@example.vn"})
    assert len(mailoutbox) == 1


def test_without_mail_the_reset_page_says_to_ask_the_board(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    page = client.get(reverse("password_reset")).content.decode()
    assert "chưa được cấu hình gửi thư điện tử" in page and 'name="email"' not in page


def test_the_board_cannot_reset_an_administrator_or_anyone_with_roles_beyond_its_units(
    board, staff_nhat_tan, ba_dinh, tay_ho
):
    from units.services import add_membership

    root = staff_nhat_tan.__class__.objects.create_superuser("quantri", password="x")
    add_membership(user=root, unit=tay_ho.nhat_tan, role="staff")
    both = staff_nhat_tan.__class__.objects.create_user("canbo.haibenh", password="x")
    add_membership(user=both, unit=tay_ho.nhat_tan, role="staff")
    add_membership(user=both, unit=ba_dinh.ward, role="staff")
    page = board.get(reverse("admin:units_unit_accounts")).content.decode()
    assert "canbo.nhattan" in page and "quantri" not in page and "canbo.haibenh" not in page
    for person in (root, both):
        response = board.post(reverse("admin:units_unit_accounts"), {"user": person.pk, "reset": "1"})
        assert response.status_code == 404
        person.refresh_from_db()
        assert person.check_password("x")
