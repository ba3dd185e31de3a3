"""Every staff-page URL, walked by every role: what is not theirs answers 404 (or the login page for
anonymous visitors), and nothing changes. A new URL without a row here fails ``test_every_url_is_walked``.
"""

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards import urls as award_urls
from awards.models import Award, AwardLevel, AwardType, Decision
from campaigns import urls as campaign_urls
from campaigns.choices import EntryState
from campaigns.models import Entry, Evidence, Pledge
from campaigns.services import evidence as evidence_service
from tayho_danvan import urls as root_urls
from tayho_danvan.demo import sample_files

from .factories import EntryFactory

pytestmark = pytest.mark.django_db

LOGIN, OK, FOUND, GONE = "login", 200, 302, 404
ROLES = ("anonymous", "own_staff", "foreign_staff", "reviewer", "leader", "other_board")
# The board of another organiser (Ba Đình) on Tây Hồ's pages: the lists and its own account pages only.
OTHER_BOARD_READS = {"home": FOUND, "entry_list": OK, "password_change": OK, "password_change_done": OK,
                     "password_reset": OK, "password_reset_done": OK,
                     "password_reset_complete": OK}  # fmt: skip

# url name → (method, what each role in ROLES gets)
EXPECTED = {
    "home": ("get", (LOGIN, FOUND, FOUND, FOUND, FOUND)),
    "password_change": ("get", (LOGIN, OK, OK, OK, OK)),
    # The forgotten-password pages are for anyone (a signed-in user reads them too).
    "password_reset": ("get", (OK, OK, OK, OK, OK)),
    "password_reset_done": ("get", (OK, OK, OK, OK, OK)),
    "password_reset_complete": ("get", (OK, OK, OK, OK, OK)),
    "password_change_done": ("get", (LOGIN, OK, OK, OK, OK)),
    "leader_home": ("get", (LOGIN, GONE, GONE, GONE, OK)),
    "unit_detail": ("get", (LOGIN, OK, GONE, OK, OK)),
    "entry_create": ("get", (LOGIN, OK, GONE, GONE, GONE)),
    "entry_list": ("get", (LOGIN, OK, OK, OK, OK)),
    "entry_detail": ("get", (LOGIN, OK, GONE, OK, OK)),
    "entry_edit": ("get", (LOGIN, OK, GONE, GONE, GONE)),
    "entry_print": ("get", (LOGIN, OK, GONE, OK, OK)),
    "entry_submit": ("post", (LOGIN, FOUND, GONE, GONE, GONE)),
    "entry_withdraw": ("post", (LOGIN, FOUND, GONE, GONE, GONE)),
    "entry_restore": ("post", (LOGIN, FOUND, GONE, GONE, GONE)),
    "entry_continue": ("post", (LOGIN, FOUND, GONE, GONE, GONE)),
    "entry_self_assess": ("post", (LOGIN, FOUND, GONE, GONE, GONE)),
    # Refused for this draft: the page comes back with the message and what was typed.
    "entry_self_score": ("post", (LOGIN, OK, GONE, GONE, GONE)),
    "evidence_upload": ("post", (LOGIN, FOUND, GONE, GONE, GONE)),
    "evidence_download": ("get", (LOGIN, OK, GONE, OK, OK)),
    "evidence_remove": ("post", (LOGIN, FOUND, GONE, GONE, GONE)),
    "pledge_sign": ("post", (LOGIN, FOUND, GONE, GONE, GONE)),
    # The pledge of the campaign is read by everyone working in it, other wards included.
    "pledge_print": ("get", (LOGIN, OK, OK, OK, OK)),
    # The search behind "Nhân rộng từ mô hình": for everyone working in the campaign.
    "replicable_search": ("get", (LOGIN, OK, OK, OK, OK)),
    "report_page": ("get", (LOGIN, GONE, GONE, OK, OK)),
    "report_workbook": ("get", (LOGIN, GONE, GONE, OK, OK)),
    # A ward prints the certificate of its own award; another ward gets 404.
    "award_certificate": ("get", (LOGIN, OK, GONE, OK, OK)),
    # A unit's own slice of the report: read by whoever reads the unit's page.
    "unit_report": ("get", (LOGIN, OK, GONE, OK, OK)),
}


@dataclass
class World:
    entry: object
    old: object
    evidence: object
    award: object
    users: dict


