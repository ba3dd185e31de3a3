"""The cast: Tây Hồ in small, staff of Nhật Tân and of Quảng An, a board reviewer and a leader."""

import datetime
from dataclasses import dataclass

import pytest

from campaigns.choices import CampaignState
from units import services as unit_services
from units.models import MembershipRole, UnitKind

from .factories import CampaignFactory, UnitFactory, UserFactory

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium: Playwright cannot download its own browser here (PLATFORM.md).
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "accept_downloads": True}


@dataclass
class TayHo:
    city: object
    district: object
    nhat_tan: object
    nhat_tan_cells: list
    quang_an: object
    quang_an_cells: list
    military: object


@pytest.fixture
def tay_ho(db):
    city = UnitFactory(name="Đảng bộ thành phố Hà Nội", code="ha-noi", kind=UnitKind.ORGANISER)
    district = UnitFactory(name="Quận ủy Tây Hồ", code="quan-uy-tay-ho", kind=UnitKind.ORGANISER, parent=city)
    nhat_tan = UnitFactory(
        name="Đảng ủy phường Nhật Tân",
        short_name="Nhật Tân",
        code="nhat-tan",
        kind=UnitKind.WARD_COMMITTEE,
        parent=district,
        position=1,
    )
    quang_an = UnitFactory(
        name="Đảng ủy phường Quảng An",
        short_name="Quảng An",
        code="quang-an",
        kind=UnitKind.WARD_COMMITTEE,
        parent=district,
        position=2,
    )
    nhat_tan_cells = [
        UnitFactory(
            name=f"Chi bộ tổ dân phố số {n} Nhật Tân", code=f"nhat-tan-cb-{n}", parent=nhat_tan, position=n
        )
        for n in (1, 2)
    ]
    quang_an_cells = [
        UnitFactory(
            name=f"Chi bộ tổ dân phố số {n} Quảng An", code=f"quang-an-cb-{n}", parent=quang_an, position=n
        )
        for n in (1, 2)
    ]
    military = UnitFactory(
        name="Đảng bộ Quân sự quận",
        code="quan-su-quan",
        kind=UnitKind.DIRECT_ORGANISATION,
        parent=district,
        position=50,
    )
    return TayHo(city, district, nhat_tan, nhat_tan_cells, quang_an, quang_an_cells, military)


def _member(username, full_name, unit, role):
    user = UserFactory(username=username, first_name=full_name)
    unit_services.add_membership(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def staff_nhat_tan(tay_ho):
    return _member("canbo.nhattan", "Lan", tay_ho.nhat_tan, MembershipRole.STAFF)


@pytest.fixture
def staff_quang_an(tay_ho):
    return _member("canbo.quangan", "Minh", tay_ho.quang_an, MembershipRole.STAFF)


@pytest.fixture
def reviewer(tay_ho):
    return _member("bandanvan", "Hoàng", tay_ho.district, MembershipRole.REVIEWER)


@pytest.fixture
def leader(tay_ho):
    return _member("lanhdao", "Tuấn", tay_ho.district, MembershipRole.LEADER)


@pytest.fixture
def nhat_tan_client(client, staff_nhat_tan):
    """The browser of Nhật Tân's ward staff, logged in."""
    client.force_login(staff_nhat_tan)
    return client


@pytest.fixture
def board(client, reviewer):
    """The browser of the board reviewer, logged in (the admin is where the board works)."""
    client.force_login(reviewer)
    return client


@pytest.fixture
def campaign(tay_ho):
    """Tây Hồ's campaign, open for registration today, with the article's quotas."""
    return CampaignFactory(organiser=tay_ho.district, year=2024, state=CampaignState.OPEN)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Hashing the cast's passwords at full strength costs a quarter second a user; tests don't need it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded evidence goes to a throwaway folder, never into the checkout's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def last_year(tay_ho):
    """Tây Hồ's closed campaign of the year before ``campaign``."""
    return CampaignFactory(
        organiser=tay_ho.district,
        year=2023,
        state=CampaignState.CLOSED,
        registration_opens=datetime.date(2023, 1, 10),
        registration_closes=datetime.date(2023, 3, 31),
    )


@dataclass
class BaDinh:
    """Another organiser with its own campaign and reviewer: what Tây Hồ's board must never touch."""

    district: object
    ward: object
    campaign: object
    reviewer: object


@pytest.fixture
def ba_dinh(tay_ho):
    district = UnitFactory(
        name="Quận ủy Ba Đình", code="quan-uy-ba-dinh", kind=UnitKind.ORGANISER, parent=tay_ho.city
    )
    ward = UnitFactory(
        name="Đảng ủy phường Kim Mã", code="kim-ma", kind=UnitKind.WARD_COMMITTEE, parent=district, position=1
    )
    campaign = CampaignFactory(organiser=district, year=2024, state=CampaignState.OPEN)
    reviewer = _member("bandanvan.badinh", "Thu", district, MembershipRole.REVIEWER)
    # Ba Đình sorts before Tây Hồ, so treebeard renumbered Tây Hồ's paths: reload the cast's units.
    for unit in (tay_ho.district, tay_ho.nhat_tan, tay_ho.quang_an, tay_ho.military, *tay_ho.nhat_tan_cells,
                 *tay_ho.quang_an_cells):  # fmt: skip
        unit.refresh_from_db()
    return BaDinh(district, ward, campaign, reviewer)


@dataclass
class Judging:
    """A campaign being evaluated with its scorers (issue [H]): two accepted models of Nhật Tân's cells
    (``entry``, ``other``), not yet scored; the chair (the ``reviewer`` of the cast), a second board
    member, and a third who is also on Nhật Tân's staff (a conflict of interest)."""

    campaign: object
    entry: object
    other: object
    chair: object
    second: object
    conflicted: object


@pytest.fixture
def judges(campaign, tay_ho, staff_nhat_tan, reviewer):
    from campaigns.models import Reviewer  # local: only the judging tests need these
    from campaigns.services import registration, review, stages

    from .factories import EntryFactory

    entries = [
        EntryFactory(campaign=campaign, unit=cell, by=staff_nhat_tan, title=title)
        for cell, title in zip(tay_ho.nhat_tan_cells, ("Chợ văn minh", "Ngõ sạch"), strict=True)
    ]
    for entry in entries:
        registration.submit_entry(entry=entry, by=staff_nhat_tan)
        review.accept_entry(entry=entry, by=reviewer)
    stages.change_campaign_state(campaign=campaign, to=CampaignState.IN_PROGRESS, by=reviewer)
    stages.change_campaign_state(campaign=campaign, to=CampaignState.EVALUATING, by=reviewer)
    second = _member("bandanvan.hai", "Hải", tay_ho.district, MembershipRole.REVIEWER)
    conflicted = _member("bandanvan.ba", "Ba", tay_ho.district, MembershipRole.REVIEWER)
    unit_services.add_membership(user=conflicted, unit=tay_ho.nhat_tan, role=MembershipRole.STAFF)
    chair = Reviewer.objects.create(campaign=campaign, user=reviewer, is_chair=True)
    campaign.refresh_from_db()
    for entry in entries:
        entry.refresh_from_db()
    return Judging(
        campaign=campaign,
        entry=entries[0],
        other=entries[1],
        chair=chair,
        second=Reviewer.objects.create(campaign=campaign, user=second),
        conflicted=Reviewer.objects.create(campaign=campaign, user=conflicted),
    )
