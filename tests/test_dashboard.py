""" "Đơn vị của tôi" and the entries list: what a ward sees of its campaign, unaccented search, filters,
pagination, and a fixed number of queries however many units and entries there are.
"""

import datetime
import re

import pytest
from django.urls import reverse

from campaigns.choices import EntryKind, EntryState, Field
from campaigns.models import Entry, Pledge, PledgeItem
from campaigns.services import registration, review
from campaigns.services.pledges import sign_pledge

from .factories import EntryFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _submit(entry, by):
    return registration.submit_entry(entry=entry, by=by)


def test_the_ward_sees_its_quota_cells_missing_returned_entries_and_fields(
    nhat_tan_client, campaign, tay_ho, staff_nhat_tan, reviewer
):
    ward, (cell_1, cell_2) = tay_ho.nhat_tan, tay_ho.nhat_tan_cells
    for field in (Field.ECONOMY, Field.DEFENCE_SECURITY):
        _submit(EntryFactory(campaign=campaign, unit=ward, by=staff_nhat_tan, field=field), staff_nhat_tan)
    _submit(EntryFactory(campaign=campaign, unit=ward, by=staff_nhat_tan, kind="exemplar"), staff_nhat_tan)
    returned = _submit(
        EntryFactory(campaign=campaign, unit=cell_1, by=staff_nhat_tan, title="Loa phường"), staff_nhat_tan
    )
    review.return_entry(entry=returned, by=reviewer, reason="Thiếu kinh phí dự kiến")
    EntryFactory(campaign=campaign, unit=cell_1, by=staff_nhat_tan, kind="exemplar")  # a draft: not counted
    page = nhat_tan_client.get(reverse("unit_detail", args=["nhat-tan"])).content.decode()
    assert "2 / 2–3 mô hình · 1 / 3 điển hình" in re.sub(r"<[^>]+>", "", page)
    assert "Chi bộ đã đăng ký: 0/2 (0%)" in page
    assert cell_1.name in page and cell_2.name in page
    assert "Loa phường" in page and "Lý do: Thiếu kinh phí dự kiến" in page
    assert "2 mô hình, 0 điển hình" not in page  # no field has two models
    assert "1 mô hình, 0 điển hình" in page and "0 mô hình, 1 điển hình" in page
    assert "Đang nhận đăng ký đến hết ngày" in page


def test_a_returned_entry_holding_the_last_place_shows_the_cell_as_full(
    nhat_tan_client, campaign, tay_ho, staff_nhat_tan, reviewer
):
    # A cell may register one model (the article's 1/1); one sent back for correction keeps its place,
    # so the page must not suggest room the submit would refuse (check_room counts it).
    cell = tay_ho.nhat_tan_cells[0]
    returned = _submit(EntryFactory(campaign=campaign, unit=cell, by=staff_nhat_tan), staff_nhat_tan)
    review.return_entry(entry=returned, by=reviewer, reason="Bổ sung số liệu")
    page = nhat_tan_client.get(reverse("unit_detail", args=["nhat-tan"])).content.decode()
    row = page.split(f">{cell.name}</a>")[1].split("</tr>")[0]
    assert "<strong>0</strong> / 1" in row
    assert "(+1 bị trả lại, đang giữ chỗ)" in row and "hết chỗ" in row
    other = page.split(f">{tay_ho.nhat_tan_cells[1].name}</a>")[1].split("</tr>")[0]
    assert "giữ chỗ" not in other and "hết chỗ" not in other
    # The cell's own page says it beside its "Đăng ký mô hình" button too.
    own = nhat_tan_client.get(reverse("unit_detail", args=[cell.code])).content.decode()
    assert "hết chỗ" in own.split('id="own-quota"')[1].split("</p>")[0]


def test_cells_that_registered_leave_the_missing_list(nhat_tan_client, campaign, tay_ho, staff_nhat_tan):
    cell_1, cell_2 = tay_ho.nhat_tan_cells
    _submit(EntryFactory(campaign=campaign, unit=cell_1, by=staff_nhat_tan), staff_nhat_tan)
    page = nhat_tan_client.get(reverse("unit_detail", args=["nhat-tan"])).content.decode()
    assert "Chi bộ đã đăng ký: 1/2 (50%)" in page
    missing = page.split('class="plain missing"')[1].split("</ul>")[0]
    assert cell_2.name in missing and cell_1.name not in missing


