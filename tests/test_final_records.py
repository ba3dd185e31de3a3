"""An archive is read-only and final stays final (issue [F] 2–3): the board of a unit closed by a
reorganisation reads, prints and exports its campaigns and gets 403 on every write; a closed campaign's
decisions, awards, targets, signatures and pledge items no longer change or go away, except by an
administrator; the pledge's articles freeze once a unit has signed them.
"""

import datetime
import io

import pytest
from django.contrib import admin

from awards.models import Award, AwardLevel, AwardType, Ceremony, Decision
from campaigns.models import Pledge, PledgeItem, PledgeSignature, Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_year(last_year, tay_ho, reviewer):
    """The closed 2023 campaign with one record of each kind the board keeps."""
    pledge = Pledge.objects.create(campaign=last_year)
    item = PledgeItem.objects.create(pledge=pledge, number=1, text="Đổi mới nội dung")
    signature = PledgeSignature.objects.create(
        pledge=pledge, unit=tay_ho.nhat_tan, signer_name="Lê Văn Tám", signer_position="Bí thư",
        signed_on=datetime.date(2023, 2, 1),
    )  # fmt: skip
    target = Target.objects.create(campaign=last_year, order=1, name="Tổ dân phố văn minh", planned=10)
    ceremony = Ceremony.objects.create(campaign=last_year, date=datetime.date(2023, 12, 1), title="Hội nghị")
    award_type = AwardType.objects.create(name="Giấy khen", level=AwardLevel.ORGANISER)
    decision = Decision.objects.create(
        campaign=last_year, award_type=award_type, number="125-QĐ/QU", date=datetime.date(2023, 12, 20),
        issuer_name="Quận ủy Tây Hồ",
    )  # fmt: skip
    award = Award.objects.create(
        decision=decision, position=1, recipient_kind="individual", recipient_name="Lê Văn Tám",
        unit=tay_ho.nhat_tan,
    )  # fmt: skip
    return {
        "pledge": pledge, "pledgeitem": item, "pledgesignature": signature, "target": target,
        "ceremony": ceremony, "decision": decision, "award": award,
    }  # fmt: skip


def _url(obj, view):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/{view}/"


def _rows(records):
    return {name: str(list(type(obj).objects.filter(pk=obj.pk).values())) for name, obj in records.items()}


@pytest.mark.parametrize("name", ["pledge", "pledgesignature", "target", "ceremony", "decision", "award"])
def test_the_board_reads_a_closed_campaigns_records_and_can_neither_change_nor_delete_them(
    board, closed_year, name
):
    obj = closed_year[name]
    before = _rows(closed_year)
    page = board.get(_url(obj, "change"))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert board.post(_url(obj, "change"), {"name": "x", "title": "x", "number": "1"}).status_code == 403
    assert board.post(_url(obj, "delete"), {"post": "yes"}).status_code == 403
    changelist = f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/"
    board.post(changelist, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"})
    assert _rows(closed_year) == before


def test_the_target_list_of_a_closed_campaign_is_not_editable(board, closed_year):
    target = closed_year["target"]
    page = board.get("/admin/campaigns/target/").content.decode()
    achieved = page.split('name="form-0-achieved"')[1].split(">")[0]
    assert "disabled" in achieved
    data = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": target.pk,
            "form-0-planned": "10", "form-0-achieved": "99", "_save": "Lưu"}  # fmt: skip
    board.post("/admin/campaigns/target/", data)
    target.refresh_from_db()
    assert target.achieved is None


def test_an_administrator_may_still_correct_a_closed_campaigns_award(client, closed_year, reviewer):
    root = reviewer.__class__.objects.create_superuser("quantri", password="x")
    client.force_login(root)
    page = client.get(_url(closed_year["award"], "change")).content.decode()
    assert 'name="_save"' in page


def test_the_pledge_articles_freeze_once_a_unit_has_signed(board, campaign, tay_ho):
    pledge = Pledge.objects.create(campaign=campaign)
    PledgeItem.objects.create(pledge=pledge, number=1, text="Đổi mới nội dung")
    page = board.get(_url(pledge, "change")).content.decode()
    assert 'name="items-0-text"' in page  # nobody signed yet: still being drafted
    PledgeSignature.objects.create(
        pledge=pledge, unit=tay_ho.nhat_tan, signer_name="Lê Văn Tám", signer_position="Bí thư",
        signed_on=datetime.date(2024, 2, 1),
    )  # fmt: skip
    page = board.get(_url(pledge, "change")).content.decode()
    assert 'name="items-0-text"' not in page and "Đổi mới nội dung" in page


