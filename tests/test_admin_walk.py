"""Every admin URL the resolver knows, walked by the board of another organiser (issue [F] 1): Ba Đình's
board never reads a title, name or number of Tây Hồ's records, by any URL or parameter, and changes
nothing. A new admin URL without a row here fails ``test_every_admin_url_has_a_row``.

Tây Hồ's records carry the marker ``MẬT-TH`` in the text each shows; a body that holds it is a leak.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from awards.models import (
    Award,
    AwardLevel,
    AwardType,
    Ballot,
    Candidate,
    Ceremony,
    Council,
    CouncilMember,
    Decision,
    Meeting,
    MemberRole,
)
from campaigns.choices import EntryKind, ExportState
from campaigns.models import (
    Criterion,
    Entry,
    ExportFile,
    Pledge,
    PledgeItem,
    PledgeSignature,
    QuotaOverride,
    Reviewer,
    Rubric,
    Scoresheet,
    Target,
)
from campaigns.services import judging
from units.models import Membership, Unit

from .factories import EntryFactory

pytestmark = pytest.mark.django_db
MARK = "MẬT-TH"

# Routes every ModelAdmin has; each is walked for every registered model.
GENERIC = {"", "add/", "<path:object_id>/history/", "<path:object_id>/delete/", "<path:object_id>/change/",
           "<path:object_id>/", "^([^/]+)/history/([^/]+)/$", "autocomplete/"}  # fmt: skip
# The admins' own routes: (model label, route) → (method, path arguments by name).
CUSTOM = {
    ("auth.User", "<id>/password/"): ("get", {"id": "user"}),
    ("units.Unit", "move/"): ("post", {}),
    ("units.Unit", "children/<str:parent_id>/"): ("get", {"parent_id": "unit"}),
    ("units.Unit", "jsi18n/"): ("get", {}),
    ("units.Unit", "tai-khoan/"): ("get", {}),
    ("campaigns.Entry", "<int:pk>/xet-duyet/"): ("post", {"pk": "entry"}),
    ("campaigns.Entry", "xuat-excel/"): ("get", {}),
    ("campaigns.Entry", "mau-nhap/<int:campaign_pk>/"): ("get", {"campaign_pk": "campaign"}),
    ("campaigns.Entry", "process_import/"): ("post", {}),
    ("campaigns.Entry", "import/"): ("get", {}),
    ("awards.Decision", "<int:pk>/ban-quet/"): ("get", {"pk": "decision"}),
    ("awards.Decision", "<int:pk>/nhap-ca-nhan/"): ("get", {"pk": "decision"}),
    ("awards.Decision", "<int:pk>/danh-sach.xlsx"): ("get", {"pk": "decision"}),
    ("awards.Decision", "<int:pk>/them-ho-so/"): ("post", {"pk": "decision"}),
    ("awards.Decision", "<int:pk>/them-ca-nhan/"): ("post", {"pk": "decision"}),
    ("awards.Award", "export/"): ("get", {}),
    ("campaigns.ExportFile", "<str:pk>/tai-ve/"): ("get", {"pk": "export"}),
    ("campaigns.Entry", "cham-diem/"): ("get", {}),
    ("awards.Meeting", "<int:pk>/dieu-hanh/"): ("post", {"pk": "meeting"}),
    ("awards.Meeting", "<int:pk>/giay-to/<slug:paper>/"): ("get", {"pk": "meeting"}),
    ("campaigns.Entry", "<int:pk>/cham-diem/"): ("post", {"pk": "entry"}),
    ("campaigns.Entry", "xep-hang/<int:campaign_pk>/"): ("get", {"campaign_pk": "campaign"}),
}
SITE = {"", "login/", "logout/", "password_change/", "password_change/done/", "autocomplete/", "jsi18n/",
        "r/<path:content_type_id>/<path:object_id>/",
        "^(?P<app_label>auth|axes|django_tasks_database|units|campaigns|awards)/$",
        "(?P<url>.*)$"}  # fmt: skip


@dataclass
class TayHoRecords:
    by_label: dict  # model label → one Tây Hồ record of that model

    def pk(self, label):
        return self.by_label[label].pk


@pytest.fixture
def records(campaign, tay_ho, staff_nhat_tan, reviewer, ba_dinh):
    cell = tay_ho.nhat_tan_cells[0]
    cell.name = f"Chi bộ {MARK}"
    cell.save()
    campaign.title = f"Phong trào {MARK}"
    campaign.save()
    entry = EntryFactory(campaign=campaign, unit=cell, by=staff_nhat_tan, title=f"Hồ sơ {MARK}")
    pledge = Pledge.objects.create(campaign=campaign, title=f"Giao ước {MARK}")
    PledgeItem.objects.create(pledge=pledge, number=1, text=f"Điều {MARK}")
    signature = PledgeSignature.objects.create(
        pledge=pledge, unit=cell, signer_name=f"Người ký {MARK}", signer_position="Bí thư",
        signed_on=datetime.date(2024, 2, 1),
    )  # fmt: skip
    target = Target.objects.create(campaign=campaign, order=1, name=f"Chỉ tiêu {MARK}", planned=10)
    override = QuotaOverride.objects.create(
        campaign=campaign, unit=cell, models_max=3, exemplars_max=3, reason=f"Lý do {MARK}"
    )
    ceremony = Ceremony.objects.create(
        campaign=campaign, date=datetime.date(2024, 12, 1), title=f"Hội nghị {MARK}"
    )
    award_type = AwardType.objects.create(name="Giấy khen", level=AwardLevel.ORGANISER)
    decision = Decision.objects.create(
        campaign=campaign, award_type=award_type, number=f"99-{MARK}", date=datetime.date(2024, 12, 1),
        issuer_name=f"Quận ủy {MARK}", ceremony=ceremony,
    )  # fmt: skip
    award = Award.objects.create(
        decision=decision, position=1, recipient_kind="individual", recipient_name=f"Ông {MARK}", unit=cell
    )
    export = ExportFile.objects.create(
        kind="entries", title=f"Danh sách {MARK}", filename="x.xlsx", requested_by=reviewer,
        state=ExportState.DONE, rows_total=1, rows_done=1,
    )  # fmt: skip
    export.file.save("x.xlsx", ContentFile(f"{MARK}".encode()), save=True)
    rubric = judging.set_up_rubrics(campaign=campaign)[EntryKind.MODEL]
    rubric.criteria.filter(order=1).update(name=f"Tiêu chí {MARK}")
    council = Council.objects.create(organiser=tay_ho.district, name=f"Hội đồng {MARK}")
    member = CouncilMember.objects.create(council=council, name=f"Ông {MARK}", role=MemberRole.CHAIR)
    meeting = Meeting.objects.create(
        council=council,
        campaign=campaign,
        date=datetime.date(2024, 12, 20),
        place=f"Phòng {MARK}",
        chair=member,
    )
    return TayHoRecords(
        {
            "awards.Council": council,
            "awards.Meeting": meeting,
            "campaigns.Rubric": rubric,
            "campaigns.Reviewer": Reviewer.objects.create(campaign=campaign, user=reviewer, is_chair=True),
            "campaigns.ExportFile": export,
            "units.Unit": cell,
            "units.Membership": Membership.objects.filter(user=staff_nhat_tan).first(),
            "campaigns.Campaign": campaign,
            "campaigns.Entry": entry,
            "campaigns.Pledge": pledge,
            "campaigns.PledgeSignature": signature,
            "campaigns.Target": target,
            "campaigns.QuotaOverride": override,
            "awards.Ceremony": ceremony,
            "awards.Decision": decision,
            "awards.Award": award,
            "awards.AwardType": award_type,
            "auth.User": staff_nhat_tan,
            "auth.Group": None,
        }
    )


SHORT = {"unit": "units.Unit", "entry": "campaigns.Entry", "campaign": "campaigns.Campaign",
         "decision": "awards.Decision", "user": "auth.User", "export": "campaigns.ExportFile",
         "meeting": "awards.Meeting"}  # fmt: skip


def _snapshot():
    """Every row of what the board can write, as values: any change shows."""
    models = (
        Unit,
        Entry,
        Pledge,
        PledgeItem,
        PledgeSignature,
        Target,
        QuotaOverride,
        Ceremony,
        Decision,
        Award,
        ExportFile,
        Rubric,
        Criterion,
        Reviewer,
        Scoresheet,
        Council,
        CouncilMember,
        Meeting,
        Candidate,
        Ballot,
    )
    return {m.__name__: sorted(map(str, m.objects.values_list())) for m in models}


def _admin_urls(records):
    """``[(method, url, label)]`` for every admin pattern, filled with Tây Hồ's records."""
    urls = []
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        obj = records.by_label.get(label)
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for pattern in model_admin.get_urls():
            route = str(pattern.pattern)
            if route in GENERIC:
                if "object_id" in route and obj is None:
                    continue
                path = route.replace("<path:object_id>", str(obj.pk) if obj else "")
                if route.startswith("^"):  # simple-history's one version of the object
                    path = f"{obj.pk}/history/1/"
                urls.append(("get", base + path, label))
                if route in ("<path:object_id>/change/", "<path:object_id>/delete/", "add/"):
                    urls.append(("post", base + path, label))
            else:
                method, arguments = CUSTOM[(label, route)]
                path = route
                for name, short in arguments.items():
                    path = path.replace(f"<int:{name}>", str(records.pk(SHORT[short])))
                    path = path.replace(f"<str:{name}>", str(records.pk(SHORT[short])))
                    path = path.replace(f"<{name}>", str(records.pk(SHORT[short])))
                path = path.replace("<slug:paper>", "bien-ban-hop")
                urls.append((method, base + path, label))
    return urls


