"""No 500 on malformed input (issue [F] 9): random and hostile values thrown at the staff forms, the
admin's change forms, actions and list filters, history addresses and the import. Every answer is a
page, a redirect or a 4xx, never a server error (the test client raises on one), and a refused request
writes nothing.
"""

import datetime
import io

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awards.models import AwardLevel, AwardType, Decision
from campaigns.models import Entry, Target

from .factories import EntryFactory

pytestmark = pytest.mark.django_db

HOSTILE = st.sampled_from(
    ["", " ", "abc", "-1", "0", "9" * 30, "1e3", "NaN", "１２３", "\x00", "chợ\x00", "<script>x</script>",
     "' OR 1=1 --", "../../etc/passwd", "😀", "a" * 3000, "31/02/2024", "2024-13-45", "null", "[]"]
)  # fmt: skip
VALUES = st.one_of(HOSTILE, st.text(max_size=40), st.integers(min_value=-(10**20), max_value=10**20).map(str))
FUZZ = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], database=None
)


def _rows():
    return (
        sorted(map(str, Entry.objects.values_list())),
        sorted(map(str, Target.objects.values_list())),
        sorted(map(str, Decision.objects.values_list())),
    )


@pytest.fixture
def world(campaign, tay_ho, staff_nhat_tan):
    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Chợ văn minh")
    target = Target.objects.create(campaign=campaign, order=1, name="Tổ dân phố văn minh", planned=10)
    award_type = AwardType.objects.create(name="Giấy khen", level=AwardLevel.ORGANISER)
    decision = Decision.objects.create(
        campaign=campaign, award_type=award_type, number="125-QĐ/QU", date=datetime.date(2024, 12, 20),
        issuer_name="Quận ủy Tây Hồ",
    )  # fmt: skip
    return entry, target, decision


ENTRY_FIELDS = ["unit", "kind", "field", "title", "start_date", "subject_kind", "subject_name", "replicates",
                "form_token", "version", "objectives", "resources"]  # fmt: skip


@FUZZ
@given(data=st.fixed_dictionaries({name: VALUES for name in ENTRY_FIELDS}), send=st.booleans())
def test_ward_staff_forms_take_any_value_without_a_server_error(nhat_tan_client, world, data, send):
    entry = world[0]
    before = Entry.objects.count()
    payload = {**data, **({"submit": "1"} if send else {"save": "1"})}
    created = nhat_tan_client.post(reverse("entry_create", args=["nhat-tan"]), payload)
    assert created.status_code in (200, 302)
    if created.status_code == 200:  # refused: the form again, nothing written
        assert Entry.objects.count() == before
    edited = nhat_tan_client.post(reverse("entry_edit", args=[entry.pk]), payload)
    assert edited.status_code in (200, 302, 404)
    listing = nhat_tan_client.get(
        reverse("entry_list"), {"q": data["title"], "trang": data["unit"], "unit": data["kind"]}
    )
    assert listing.status_code in (200, 400)


FILTERS = ["campaign", "subtree", "state", "field", "kind", "unit__kind", "evaluation", "q", "o", "p", "e",
           "work", "campaign__year", "decision__id__exact", "recipient_kind"]  # fmt: skip


@FUZZ
@given(params=st.dictionaries(st.sampled_from(FILTERS), VALUES, max_size=4))
def test_the_admin_lists_take_any_filter_without_a_server_error(board, world, params):
    lists = ("entry", "target", "pledgesignature")
    urls = [f"/admin/campaigns/{name}/" for name in lists]
    for url in [*urls, "/admin/awards/award/", "/admin/awards/decision/", "/admin/units/unit/"]:
        response = board.get(url, params)
        assert response.status_code in (200, 302, 400), (url, params)


@FUZZ
@given(
    action=st.one_of(
        st.sampled_from(
            ["accept_selected", "return_selected", "evaluate_selected", "add_to_decision", "delete_selected"]
        ),
        VALUES,
    ),  # fmt: skip
    selected=st.lists(VALUES, max_size=3),
    extra=st.fixed_dictionaries({"index": VALUES, "reason": VALUES, "result": VALUES, "decision": VALUES}),
    apply=st.booleans(),
)
def test_admin_actions_take_any_selection_without_a_server_error_or_a_stray_write(
    board, world, action, selected, extra, apply
):
    before = _rows()
    data = {"action": action, "_selected_action": selected, **extra, **({"apply": "1"} if apply else {})}
    response = board.post("/admin/campaigns/entry/", data)
    assert response.status_code in (200, 302, 400)
    if not all(value.isdigit() and int(value) == world[0].pk for value in selected) or not selected:
        assert _rows() == before


@FUZZ
@given(data=st.fixed_dictionaries({name: VALUES for name in ("title", "field", "replicates", "objectives",
                                                             "start_date", "version", "planned", "achieved",
                                                             "number", "date", "campaign", "award_type",
                                                             "ceremony", "issuer_name")}))  # fmt: skip
def test_admin_change_forms_take_any_value_without_a_server_error(board, world, data):
    entry, target, decision = world
    for url in (f"/admin/campaigns/entry/{entry.pk}/change/", f"/admin/campaigns/target/{target.pk}/change/",
                f"/admin/awards/decision/{decision.pk}/change/", "/admin/awards/award/add/"):  # fmt: skip
        response = board.post(url, data)
        assert response.status_code in (200, 302, 403), url


@FUZZ
@given(object_id=VALUES, version_id=VALUES)
def test_history_and_tree_addresses_take_any_id_without_a_server_error(board, world, object_id, version_id):
    from urllib.parse import quote

    oid, vid = quote(object_id, safe="") or "x", quote(version_id, safe="") or "x"
    for url in (f"/admin/campaigns/entry/{oid}/history/", f"/admin/campaigns/entry/{oid}/history/{vid}/",
                f"/admin/awards/ceremony/{oid}/history/", f"/admin/units/unit/children/{oid}/",
                f"/admin/awards/decision/{oid}/change/", f"/ho-so/{oid}/"):  # fmt: skip
        assert board.get(url).status_code in (200, 302, 400, 404), url


@FUZZ
@given(content=st.binary(max_size=2000), name=VALUES)
def test_the_import_takes_any_file_without_a_server_error_or_a_write(board, world, content, name):
    before = _rows()
    upload = io.BytesIO(content)
    upload.name = (name[:50] or "tep") + ".xlsx"
    response = board.post(
        reverse("admin:campaigns_entry_import"),
        {"campaign": world[0].campaign_id, "format": 0, "import_file": upload},
    )
    assert response.status_code == 200 and _rows() == before