def test_a_leader_reads_the_ward_page_without_the_buttons(client, leader, campaign):
    client.force_login(leader)
    page = client.get(reverse("unit_detail", args=["nhat-tan"])).content.decode()
    assert "Chỉ tiêu đăng ký từng đơn vị" in page
    assert "Đăng ký mô hình</a>" not in page


def test_unaccented_search_finds_accented_titles_and_units(nhat_tan_client, campaign, tay_ho, staff_nhat_tan):
    EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Đường hoa Nhật Tân")
    EntryFactory(
        campaign=campaign, unit=tay_ho.nhat_tan_cells[0], by=staff_nhat_tan, title="Bữa cơm nghĩa tình"
    )
    listing = nhat_tan_client.get(reverse("entry_list"), {"q": "duong hoa nhat tan"}).content.decode()
    assert "Đường hoa Nhật Tân" in listing and "Bữa cơm" not in listing
    listing = nhat_tan_client.get(reverse("entry_list"), {"q": "BUA COM"}).content.decode()
    assert "Bữa cơm nghĩa tình" in listing and "Đường hoa" not in listing
    listing = nhat_tan_client.get(reverse("entry_list"), {"q": "to dan pho so 1"}).content.decode()
    assert "Bữa cơm nghĩa tình" in listing and "Đường hoa" not in listing  # by the cell's name


def test_filters_by_unit_subtree_field_kind_and_state(nhat_tan_client, campaign, tay_ho, staff_nhat_tan):
    cell = tay_ho.nhat_tan_cells[0]
    EntryFactory(
        campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="A ward model", field="economy"
    )
    EntryFactory(campaign=campaign, unit=cell, by=staff_nhat_tan, title="A cell exemplar", kind="exemplar")
    sent = EntryFactory(campaign=campaign, unit=cell, by=staff_nhat_tan, title="A cell model sent")
    _submit(sent, staff_nhat_tan)

    def titles(**params):
        page = nhat_tan_client.get(reverse("entry_list"), params).content.decode()
        return {t for t in ("A ward model", "A cell exemplar", "A cell model sent") if t in page}

    assert titles(unit=cell.pk) == {"A cell exemplar", "A cell model sent"}
    assert titles(unit=tay_ho.nhat_tan.pk) == {"A ward model", "A cell exemplar", "A cell model sent"}
    assert titles(field="economy") == {"A ward model"}
    assert titles(kind=EntryKind.EXEMPLAR) == {"A cell exemplar"}
    assert titles(state=EntryState.SUBMITTED) == {"A cell model sent"}
    assert (
        "Select a valid choice"
        not in nhat_tan_client.get(reverse("entry_list"), {"field": "sport"}).content.decode()
    )


def test_a_foreign_unit_in_the_filter_shows_nothing_of_theirs(
    nhat_tan_client, campaign, tay_ho, staff_quang_an
):
    EntryFactory(campaign=campaign, unit=tay_ho.quang_an, by=staff_quang_an, title="Của Quảng An")
    page = nhat_tan_client.get(reverse("entry_list"), {"unit": tay_ho.quang_an.pk}).content.decode()
    assert "Của Quảng An" not in page


def test_the_list_is_paginated_and_keeps_the_filters(nhat_tan_client, campaign, tay_ho, staff_nhat_tan):
    for n in range(30):
        EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title=f"Mô hình số {n:02d}")
    first = nhat_tan_client.get(reverse("entry_list"), {"q": "mo hinh"}).content.decode()
    assert "30 hồ sơ, mới nhất trước" in first and "Mô hình số 29" in first and "Mô hình số 04" not in first
    assert len(re.findall(r'href="/ho-so/\d+/"', first)) == 25 and "Trang trước" not in first
    (after,) = re.findall(r'href="\?q=mo\+hinh&amp;sau=(\d+)" rel="next"', first)
    second = nhat_tan_client.get(reverse("entry_list"), {"q": "mo hinh", "sau": after}).content.decode()
    assert len(re.findall(r'href="/ho-so/\d+/"', second)) == 5 and "Mô hình số 04" in second
    assert "Trang sau" not in second
    (before,) = re.findall(r'href="\?q=mo\+hinh&amp;truoc=(\d+)" rel="prev"', second)
    back = nhat_tan_client.get(reverse("entry_list"), {"q": "mo hinh", "truoc": before}).content.decode()
    assert re.findall(r'href="/ho-so/\d+/"', back) == re.findall(r'href="/ho-so/\d+/"', first)


