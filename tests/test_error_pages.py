"""The app's own Vietnamese pages where Django would answer blank or in English (issue [K] 8)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_staff_who_open_the_logout_address_get_a_page_that_says_why(client, staff_nhat_tan):
    client.force_login(staff_nhat_tan)
    response = client.get(reverse("logout"))
    assert response.status_code == 405 and "POST" in response["Allow"]
    page = response.content.decode()
    assert "Không mở trực tiếp được" in page and "Không có gì được thay đổi" in page


def test_the_board_typing_a_bad_filter_value_gets_the_vietnamese_page(board, campaign):
    response = board.get("/admin/campaigns/entry/", {"campaign__year": "abc"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Yêu cầu không hợp lệ" in page and "Không có gì được thay đổi" in page


def test_the_board_searching_with_a_nul_character_reads_vietnamese(board, campaign):
    for url in ("/admin/campaigns/entry/", "/ho-so/", "/admin/campaigns/entry/?subtree=x"):
        response = board.get(url, {"q": "chợ\x00"})
        page = response.content.decode()
        assert response.status_code == 400 and "Null characters" not in page
        assert "có ký tự rỗng (NUL)" in page and "Không có gì được thay đổi" in page