def test_every_admin_url_has_a_row():
    missing = []
    for model, model_admin in admin.site._registry.items():
        for pattern in model_admin.get_urls():
            route = str(pattern.pattern)
            if route not in GENERIC and (model._meta.label, route) not in CUSTOM:
                missing.append((model._meta.label, route))
    site = {str(p.pattern) for p in admin.site.get_urls() if not hasattr(p, "url_patterns")}
    assert missing == [] and site <= SITE, (missing, site - SITE)


def test_another_organisers_board_reads_nothing_of_tay_ho_and_writes_nothing(client, records, ba_dinh):
    client.force_login(ba_dinh.reviewer)
    before = _snapshot()
    leaks, errors = [], []
    walked = _admin_urls(records)
    # The site's own views: search, autocomplete for every autocomplete field, view on site.
    walked += [("get", "/admin/campaigns/entry/?q=Hồ sơ", "search")]  # matches the marked title
    walked += [("get", f"/admin/awards/award/?decision__id__exact={records.pk('awards.Decision')}", "filter")]
    for model, model_admin in admin.site._registry.items():
        for field in model_admin.autocomplete_fields:
            query = (
                f"app_label={model._meta.app_label}&model_name={model._meta.model_name}&field_name={field}"
            )
            walked.append(("get", f"/admin/autocomplete/?{query}&term=", "autocomplete"))
    content_type = ContentType.objects.get_for_model(Entry)
    walked.append(("get", f"/admin/r/{content_type.pk}/{records.pk('campaigns.Entry')}/", "view_on_site"))
    for method, url, label in walked:
        data = {
            "decision": records.pk("awards.Decision"),
            "entry": records.pk("campaigns.Entry"),
            "post": "yes",
        }
        response = getattr(client, method)(url, data if method == "post" else None)
        if response.status_code >= 500:
            errors.append((method, url, response.status_code))
        body = b"".join(response) if response.streaming else response.content
        if MARK.encode() in body or MARK in body.decode("utf-8", "ignore"):
            leaks.append((method, url, label))
    assert len(walked) > 100
    assert errors == [] and leaks == []
    assert _snapshot() == before


def test_the_award_form_names_no_entry_or_unit_of_another_organiser(client, records, ba_dinh):
    client.force_login(ba_dinh.reviewer)
    entry, unit = records.by_label["campaigns.Entry"], records.by_label["units.Unit"]
    data = {"decision": records.pk("awards.Decision"), "position": 2, "recipient_kind": "model",
            "entry": entry.pk, "unit": unit.pk, "recipient_name": "x"}  # fmt: skip
    for url in ("/admin/awards/award/add/", f"/admin/awards/award/add/?entry={entry.pk}&unit={unit.pk}"):
        page = client.post(url, data).content.decode()
        assert MARK not in page and "Quận ủy Tây Hồ" not in page
    assert Award.objects.count() == 1


def test_the_tay_ho_board_reads_its_own_records_on_the_same_urls(client, records, reviewer):
    """The walk above would pass on an admin that shows nothing to anyone: the owner sees the marker."""
    client.force_login(reviewer)
    for label, obj in records.by_label.items():
        if obj is None or label.startswith("auth.") or label in ("awards.AwardType", "units.Membership"):
            continue
        url = f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"
        page = client.get(url).content.decode()
        assert MARK in page, url