@pytest.fixture
def world(campaign, last_year, tay_ho, staff_nhat_tan, staff_quang_an, reviewer, leader, ba_dinh):
    entry = EntryFactory(
        campaign=campaign, unit=tay_ho.nhat_tan_cells[0], by=staff_nhat_tan, title="Bí mật Nhật Tân"
    )
    old = Entry.objects.create(
        campaign=last_year,
        unit=tay_ho.nhat_tan,
        kind="model",
        title="Năm trước",
        field="economy",
        state=EntryState.ACCEPTED,
    )
    Pledge.objects.create(campaign=campaign)
    evidence = evidence_service.add_evidence(
        entry=entry, upload=SimpleUploadedFile("a.pdf", sample_files.pdf_bytes()), by=staff_nhat_tan
    )
    award_type = AwardType.objects.create(name="Giấy khen", level=AwardLevel.ORGANISER)
    decision = Decision.objects.create(
        campaign=last_year, award_type=award_type, number="125-QĐ/QU", date=last_year.registration_closes,
        issuer_name="Quận ủy Tây Hồ",
    )  # fmt: skip
    award = Award.objects.create(
        decision=decision,
        position=1,
        recipient_kind="model",
        entry=old,
        recipient_name=old.title,
        unit=old.unit,
    )
    users = {
        "anonymous": None,
        "own_staff": staff_nhat_tan,
        "foreign_staff": staff_quang_an,
        "reviewer": reviewer,
        "leader": leader,
        "other_board": ba_dinh.reviewer,
    }
    return World(entry, old, evidence, award, users)


def _url(name, world):
    entry_pk = world.entry.pk
    return {
        "home": reverse("home"),
        "password_change": reverse("password_change"),
        "password_reset": reverse("password_reset"),
        "password_reset_done": reverse("password_reset_done"),
        "password_reset_complete": reverse("password_reset_complete"),
        "password_change_done": reverse("password_change_done"),
        "leader_home": reverse("leader_home"),
        "unit_detail": reverse("unit_detail", args=["nhat-tan-cb-1"]),
        "entry_create": reverse("entry_create", args=["nhat-tan-cb-1"]),
        "entry_list": reverse("entry_list"),
        "entry_detail": reverse("entry_detail", args=[entry_pk]),
        "entry_edit": reverse("entry_edit", args=[entry_pk]),
        "entry_print": reverse("entry_print", args=[entry_pk]),
        "entry_submit": reverse("entry_submit", args=[entry_pk]),
        "entry_withdraw": reverse("entry_withdraw", args=[entry_pk]),
        "entry_restore": reverse("entry_restore", args=[entry_pk]),
        "entry_continue": reverse("entry_continue", args=[world.old.pk]),
        "entry_self_assess": reverse("entry_self_assess", args=[entry_pk]),
        "entry_self_score": reverse("entry_self_score", args=[entry_pk]),
        "evidence_upload": reverse("evidence_upload", args=[entry_pk]),
        "evidence_download": reverse("evidence_download", args=[entry_pk, world.evidence.pk]),
        "evidence_remove": reverse("evidence_remove", args=[entry_pk, world.evidence.pk]),
        "pledge_sign": reverse("pledge_sign", args=["nhat-tan-cb-1"]),
        "pledge_print": reverse("pledge_print", args=[world.entry.campaign_id]),
        "replicable_search": reverse("replicable_search", args=[world.entry.campaign_id]) + "?q=mo+hinh",
        "report_page": reverse("report_page", args=[world.entry.campaign_id]),
        "report_workbook": reverse("report_workbook", args=[world.entry.campaign_id]),
        "award_certificate": reverse("award_certificate", args=[world.award.pk]),
        "unit_report": reverse("unit_report", args=["nhat-tan-cb-1", world.entry.campaign_id]),
    }[name]


def _snapshot():
    return (
        list(Entry.objects.order_by("pk").values_list("pk", "state", "title")),
        list(Evidence.objects.values_list("pk", "removed_at")),
    )


def test_every_url_is_walked():
    # The project's own pages beside the apps' (login and logout are Django's, walked elsewhere).
    # The reset link's page needs a token of a real reset: walked in test_accounts.py.
    walked_elsewhere = (None, "login", "logout", "password_reset_confirm")
    own = [p for p in root_urls.urlpatterns if getattr(p, "name", None) not in walked_elsewhere]
    patterns = [*campaign_urls.urlpatterns, *award_urls.urlpatterns, *own]
    assert {p.name for p in patterns} == set(EXPECTED)


@pytest.mark.parametrize("role_index, role", list(enumerate(ROLES)))
@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_role_gets_what_is_theirs_and_404_for_the_rest(client, world, name, role, role_index):
    method, outcomes = EXPECTED[name]
    expected = outcomes[role_index] if role != "other_board" else OTHER_BOARD_READS.get(name, GONE)
    if world.users[role] is not None:
        client.force_login(world.users[role])
    url = _url(name, world)
    before = _snapshot()
    data = (
        {"file": SimpleUploadedFile("b.pdf", sample_files.pdf_bytes())} if name == "evidence_upload" else {}
    )
    response = getattr(client, method)(url, data)
    if expected == LOGIN:
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url
    else:
        assert response.status_code == expected, (role, url)
    if expected in (LOGIN, GONE) or method == "get":
        assert _snapshot() == before, (role, url)
    if name == "entry_list" and role in ("foreign_staff", "other_board"):
        assert "Bí mật Nhật Tân" not in response.content.decode()