def test_the_archive_board_reads_prints_and_exports_but_writes_nothing(
    client, closed_year, campaign, reviewer
):
    """The board's unit closed in a reorganisation: its campaigns are an archive it still reads."""
    membership = reviewer.memberships.get()
    membership.unit.valid_to = datetime.date(2025, 7, 1)
    membership.unit.save()
    client.force_login(reviewer)
    decision = closed_year["decision"]
    assert client.get(_url(decision, "change")).status_code == 200
    assert client.get(f"/admin/awards/decision/{decision.pk}/danh-sach.xlsx").status_code == 200
    assert client.get("/admin/campaigns/entry/xuat-excel/").status_code == 200
    before = _rows(closed_year)
    for model in (Pledge, PledgeSignature, Target, Ceremony, Decision, Award):
        model_admin = admin.site._registry[model]
        opts = model._meta
        assert client.get(f"/admin/{opts.app_label}/{opts.model_name}/add/").status_code == 403
        assert not model_admin.has_add_permission(_request(reviewer))
    open_target = Target.objects.create(campaign=campaign, order=1, name="Chỉ tiêu 2024", planned=5)
    assert client.post(_url(open_target, "change"), {"name": "x"}).status_code == 403
    assert client.post(_url(open_target, "delete"), {"post": "yes"}).status_code == 403
    assert _rows(closed_year) == before and Target.objects.get(pk=open_target.pk).name == "Chỉ tiêu 2024"


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_an_administrator_locks_an_account_instead_of_deleting_it(client, reviewer, staff_nhat_tan):
    root = reviewer.__class__.objects.create_superuser("quantri", password="x")
    client.force_login(root)
    page = client.get(f"/admin/auth/user/{staff_nhat_tan.pk}/change/").content.decode()
    assert "Tài khoản không xóa được" in page
    assert client.post(f"/admin/auth/user/{staff_nhat_tan.pk}/delete/", {"post": "yes"}).status_code == 403
    assert reviewer.__class__.objects.filter(pk=staff_nhat_tan.pk).exists()


def test_an_administrator_corrects_a_final_award_only_with_a_reason_kept_in_its_history(
    client, closed_year, reviewer
):
    root = reviewer.__class__.objects.create_superuser("quantri", password="x")
    client.force_login(root)
    award = closed_year["award"]
    data = {"decision": award.decision_id, "position": 1, "recipient_kind": "individual",
            "recipient_name": "Lê Văn Tám (sửa chính tả)", "unit": award.unit_id}  # fmt: skip
    page = client.post(_url(award, "change"), data).content.decode()
    assert "hãy ghi lý do sửa" in page
    award.refresh_from_db()
    assert award.recipient_name == "Lê Văn Tám"
    client.post(_url(award, "change"), {**data, "change_reason": "Sai chính tả so với bản giấy"})
    award.refresh_from_db()
    assert award.recipient_name == "Lê Văn Tám (sửa chính tả)"
    assert award.history.first().history_change_reason == "Sai chính tả so với bản giấy"


@pytest.mark.parametrize(
    "model, data",
    [
        ("awards/decision", {"award_type": "", "number": "1-QĐ", "date": "20/12/2023", "issuer_name": "X"}),
        ("awards/ceremony", {"date": "01/12/2023", "title": "Hội nghị"}),
        ("campaigns/target", {"order": 9, "name": "Chỉ tiêu mới", "planned": "1"}),
        (
            "campaigns/pledge",
            {
                "title": "Giao ước",
                "items-TOTAL_FORMS": 0,
                "items-INITIAL_FORMS": 0,
                "signatures-TOTAL_FORMS": 0,
                "signatures-INITIAL_FORMS": 0,
            },
        ),  # fmt: skip
    ],
)
def test_the_board_adds_nothing_to_a_closed_campaign(board, closed_year, last_year, campaign, model, data):
    url = f"/admin/{model}/add/"
    page = board.get(url).content.decode()
    choices = page.split('name="campaign"')[1].split("</select>")[0]
    assert f'<option value="{last_year.pk}"' not in choices and f'<option value="{campaign.pk}"' in choices
    app, name = model.split("/")
    from django.apps import apps as registry

    table = registry.get_model(app, name)
    before = table.objects.count()
    board.post(url, {**data, "campaign": last_year.pk})
    assert table.objects.count() == before


def test_nothing_is_imported_into_a_closed_campaign(tmp_path, closed_year, last_year, tay_ho, board):
    from django.core.management import CommandError, call_command

    from campaigns.models import Entry

    from .test_entry_spreadsheets import xlsx

    entry = Entry.objects.create(
        campaign=last_year, unit=tay_ho.nhat_tan, kind="model", title="Chợ văn minh", field="economy",
        state="accepted",
    )  # fmt: skip
    row = {"Mã hồ sơ": entry.pk, "Mã đơn vị": "nhat-tan", "Loại": "Mô hình", "Lĩnh vực": "Kinh tế",
           "Tên mô hình / điển hình": "Tên sửa qua Excel"}  # fmt: skip
    path = tmp_path / "cu.xlsx"
    path.write_bytes(xlsx([row]))
    with pytest.raises(CommandError):
        call_command("import_entries", str(path), "--campaign", "2023", stderr=io.StringIO())
    entry.refresh_from_db()
    assert entry.title == "Chợ văn minh"
    page = board.get("/admin/campaigns/entry/import/").content.decode()
    assert f'<option value="{last_year.pk}"' not in page.split('name="campaign"')[1].split("</select>")[0]
