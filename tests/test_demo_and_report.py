"""The demo reproduces the article's 2023 figures, and the report reads them from the data."""

import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from awards.models import Award
from awards.reports.tables import tables
from campaigns.choices import EntryState
from campaigns.models import Campaign, Entry, EntryEvent, Evidence, PledgeSignature, QuotaOverride, Target
from units.models import Membership, Unit

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Unit,
            Membership,
            Campaign,
            Entry,
            EntryEvent,
            Award,
            Evidence,
            QuotaOverride,
            Target,
            PledgeSignature,
        )
    }


def test_seed_demo_twice_gives_the_same_data():
    call_command("seed_demo", stdout=StringIO())
    first = _counts()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert _counts() == first
    assert first["Unit"] == 2 + 8 + 50 + 110 + 7  # and Ba Đình: the district, two wards, four cells
    assert "canbo.nhattan" in out.getvalue() and "bandanvan" in out.getvalue()


def test_the_demo_has_a_login_whose_unit_has_yet_to_sign_the_pledge(client):
    call_command("seed_demo", stdout=StringIO())
    # Through the login page, as a person does (and as the login throttling sees it).
    assert (
        client.post("/dang-nhap/", {"username": "canbo.mamnon10", "password": "DanVan@2024"}).status_code
        == 302
    )
    page = client.get("/don-vi/truong-mam-non-10/").content.decode()
    assert 'action="/don-vi/truong-mam-non-10/ky-giao-uoc/"' in page
    assert not PledgeSignature.objects.filter(unit__code="truong-mam-non-10").exists()
    # The leader's 2023 report: headline first, the long table of 58 units folded (printed whole).
    client.logout()
    assert client.post("/dang-nhap/", {"username": "lanhdao", "password": "DanVan@2024"}).status_code == 302
    page = client.get(f"/phong-trao/{Campaign.objects.get(year=2023).pk}/bao-cao/").content.decode()
    assert "<strong>224</strong> mô hình đăng ký" in page
    assert "<strong>53</strong> đơn vị ký giao ước năm 2024" in page
    assert '<details class="fold"><summary>Xem bảng 58 dòng</summary>' in page


def test_campaign_report_2023_prints_the_articles_figures_counted_independently():
    call_command("seed_demo", stdout=StringIO())
    out = StringIO()
    call_command("campaign_report", "2023", "--format", "json", stdout=out)
    report = json.loads(out.getvalue())

    # Count again straight from the rows, without the report's code or the state groups.
    rows = Entry.objects.filter(campaign__year=2023).values_list("kind", "state", "field")
    registered = Counter(kind for kind, state, _ in rows if state in {"submitted", "resubmitted", "accepted"})
    by_field = Counter(
        (field, kind) for kind, state, field in rows if state in {"submitted", "resubmitted", "accepted"}
    )
    awarded = Counter(
        kind
        for entry, kind in set(
            Award.objects.filter(decision__campaign__year=2023).values_list("entry_id", "entry__kind")
        )
        if entry is not None
    )

    assert (registered["model"], registered["exemplar"]) == (224, 184)
    assert (awarded["model"], awarded["exemplar"]) == (21, 16)
    assert report["registered"] == {"models": registered["model"], "exemplars": registered["exemplar"]}
    assert (report["awarded"]["models"], report["awarded"]["exemplars"]) == (
        awarded["model"],
        awarded["exemplar"],
    )
    assert {k: (v["models"], v["exemplars"]) for k, v in report["by_field"].items()} == {
        field: (by_field[(field, "model")], by_field[(field, "exemplar")])
        for field in ("economy", "culture_society", "defence_security", "political_system")
    }
    assert report["year"] == 2023

    text = StringIO()
    call_command("campaign_report", "2023", stdout=text)
    assert "224 mô hình, 184 điển hình" in text.getvalue()
    assert "Khen thưởng: 21 mô hình, 16 điển hình" in text.getvalue()


def test_every_unit_registers_within_its_quota_in_the_demo():
    call_command("seed_demo", stdout=StringIO())
    campaign = Campaign.objects.get(year=2023)
    rules = {r.unit_kind: r for r in campaign.quota_rules.all()}
    counts = Counter(campaign.entries.values_list("unit__kind", "unit_id", "kind"))
    for (unit_kind, _, kind), n in counts.items():
        low, high = rules[unit_kind].bounds(kind)
        assert low <= n <= high
    cells = Unit.objects.filter(kind="cell", path__startswith=campaign.organiser.path)
    assert set(cells.values_list("pk", flat=True)) == {unit for kind_, unit, _ in counts if kind_ == "cell"}


def test_the_demo_2024_campaign_shows_the_whole_flow():
    call_command("seed_demo", stdout=StringIO())
    c2024 = Campaign.objects.get(year=2024, organiser__code="quan-uy-tay-ho")
    states = set(c2024.entries.values_list("state", flat=True))
    assert states == set(EntryState.values)
    returned = c2024.entries.get(state=EntryState.RETURNED)
    assert returned.return_reason and returned.events.filter(comment=returned.return_reason).exists()
    assert c2024.entries.filter(continued_from__campaign__year=2023).exists()
    assert c2024.entries.filter(replicates__isnull=False).exists()
    stored = Evidence.objects.filter(entry__campaign=c2024)
    assert stored.count() >= 3 and all(item.file.storage.exists(item.file.name) for item in stored)
    assert QuotaOverride.objects.filter(campaign=c2024).exists()


