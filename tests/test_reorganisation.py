"""The 1 July 2025 reorganisation: old units close, new ward committees open and take the old wards
over, and nothing of 2023 changes — figures, decisions, award lists. New wards then run their own
campaigns side by side.
"""

import datetime
import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import Decision
from campaigns.models import Entry, Pledge
from campaigns.permissions import current_campaign_for
from campaigns.services import registration
from campaigns.services.pledges import unsigned_units
from tayho_danvan.demo import reorganisation_2025
from units.models import Unit, UnitKind
from units.reorganisation import NewUnit, reorganise, roll_up

from .factories import CampaignFactory, EntryFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def _report(year):
    out = StringIO()
    # Ba Đình runs a 2024 campaign too (the demo's second organiser): name Tây Hồ.
    call_command(
        "campaign_report", str(year), "--organiser", "quan-uy-tay-ho", "--format", "json", stdout=out
    )  # noqa: E501
    return json.loads(out.getvalue())


def _annex_rows(path):
    call_command("export_awards", "2023", "-o", str(path), stdout=StringIO())
    return [list(sheet.iter_rows(values_only=True)) for sheet in load_workbook(path).worksheets]


def test_the_2023_figures_decisions_and_award_lists_are_the_same_after_the_reorganisation(tmp_path):
    call_command("seed_demo", stdout=StringIO())
    assert roll_up(_report(2023)["by_ward"]) == []  # nothing reorganised yet: nothing to regroup
    pledge = Pledge.objects.get(campaign__year=2024)
    unsigned = set(unsigned_units(pledge).values_list("code", flat=True))
    assert len(unsigned) == 5
    before = (_report(2023), _report(2024), _annex_rows(tmp_path / "a.xlsx"))
    decisions = list(Decision.objects.order_by("pk").values())
    entry_units = dict(Entry.objects.values_list("pk", "unit_id"))

    out = StringIO()
    call_command("reorganise_2025", stdout=out)
    assert "Đảng ủy phường Hồng Hà" in out.getvalue()

    assert (_report(2023), _report(2024), _annex_rows(tmp_path / "b.xlsx")) == before
    assert list(Decision.objects.order_by("pk").values()) == decisions
    assert dict(Entry.objects.values_list("pk", "unit_id")) == entry_units
    district = Unit.objects.get(code="quan-uy-tay-ho")
    assert district.valid_to == datetime.date(2025, 7, 1)
    assert not Unit.objects.filter(path__startswith=district.path, valid_to__isnull=True).exists()
    thuy_khue = Unit.objects.get(code="thuy-khue")
    assert {u.code for u in thuy_khue.successors.all()} == {"phuong-tay-ho", "phuong-ba-dinh"}
    hong_ha = Unit.objects.get(code="phuong-hong-ha")
    assert {u.code for u in hong_ha.predecessors.all()} == {
        "nhat-tan",
        "tu-lien",
        "yen-phu",
        "phu-thuong",
        "quang-an",
    }
    assert hong_ha.parent.code == "ha-noi" and hong_ha.is_active
    # The README's first command again, after the reorganisation: it seeds nothing new and still serves.
    call_command("seed_demo", stdout=StringIO())
    assert (_report(2023), _report(2024)) == before[:2]
    assert not Unit.objects.filter(path__startswith=district.path, valid_to__isnull=True).exists()

    with pytest.raises(
        CommandError, match="Sắp xếp đã được áp dụng: Quận ủy Tây Hồ ngừng hoạt động từ 01/07/2025"
    ):
        call_command("reorganise_2025", stdout=StringIO())

    rolled = {row["code"]: row for row in roll_up(before[0]["by_ward"])}
    buoi = next(w for w in before[0]["by_ward"] if w["code"] == "buoi")
    assert (rolled["phuong-tay-ho"]["models"], rolled["phuong-tay-ho"]["exemplars"]) == (
        buoi["models"],
        buoi["exemplars"],
    )  # Bưởi passed whole to phường Tây Hồ; the split wards are listed, not added
    assert {o["name"]: o["whole"] for o in rolled["phuong-ba-dinh"]["from"]} == {
        "Đảng ủy phường Thụy Khuê": False
    }
    # Every old unit's figures appear somewhere: direct organisations closed without a successor too.
    shown = {o["name"]: o["models"] for row in rolled.values() for o in row["from"]}
    assert sum(shown.values()) == before[0]["registered"]["models"]
    assert rolled[""]["name"] == "Không có đơn vị kế thừa"
    # The 2024 pledge still lists the same five units as never having signed.
    assert set(unsigned_units(pledge).values_list("code", flat=True)) == unsigned


def test_a_bad_reorganisation_is_refused_and_writes_nothing(tay_ho):
    on = datetime.date(2025, 7, 1)
    units_before = list(Unit.objects.order_by("pk").values_list("pk", "valid_to"))
    new = NewUnit(code="moi", name="Đảng ủy phường Mới", kind=UnitKind.WARD_COMMITTEE, parent=tay_ho.city,
                  predecessors=["nhat-tan"])  # fmt: skip
    cases = [
        ([tay_ho.nhat_tan, tay_ho.nhat_tan], [new], "được nêu hai lần"),
        ([tay_ho.nhat_tan], [new, new], "được nêu hai lần trong danh sách mở"),
        ([tay_ho.quang_an], [new], "không nằm trong danh sách đóng"),
        ([tay_ho.nhat_tan], [NewUnit(**{**new.__dict__, "code": "quang-an"})], "đã được dùng"),
        ([tay_ho.nhat_tan], [NewUnit(**{**new.__dict__, "parent": tay_ho.nhat_tan})], "sắp ngừng hoạt động"),
    ]
    for closing, opening, message in cases:
        with pytest.raises(ValidationError, match=message):
            reorganise(closing=closing, opening=opening, on=on)
    assert list(Unit.objects.order_by("pk").values_list("pk", "valid_to")) == units_before
    reorganise(closing=[tay_ho.nhat_tan], opening=[new], on=on)
    with pytest.raises(ValidationError, match="đã ngừng hoạt động"):
        reorganise(closing=[tay_ho.nhat_tan], opening=[], on=on)