@pytest.fixture
def busy_ward(campaign, last_year, tay_ho, staff_nhat_tan, reviewer):
    """Nhật Tân with 60 more cells and 300 entries in every state, 60 accepted ones last year, and a
    pledge with items that the ward has signed.
    """
    pledge = Pledge.objects.create(campaign=campaign)
    for number in (1, 2, 3):
        PledgeItem.objects.create(pledge=pledge, number=number, text=f"Cam kết {number}")
    sign_pledge(
        pledge=pledge, unit=tay_ho.nhat_tan, signer_name="Lan", signer_position="Bí thư", by=reviewer,
        signed_on=datetime.date(2024, 1, 19),
    )  # fmt: skip
    for n in range(60):
        cell = UnitFactory(
            name=f"Chi bộ số {n}", code=f"nt-extra-{n}", parent=tay_ho.nhat_tan, position=10 + n
        )
        for kind in ("model", "exemplar"):
            entry = EntryFactory(campaign=campaign, unit=cell, by=staff_nhat_tan, kind=kind)
            if n % 3:
                _submit(entry, staff_nhat_tan)
            if n % 3 == 2:
                review.return_entry(entry=entry, by=reviewer, reason="Bổ sung")
        EntryFactory(campaign=campaign, unit=cell, by=staff_nhat_tan, title="Nháp thêm")
        EntryFactory(campaign=campaign, unit=cell, by=staff_nhat_tan, title="Nháp nữa", field="economy")
        EntryFactory(
            campaign=campaign, unit=cell, by=staff_nhat_tan, title="Nháp ba", field="political_system"
        )
        Entry.objects.create(
            campaign=last_year,
            unit=cell,
            kind="model",
            title=f"Năm trước {n}",
            field="economy",
            state="accepted",
        )
    return tay_ho.nhat_tan


def test_dashboard_runs_a_fixed_number_of_queries_with_hundreds_of_entries(
    nhat_tan_client, busy_ward, django_assert_max_num_queries
):
    # 17 for the page and its pledge (the cells' coverage and the first missing cells among them),
    # 2 for the results (the entries shown, then their awards), whatever the number of units.
    with django_assert_max_num_queries(20):
        page = nhat_tan_client.get(reverse("unit_detail", args=["nhat-tan"])).content.decode()
    assert "Chi bộ số 59" in page and "Hồ sơ bị trả lại, cần bổ sung (40)" in page
    assert page.count("Tiếp nối sang năm 2024") == 10 and "Xem tất cả hồ sơ đã duyệt năm 2023" in page
    assert "Cam kết 3" in page and "Đã ký ngày" in page


def test_entry_list_runs_a_fixed_number_of_queries_with_hundreds_of_entries(
    nhat_tan_client, busy_ward, django_assert_max_num_queries
):
    middle = Entry.objects.filter(title__startswith="Nháp").order_by("pk")[90].pk
    with django_assert_max_num_queries(7):
        page = nhat_tan_client.get(reverse("entry_list"), {"q": "nhap", "sau": middle}).content.decode()
    assert "180 hồ sơ, mới nhất trước" in page and len(re.findall(r'href="/ho-so/\d+/"', page)) == 25


def test_the_leader_opens_the_organisers_page_and_sees_every_ward(client, leader, campaign, tay_ho):
    client.force_login(leader)
    home = client.get(reverse("leader_home")).content.decode()
    assert reverse("unit_detail", args=["quan-uy-tay-ho"]) in home
    page = client.get(reverse("unit_detail", args=["quan-uy-tay-ho"])).content.decode()
    assert campaign.title in page
    assert "Đảng ủy phường Nhật Tân" in page and "Đảng ủy phường Quảng An" in page
    assert "Chi bộ đã đăng ký: 0/4 (0%)" in page