def test_the_2023_year_end_figures_match_the_article_and_an_independent_count():
    call_command("seed_demo", stdout=StringIO())
    out = StringIO()
    call_command("campaign_report", "2023", "--format", "json", stdout=out)
    report = json.loads(out.getvalue())

    targets = list(
        Target.objects.filter(campaign__year=2023).values_list("planned", "achieved", "higher_is_better")
    )
    exceeded = sum(1 for p, a, up in targets if (a > p if up else a < p))
    met = sum(1 for p, a, up in targets if (a >= p if up else a <= p))
    assert (len(targets), met, exceeded) == (21, 21, 6)
    assert {k: report["targets"][k] for k in ("total", "met", "exceeded")} == {
        "total": len(targets), "met": met, "exceeded": exceeded,
    }  # fmt: skip

    awards = Award.objects.filter(decision__campaign__year=2023)
    kinds = Counter(awards.values_list("recipient_kind", flat=True))
    types = Counter(awards.values_list("decision__award_type__name", flat=True))
    assert report["awarded"]["individuals"] == kinds["individual"] > 0
    assert report["awarded"]["collectives"] == kinds["collective"]
    assert report["awarded"]["by_award_type"] == dict(types) and types["Bằng khen"] == 1
    city = awards.get(decision__award_type__name="Bằng khen")
    assert city.entry.unit.code == "quan-su-quan" and awards.filter(entry=city.entry).count() == 2

    rulings = Counter(
        Entry.objects.filter(campaign__year=2023, state="accepted").values_list("evaluation", flat=True)
    )
    for ruling in ("passed", "not_passed", "outstanding"):
        assert report["evaluation"][ruling] == rulings[ruling]
    assert not awards.filter(entry__evaluation="not_passed").exists()

    cells = Unit.objects.filter(kind="cell", path__startswith=Campaign.objects.get(year=2023).organiser.path)
    registered_cells = cells.filter(entries__campaign__year=2023).distinct().count()
    assert (report["quota"]["cells_total"], report["quota"]["cells_registered"]) == (
        cells.count(),
        registered_cells,
    )
    assert report["quota"]["units_compliant"] == report["quota"]["units_total"] == 168
    assert sum(w["models"] for w in report["by_ward"]) == report["registered"]["models"]

    assert report["next_pledge"] == {
        "year": 2024, "items": 5, "signatories": 53,
        "by_unit_kind": {"ward_committee": 8, "direct_organisation": 45},
    }  # fmt: skip
    # The report page and workbook show the 2024 pledge as the command does, not a bare 0.
    pledge_table = next(t for t in tables(report) if t.title == "Giao ước thi đua")
    assert pledge_table.rows[1][:2] == ["Ký giao ước năm 2024 tại hội nghị", 53]
    assert pledge_table.rows[2][:2] == ["Trong đó Đảng ủy phường", 8]
    report_2024 = json.loads(_report_json(2024))
    signed = PledgeSignature.objects.filter(pledge__campaign__year=2024)
    assert report_2024["pledge_signatories"] == signed.count()
    assert set(signed.filter(unit__kind="ward_committee").values_list("unit__code", flat=True)) == {
        "buoi", "thuy-khue", "yen-phu", "tu-lien", "nhat-tan", "quang-an", "xuan-la", "phu-thuong",
    }  # fmt: skip
    assert report_2024["previous"]["year"] == 2023
    assert report_2024["previous"]["registered"] == report["registered"]


def _report_json(year):
    out = StringIO()
    # Ba Đình runs a 2024 campaign too (the demo's second organiser): name Tây Hồ.
    call_command(
        "campaign_report", str(year), "--organiser", "quan-uy-tay-ho", "--format", "json", stdout=out
    )  # noqa: E501
    return out.getvalue()


def test_the_demo_has_two_organisers_side_by_side_each_blind_to_the_other(client):
    """Ba Đình beside Tây Hồ (issue [F] 12): its own board, leader and wards, and the scoping seen on the
    demo as on the factories."""
    call_command("seed_demo", stdout=StringIO())
    ba_dinh = set(
        Entry.objects.filter(campaign__organiser__code="quan-uy-ba-dinh").values_list("title", flat=True)
    )
    tay_ho = list(
        Entry.objects.filter(campaign__organiser__code="quan-uy-tay-ho").values_list("title", flat=True)
    )
    assert {"Phố đi bộ văn minh Kim Mã", "Chợ truyền thống không rác thải"} <= ba_dinh
    assert set(Entry.objects.filter(title__in=ba_dinh).values_list("state", flat=True)) >= {
        EntryState.ACCEPTED,
        EntryState.RETURNED,
        EntryState.DRAFT,
        EntryState.SUBMITTED,
    }
    assert Award.objects.filter(decision__number="45-QĐ/QU", recipient_name="Đỗ Thị Mai").exists()
    sample = tay_ho[:5] + ["Dân vận khéo trong chỉnh trang đô thị"]
    for username, path, own in (
        ("bandanvan.badinh", "/admin/campaigns/entry/?all=", "Phố đi bộ văn minh Kim Mã"),
        ("canbo.kimma", "/ho-so/", "Tổ hòa giải giỏi Kim Mã"),
        ("lanhdao.badinh", "/ho-so/", "Phố đi bộ văn minh Kim Mã"),
    ):
        client.logout()
        assert (
            client.post("/dang-nhap/", {"username": username, "password": "DanVan@2024"}).status_code == 302
        )
        page = client.get(path).content.decode()
        assert own in page, username
        assert not [title for title in sample if title in page], username
    client.logout()
    client.post("/dang-nhap/", {"username": "bandanvan", "password": "DanVan@2024"})
    page = client.get("/admin/campaigns/entry/?all=").content.decode()
    assert "Phố đi bộ văn minh Kim Mã" not in page and "Quận ủy Ba Đình" not in page