def test_new_ward_committees_run_their_own_campaigns_side_by_side(tay_ho, tmp_path):
    UnitFactory(name="Đảng ủy phường Bưởi", code="buoi", kind=UnitKind.WARD_COMMITTEE, parent=tay_ho.district)
    for code in ("thuy-khue", "xuan-la", "phu-thuong", "tu-lien", "yen-phu"):
        UnitFactory(
            name=f"Đảng ủy phường {code}", code=code, kind=UnitKind.WARD_COMMITTEE, parent=tay_ho.district
        )
    tay_ho.nhat_tan.refresh_from_db()
    tay_ho.quang_an.refresh_from_db()
    reorganisation_2025.apply()
    tay_ho_ward = Unit.objects.get(code="phuong-tay-ho")
    hong_ha = Unit.objects.get(code="phuong-hong-ha")
    cell = UnitFactory(name="Chi bộ khu dân cư số 1", code="tay-ho-cb-1", parent=tay_ho_ward)
    UnitFactory(name="Chi bộ khu dân cư số 1 Hồng Hà", code="hong-ha-cb-1", parent=hong_ha)
    ours = CampaignFactory(organiser=tay_ho_ward, year=2026)
    theirs = CampaignFactory(organiser=hong_ha, year=2026)
    assert current_campaign_for(cell) == ours
    staff = UserFactory(username="canbo.phuongtayho")
    from units import services as unit_services
    from units.models import MembershipRole

    unit_services.add_membership(user=staff, unit=tay_ho_ward, role=MembershipRole.STAFF)
    entry = registration.submit_entry(entry=EntryFactory(campaign=ours, unit=cell, by=staff), by=staff)
    assert entry.state == "submitted"
    with pytest.raises(ValidationError, match="không thuộc phạm vi"):
        EntryFactory(campaign=theirs, unit=cell, by=staff)
    with pytest.raises(CommandError, match="--organiser"):
        call_command("campaign_report", "2026", stdout=StringIO())
    out = StringIO()
    call_command("campaign_report", "2026", "--organiser", "phuong-tay-ho", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["registered"] == {"models": 1, "exemplars": 0}


def test_the_leaders_report_shows_a_past_year_through_todays_units_on_request(
    client, tay_ho, leader, campaign
):
    registration.submit_entry(
        entry=EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=leader), by=leader
    )  # registered by anyone: the figures are what matter here
    for code in ("buoi", "thuy-khue", "xuan-la", "phu-thuong", "tu-lien", "yen-phu"):
        UnitFactory(
            name=f"Đảng ủy phường {code}", code=code, kind=UnitKind.WARD_COMMITTEE, parent=tay_ho.district
        )
    reorganisation_2025.apply()
    # The district's own leaders are gone with it; the city's read the old district's reports.
    city_leader = UserFactory(username="lanhdao.thanhpho")
    from units import services as unit_services
    from units.models import MembershipRole

    unit_services.add_membership(user=city_leader, unit=tay_ho.city, role=MembershipRole.LEADER)
    client.force_login(city_leader)
    url = reverse("report_page", args=[campaign.pk])
    assert 'id="roll-up"' not in client.get(url).content.decode()
    page = client.get(url, {"hien-nay": "1"}).content.decode()
    assert "Số liệu năm 2024 theo các đơn vị hiện nay" in page
    assert "từ Đảng ủy phường Nhật Tân (một phần): 1 mô hình" in page


def test_after_the_reorganisation_the_old_board_leader_and_staff_still_read_their_past(
    client, tay_ho, campaign, reviewer, leader, staff_nhat_tan
):
    entry = registration.submit_entry(
        entry=EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan), by=staff_nhat_tan
    )
    for code in ("buoi", "thuy-khue", "xuan-la", "phu-thuong", "tu-lien", "yen-phu"):
        UnitFactory(
            name=f"Đảng ủy phường {code}", code=code, kind=UnitKind.WARD_COMMITTEE, parent=tay_ho.district
        )
    reorganisation_2025.apply()
    for user in (reviewer, leader, staff_nhat_tan):  # memberships are cached per user object
        user.__dict__.pop("_danvan_memberships", None)
    client.force_login(reviewer)
    listing = client.get("/admin/campaigns/entry/").content.decode()
    assert entry.title in listing and "accept_selected" not in listing  # an archive: read, not act
    change = client.post(f"/admin/campaigns/entry/{entry.pk}/change/", {"title": "Sửa sau khi đóng"})
    assert change.status_code == 403
    client.force_login(leader)
    assert client.get(reverse("report_page", args=[campaign.pk])).status_code == 200
    client.force_login(staff_nhat_tan)
    home = client.get(reverse("home")).content.decode()
    assert "Đơn vị của bạn đã ngừng hoạt động" in home
    page = client.get(reverse("unit_detail", args=["nhat-tan"])).content.decode()
    assert "Đơn vị đã ngừng hoạt động từ ngày 01/07/2025" in page and "Đảng ủy phường Hồng Hà" in page
    assert "Đăng ký mô hình</a>" not in page
    assert client.get(reverse("entry_detail", args=[entry.pk])).status_code == 200
    assert client.get(reverse("entry_create", args=["nhat-tan"])).status_code == 404
