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


@pytest.mark.parametrize(
    "method, url, data",
    [
        ("get", "/ho-so/", {"q": "a " * 1000}),
        ("get", "/admin/campaigns/campaign/", {"q": "a " * 1000}),
        ("get", "/admin/awards/decision/", {"date__year": "9" * 25}),
        ("get", "/admin/awards/award/export/", {"decision__id__exact": "abc"}),
        (
            "post",
            "/admin/campaigns/target/",
            {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": "9" * 25, "_save": "1"},
        ),  # fmt: skip
        ("post", "/admin/auth/group/", {"action": "delete_selected", "_selected_action": "abc"}),
        ("post", "/admin/units/unit/", {}),
    ],
)
def test_malformed_admin_and_search_requests_get_a_page_not_a_server_error(
    board, campaign, method, url, data
):
    response = getattr(board, method)(url, data)
    assert response.status_code in (200, 302, 400, 403)


def test_a_posted_evidence_row_on_the_entry_page_is_ignored(board, campaign, tay_ho, staff_nhat_tan):
    from .factories import EntryFactory

    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan)
    data = {"evidence-TOTAL_FORMS": "1", "evidence-INITIAL_FORMS": "1", "evidence-0-id": "abc",
            "title": entry.title, "field": entry.field}  # fmt: skip
    assert board.post(f"/admin/campaigns/entry/{entry.pk}/change/", data).status_code in (200, 302)
