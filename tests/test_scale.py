"""Pages that do not grow with the data (issue [E]): what a page shows is its own rows, whatever the
number of units, entries and years in the database. Query counts are asserted here; speed is measured
in bench/run.py.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Entry
from campaigns.models.entry import search_text_of

from .factories import EntryFactory

pytestmark = pytest.mark.django_db


def _accepted_models(campaign, unit, titles):
    entries = [
        Entry(campaign=campaign, unit=unit, kind="model", title=t, field="economy", state="accepted")
        for t in titles
    ]
    for entry in entries:
        entry.search_text = search_text_of(entry)
    return Entry.objects.bulk_create(entries)


def test_the_registration_form_offers_no_model_until_the_ward_searches(
    nhat_tan_client, campaign, last_year, tay_ho, django_assert_num_queries
):
    url = reverse("entry_create", args=["nhat-tan"])
    _accepted_models(last_year, tay_ho.quang_an, ["Chợ văn minh"])
    nhat_tan_client.get(url)  # the first request of a session reads a few things once
    with CaptureQueriesContext(connection) as few:
        small = nhat_tan_client.get(url)
    _accepted_models(last_year, tay_ho.quang_an, [f"Mô hình mẫu số {n}" for n in range(300)])
    with django_assert_num_queries(len(few)):
        big = nhat_tan_client.get(url)
    page = big.content.decode()
    assert "Chợ văn minh" not in page and "Mô hình mẫu số 7" not in page
    assert abs(len(big.content) - len(small.content)) < 200  # only the token and the time differ


def _search(client, campaign, q, **extra):
    return client.get(reverse("replicable_search", args=[campaign.pk]), {"q": q, **extra})


def test_a_ward_finds_a_model_to_replicate_by_its_name_or_its_unit_without_accents(
    nhat_tan_client, campaign, last_year, tay_ho, staff_quang_an
):
    found, other = _accepted_models(last_year, tay_ho.quang_an, ["Đường hoa", "Chợ văn minh"])
    draft = EntryFactory(campaign=campaign, unit=tay_ho.quang_an, by=staff_quang_an, title="Đường hoa mới")
    by_name = _search(nhat_tan_client, campaign, "duong HOA").json()
    assert by_name == {"results": [{"id": found.pk, "text": "Đường hoa — Quảng An (2023)"}], "more": False}
    assert draft.pk not in [r["id"] for r in by_name["results"]]  # a draft is no model to replicate
    by_unit = {r["id"] for r in _search(nhat_tan_client, campaign, "quang an").json()["results"]}
    assert by_unit == {found.pk, other.pk}
    assert _search(nhat_tan_client, campaign, "quang an", bo=other.pk).json()["results"][0]["id"] == found.pk
    assert _search(nhat_tan_client, campaign, "d").json() == {"results": [], "more": False}
    assert _search(nhat_tan_client, campaign, "quang an", bo="9" * 30).status_code == 200


def test_the_search_answers_twenty_models_at_a_time_in_a_fixed_number_of_queries(
    nhat_tan_client, campaign, last_year, tay_ho, django_assert_max_num_queries
):
    _accepted_models(last_year, tay_ho.quang_an, [f"Mô hình mẫu số {n}" for n in range(60)])
    with django_assert_max_num_queries(6):
        answer = _search(nhat_tan_client, campaign, "mau").json()
    assert len(answer["results"]) == 20 and answer["more"] is True


def test_another_organisers_ward_cannot_search_tay_hos_models(client, campaign, ba_dinh, tay_ho):
    from units.models import MembershipRole
    from units.services import add_membership

    from .factories import UserFactory

    staff = UserFactory(username="canbo.kimma")
    add_membership(user=staff, unit=ba_dinh.ward, role=MembershipRole.STAFF)
    client.force_login(staff)
    assert _search(client, campaign, "mo hinh").status_code == 404


def test_the_edit_form_keeps_the_chosen_model_and_refuses_one_not_accepted(
    nhat_tan_client, campaign, last_year, tay_ho, staff_nhat_tan, staff_quang_an
):
    (source,) = _accepted_models(last_year, tay_ho.quang_an, ["Đường hoa"])
    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, replicates=source)
    page = nhat_tan_client.get(reverse("entry_edit", args=[entry.pk])).content.decode()
    assert f'<option value="{source.pk}" selected>Đường hoa — Quảng An (2023)</option>' in page
    draft = EntryFactory(campaign=campaign, unit=tay_ho.quang_an, by=staff_quang_an, title="Nháp")
    data = {
        "unit": tay_ho.nhat_tan.pk,
        "kind": "model",
        "title": entry.title,
        "field": "economy",
        "replicates": draft.pk,
        "version": entry.version,
    }
    response = nhat_tan_client.post(reverse("entry_edit", args=[entry.pk]), data)
    assert "Chỉ nhân rộng được từ một mô hình đã được duyệt." in response.content.decode()
    huge = nhat_tan_client.post(reverse("entry_edit", args=[entry.pk]), {**data, "replicates": "9" * 30})
    assert huge.status_code == 200
    assert "Chỉ nhân rộng được từ một mô hình đã được duyệt." in huge.content.decode()
    entry.refresh_from_db()
    assert entry.replicates == source


def test_the_organisers_page_lists_its_wards_a_hundred_at_a_time_in_the_same_queries(
    client, leader, campaign, tay_ho, django_assert_num_queries
):
    from units.models import UnitKind

    from .factories import UnitFactory

    client.force_login(leader)
    url = reverse("unit_detail", args=["quan-uy-tay-ho"])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(120):
        UnitFactory(
            name=f"Đảng ủy phường Mới {n:03d}",
            code=f"moi-{n:03d}",
            kind=UnitKind.WARD_COMMITTEE,
            parent=tay_ho.district,
            position=200 + n,
        )
    with django_assert_num_queries(len(few)):
        first = client.get(url).content.decode()
    assert first.count('<tr class="depth-') == 101  # the organiser and its first 100 units
    assert "Đảng ủy phường Nhật Tân" in first and "Mới 096" in first and "Mới 097" not in first
    assert 'href="?trang=2#quota-title" rel="next"' in first
    second = client.get(url, {"trang": 2}).content.decode()
    assert "Mới 097" in second and "Mới 119" in second and "Mới 096" not in second
    assert 'rel="next"' not in second.split('id="quota"')[1]
    assert "Mới 000" in client.get(url, {"trang": 99}).content.decode()  # past the end: the first page


def test_the_page_names_the_first_fifty_cells_still_missing_and_counts_the_rest(
    client, leader, campaign, tay_ho
):
    from units.models import UnitKind

    from .factories import UnitFactory

    for n in range(60):
        UnitFactory(
            name=f"Chi bộ thêm {n:02d}",
            code=f"them-{n:02d}",
            kind=UnitKind.CELL,
            parent=tay_ho.quang_an,
            position=10 + n,
        )
    client.force_login(leader)
    page = client.get(reverse("unit_detail", args=["quan-uy-tay-ho"])).content.decode()
    assert "Chi bộ đã đăng ký: 0/64 (0%)" in page and "Chi bộ chưa đăng ký (64)" in page
    assert "… và 14 chi bộ khác" in page
    quang_an_row = page.split('href="/don-vi/quang-an/"')[1].split("</tr>")[0]
    assert '<td class="num">0/62</td>' in quang_an_row


def test_the_reports_quota_figures_come_from_the_database_as_each_units_page_counts_them(
    campaign, tay_ho, staff_nhat_tan, staff_quang_an, reviewer
):
    from awards.reports.figures import campaign_units
    from campaigns.services import quotas, registration

    def sent(unit, by, kind="model", n=1):
        for _ in range(n):
            entry = EntryFactory(campaign=campaign, unit=unit, by=by, kind=kind)
            registration.submit_entry(entry=entry, by=by)

    cell, other_cell = tay_ho.nhat_tan_cells
    sent(tay_ho.nhat_tan, staff_nhat_tan, n=3)  # a ward at its maximum of models, short of exemplars
    sent(cell, staff_nhat_tan)
    sent(cell, staff_nhat_tan, kind="exemplar")  # a cell with its one model and one exemplar
    quotas.override_quota(
        campaign=campaign, unit=other_cell, models_max=3, exemplars_max=0, reason="Thí điểm", by=reviewer
    )
    sent(other_cell, staff_nhat_tan, n=3)
    EntryFactory(campaign=campaign, unit=tay_ho.quang_an, by=staff_quang_an)  # a draft counts for nothing
    units = campaign_units(campaign)
    rows = quotas.unit_quotas(campaign, units)
    status = [
        "over" if "over" in (r.models.status, r.exemplars.status) else "under" if r.is_short else "compliant"
        for r in rows
    ]
    cells = [r for r in rows if r.unit.kind == "cell"]
    summary = quotas.quota_summary(campaign, units, top_length=len(tay_ho.nhat_tan.path))
    by_top, by_unit_kind = summary.pop("by_top"), summary.pop("by_unit_kind")
    assert by_top[tay_ho.nhat_tan.path] == {"models": 7, "exemplars": 1}  # the ward and its two cells
    assert by_top[tay_ho.quang_an.path] == {"models": 0, "exemplars": 0}  # a draft is not registered
    assert by_unit_kind == {
        "ward_committee": {"models": 3, "exemplars": 0},
        "cell": {"models": 4, "exemplars": 1},
        "direct_organisation": {"models": 0, "exemplars": 0},
    }
    assert summary == {
        "units_total": len(rows),
        "units_compliant": status.count("compliant"),
        "units_under": status.count("under"),
        "units_over": status.count("over"),
        "cells_total": len(cells),
        "cells_registered": sum(1 for r in cells if r.has_registered),
    }
    assert status.count("compliant") == 2  # the two Nhật Tân cells (one by the board's override)


def test_a_renamed_unit_is_found_by_its_new_name_in_the_list(
    nhat_tan_client, campaign, tay_ho, staff_nhat_tan
):
    cell = tay_ho.nhat_tan_cells[0]
    EntryFactory(campaign=campaign, unit=cell, by=staff_nhat_tan, title="Vườn hoa")
    cell.name = "Chi bộ Khu dân cư Đầm Trị"
    cell.save()
    listing = nhat_tan_client.get(reverse("entry_list"), {"q": "dam tri"}).content.decode()
    assert "Vườn hoa" in listing
    assert (
        "Vườn hoa"
        not in nhat_tan_client.get(reverse("entry_list"), {"q": "to dan pho so 1"}).content.decode()
    )


def test_the_admin_list_counts_no_further_than_its_cap_and_lists_the_newest_first(
    board, campaign, tay_ho, staff_nhat_tan, monkeypatch
):
    from tayho_danvan.lib.keyset import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "COUNT_CAP", 5)
    made = [EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan) for _ in range(7)]
    page = board.get("/admin/campaigns/entry/").content.decode()
    assert "Hơn 5 mô hình, điển hình" in page
    assert page.index(made[-1].title) < page.index(made[0].title)  # newest first
    few = board.get("/admin/campaigns/entry/", {"q": made[0].title}).content.decode()
    assert "1 mô hình, điển hình" in few and "Hơn" not in few.split('class="paginator"')[1][:200]


def test_a_malformed_page_key_gives_the_first_page(nhat_tan_client, campaign, tay_ho, staff_nhat_tan):
    EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Vườn rau")
    for key in ("9" * 30, "abc", "-1"):
        for name in ("sau", "truoc"):
            page = nhat_tan_client.get(reverse("entry_list"), {name: key})
            assert page.status_code == 200 and "Vườn rau" in page.content.decode()
