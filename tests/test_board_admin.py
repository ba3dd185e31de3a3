"""The board in the admin: scoped entry list, accept, return with a reason, awards, Excel download."""

import datetime
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from openpyxl import load_workbook

from awards.models import Award, AwardLevel, AwardType, Decision
from campaigns.choices import EntryState
from campaigns.models import Entry
from campaigns.services import registration, review, stages
from units.models import MembershipRole
from units.services import add_membership

from .factories import CampaignFactory, EntryFactory, UserFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/campaigns/entry/"


@pytest.fixture
def submitted(campaign, tay_ho, staff_nhat_tan):
    entries = [
        EntryFactory(campaign=campaign, unit=unit, by=staff_nhat_tan, title=title)
        for unit, title in (
            (tay_ho.nhat_tan, "Dân vận khéo trong giải phóng mặt bằng"),
            (tay_ho.nhat_tan_cells[0], "Tổ dân phố an toàn"),
        )
    ]
    return [registration.submit_entry(entry=e, by=staff_nhat_tan) for e in entries]


@pytest.fixture
def decision(campaign):
    award_type = AwardType.objects.create(name="Giấy khen", level=AwardLevel.ORGANISER)
    return Decision.objects.create(
        campaign=campaign,
        award_type=award_type,
        number="125-QĐ/QU",
        date=datetime.date(2024, 1, 15),
        issuer_name="Quận ủy Tây Hồ",
    )


def test_board_filters_the_entry_list_by_ward_subtree_and_state(board, submitted, tay_ho):
    page = board.get(CHANGELIST, {"subtree": "nhat-tan", "state__exact": "submitted"}).content.decode()
    assert "Tổ dân phố an toàn" in page and "Dân vận khéo trong giải phóng mặt bằng" in page
    page = board.get(CHANGELIST, {"subtree": "quang-an"}).content.decode()
    assert "Tổ dân phố an toàn" not in page


def test_board_accepts_several_entries_at_once(board, submitted):
    response = board.post(
        CHANGELIST, {"action": "accept_selected", "_selected_action": [e.pk for e in submitted]}, follow=True
    )
    assert "Đã duyệt 2 hồ sơ: “" in response.content.decode()
    assert set(Entry.objects.values_list("state", flat=True)) == {EntryState.ACCEPTED}


def test_board_returns_an_entry_with_a_reason_the_ward_can_read(board, submitted, client):
    target = submitted[0]
    form = board.post(CHANGELIST, {"action": "return_selected", "_selected_action": [target.pk]})
    assert "Lý do trả lại" in form.content.decode()
    empty = board.post(
        CHANGELIST, {"action": "return_selected", "_selected_action": [target.pk], "apply": "1", "reason": ""}
    )
    assert "Cần ghi lý do trả lại" in empty.content.decode()
    assert Entry.objects.get(pk=target.pk).state == EntryState.SUBMITTED
    board.post(
        CHANGELIST,
        {
            "action": "return_selected",
            "_selected_action": [target.pk],
            "apply": "1",
            "reason": "Thiếu kết quả dự kiến kiểm đếm được",
        },
    )
    returned = Entry.objects.get(pk=target.pk)
    assert returned.state == EntryState.RETURNED
    assert returned.events.last().comment == "Thiếu kết quả dự kiến kiểm đếm được"


def test_board_adds_accepted_entries_to_a_decision_and_downloads_the_list(
    board, submitted, decision, reviewer
):
    for entry in submitted:
        review.accept_entry(entry=entry, by=reviewer)
    ids = [e.pk for e in submitted]
    board.post(
        CHANGELIST,
        {"action": "add_to_decision", "_selected_action": ids, "apply": "1", "decision": decision.pk},
    )
    assert list(Award.objects.order_by("position").values_list("position", "entry_id")) == [
        (1, ids[0]),
        (2, ids[1]),
    ]
    # Adding them again changes nothing.
    board.post(
        CHANGELIST,
        {"action": "add_to_decision", "_selected_action": ids, "apply": "1", "decision": decision.pk},
    )
    assert Award.objects.count() == 2
    response = board.post(
        "/admin/awards/decision/", {"action": "download_award_list", "_selected_action": [decision.pk]}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[8][:2] == ("STT", "Tên tập thể / Họ và tên")
    assert response["Content-Disposition"] == 'attachment; filename="danh-sach-khen-thuong-125-qdqu.xlsx"'
    assert rows[10][1] == "Đảng ủy phường Nhật Tân"  # the unit that built the model, named beside it
    assert rows[10][6] == "Mô hình “Dân vận khéo trong giải phóng mặt bằng”"
    assert "Quyết định số 125-QĐ/QU ngày 15/01/2024" in rows[6][0]


def test_entries_not_accepted_cannot_be_awarded(board, submitted, decision):
    response = board.post(
        CHANGELIST,
        {
            "action": "add_to_decision",
            "_selected_action": [submitted[0].pk],
            "apply": "1",
            "decision": decision.pk,
        },
        follow=True,
    )
    assert "chưa được duyệt" in response.content.decode()
    assert not Award.objects.exists()


def test_a_reviewer_of_another_organiser_sees_none_of_tay_hos_entries(client, submitted, tay_ho):
    other_board = UserFactory(username="bandanvan.khac")
    add_membership(user=other_board, unit=tay_ho.quang_an, role=MembershipRole.REVIEWER)
    CampaignFactory(organiser=tay_ho.quang_an, year=2024)
    client.force_login(other_board)
    page = client.get(CHANGELIST).content.decode()
    assert "Tổ dân phố an toàn" not in page
    assert client.get(f"{CHANGELIST}{submitted[0].pk}/change/").status_code in (302, 404)
    client.post(CHANGELIST, {"action": "accept_selected", "_selected_action": [submitted[0].pk]})
    assert Entry.objects.get(pk=submitted[0].pk).state == EntryState.SUBMITTED


def test_ward_staff_cannot_open_the_admin(client, staff_nhat_tan):
    client.force_login(staff_nhat_tan)
    response = client.get(CHANGELIST)
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_entry_list_runs_a_bounded_number_of_queries(
    board, campaign, tay_ho, staff_nhat_tan, django_assert_max_num_queries
):
    for cell in tay_ho.nhat_tan_cells + tay_ho.quang_an_cells:
        for n in range(10):
            EntryFactory(campaign=campaign, unit=cell, by=staff_nhat_tan, title=f"Mô hình {n}")
    with django_assert_max_num_queries(25):
        response = board.get(CHANGELIST)
    assert response.status_code == 200


def test_board_closes_registration_and_the_ward_can_no_longer_register(
    board, campaign, client, staff_nhat_tan
):
    EntryFactory(campaign=campaign, unit=staff_nhat_tan.memberships.first().unit, by=staff_nhat_tan)
    data = {"action": "close_campaign", "_selected_action": [campaign.pk]}
    # First a page that says what the change freezes; nothing changes until it is confirmed.
    page = board.post("/admin/campaigns/campaign/", data).content.decode()
    campaign.refresh_from_db()
    assert campaign.state == "open" and "1 bản nháp và 0 hồ sơ bị trả lại sẽ không sửa, gửi được nữa" in page
    board.post("/admin/campaigns/campaign/", {**data, "apply": "1"})
    campaign.refresh_from_db()
    assert campaign.state == "closed"
    client.force_login(staff_nhat_tan)
    page = client.get("/don-vi/nhat-tan/dang-ky/", follow=True).content.decode()
    assert "không nhận đăng ký" in page and "Đã kết thúc" in page


def test_the_confirmation_page_refuses_a_move_the_rule_forbids_and_offers_no_button(
    board, campaign, last_year
):
    data = {"action": "open_registration", "_selected_action": [last_year.pk, campaign.pk]}
    campaign.state = "in_progress"
    campaign.save()
    page = board.post("/admin/campaigns/campaign/", data).content.decode()
    effects = page.split('id="stage-effects"')[1].split("</ul>")[0]
    closed, running = sorted(effects.split("<li")[1:], key=lambda item: "2024" in item)
    assert "Không chuyển được." in closed and "không mở lại được" in closed
    assert f'value="{last_year.pk}"' not in closed
    assert "Mở đăng ký cho mọi đơn vị từ" in running and f'value="{campaign.pk}"' in running
    assert "Xác nhận chuyển giai đoạn" in page
    data["_selected_action"] = [last_year.pk]
    page = board.post("/admin/campaigns/campaign/", data).content.decode()
    assert "Không chuyển được." in page and "Xác nhận chuyển giai đoạn" not in page
    page = board.post("/admin/campaigns/campaign/", {**data, "apply": "1"}, follow=True).content.decode()
    last_year.refresh_from_db()
    assert last_year.state == "closed"
    # A campaign already in the stage: nothing to confirm; a move counts only what moved.
    campaign.state = "open"
    campaign.save()
    data["_selected_action"] = [campaign.pk]
    page = board.post("/admin/campaigns/campaign/", data).content.decode()
    assert "không thay đổi gì" in page and "Xác nhận chuyển giai đoạn" not in page
    closing = {"action": "close_campaign", "_selected_action": [campaign.pk, last_year.pk], "apply": "1"}
    page = board.post("/admin/campaigns/campaign/", closing, follow=True).content.decode()
    assert "Đã chuyển 1 phong trào" in page


def test_a_reviewer_cannot_hand_a_campaign_to_another_organiser(board, campaign, tay_ho):
    page = board.get(f"/admin/campaigns/campaign/{campaign.pk}/change/").content.decode()
    assert 'name="organiser"' not in page


def test_board_saves_a_campaigns_deadline_in_the_admin(board, campaign):
    url = f"/admin/campaigns/campaign/{campaign.pk}/change/"
    data = {
        "year": 2024,
        "title": campaign.title,
        "registration_opens": "01/02/2024",
        "registration_closes": "30/12/2099",
        "quota_rules-TOTAL_FORMS": "0",
        "quota_rules-INITIAL_FORMS": "0",
    }
    rules = list(campaign.quota_rules.all())
    data.update({"quota_rules-TOTAL_FORMS": str(len(rules)), "quota_rules-INITIAL_FORMS": str(len(rules))})
    for i, rule in enumerate(rules):
        data.update(
            {
                f"quota_rules-{i}-id": rule.pk,
                f"quota_rules-{i}-campaign": campaign.pk,
                f"quota_rules-{i}-unit_kind": rule.unit_kind,
                f"quota_rules-{i}-models_min": rule.models_min,
                f"quota_rules-{i}-models_max": rule.models_max,
                f"quota_rules-{i}-exemplars_min": rule.exemplars_min,
                f"quota_rules-{i}-exemplars_max": rule.exemplars_max,
            }
        )
    response = board.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign.refresh_from_db()
    assert campaign.registration_closes.isoformat() == "2099-12-30"


def test_a_malformed_filter_value_does_not_break_the_entry_list(board, submitted):
    assert board.get(CHANGELIST, {"campaign": "abc"}).status_code == 200


def test_board_lifts_a_units_quota_in_the_admin_with_a_reason(board, campaign, tay_ho, reviewer):
    from campaigns.models import QuotaOverride

    url = "/admin/campaigns/quotaoverride/add/"
    data = {"campaign": campaign.pk, "unit": tay_ho.military.pk, "models_max": 3, "exemplars_max": 2}
    refused = board.post(url, {**data, "reason": ""})
    assert refused.status_code == 200 and not QuotaOverride.objects.exists()
    assert "Trường này là bắt buộc" in refused.content.decode()
    outside = board.post(url, {**data, "unit": tay_ho.district.pk, "reason": "Thử"})
    assert outside.status_code == 200 and not QuotaOverride.objects.exists()
    board.post(url, {**data, "reason": "Đơn vị có thêm mô hình cấp thành phố"})
    override = QuotaOverride.objects.get()
    assert (override.unit, override.models_max, override.decided_by) == (tay_ho.military, 3, reviewer)
    # The same unit again updates its one override instead of failing on the unique constraint.
    board.post(url, {**data, "models_max": 4, "reason": "Bổ sung"})
    assert list(QuotaOverride.objects.values_list("models_max", "reason")) == [(4, "Bổ sung")]


def test_an_override_keeps_its_unit_refuses_absurd_numbers_and_warns_below_the_count(
    board, campaign, tay_ho, staff_nhat_tan
):

    from campaigns.models import QuotaOverride
    from campaigns.services import registration

    registration.submit_entry(
        entry=EntryFactory(campaign=campaign, unit=tay_ho.military, by=staff_nhat_tan), by=staff_nhat_tan
    )
    url = "/admin/campaigns/quotaoverride/add/"
    data = {"campaign": campaign.pk, "unit": tay_ho.military.pk, "exemplars_max": 1, "reason": "Thử"}
    assert board.post(url, {**data, "models_max": 99999999}).status_code == 200
    assert not QuotaOverride.objects.exists()
    page = board.post(url, {**data, "models_max": 0}, follow=True).content.decode()
    assert "nhiều hơn mức tối đa mới (0)" in page
    override = QuotaOverride.objects.get()
    change = f"/admin/campaigns/quotaoverride/{override.pk}/change/"
    board.post(
        change,
        {
            "campaign": campaign.pk,
            "unit": tay_ho.nhat_tan.pk,
            "models_max": 2,
            "exemplars_max": 1,
            "reason": "Trả về mức chung",
        },
    )
    assert list(QuotaOverride.objects.values_list("unit", "models_max")) == [(tay_ho.military.pk, 2)]


def test_a_huge_campaign_id_in_the_filter_shows_nothing_instead_of_failing(board, campaign):
    assert board.get("/admin/campaigns/entry/?campaign=9999999999999999999999999").status_code == 200


def test_a_closed_campaign_stays_closed_unless_an_administrator_reopens_it(board, campaign, reviewer):

    page = board.post(
        "/admin/campaigns/campaign/",
        {"action": "close_campaign", "_selected_action": [campaign.pk], "apply": "1"},
        follow=True,
    )
    page = board.post(
        "/admin/campaigns/campaign/",
        {"action": "open_registration", "_selected_action": [campaign.pk], "apply": "1"},
        follow=True,
    ).content.decode()
    campaign.refresh_from_db()
    assert campaign.state == "closed" and "không mở lại được" in page
    campaign.state = "evaluating"
    campaign.save()
    with pytest.raises(DjangoValidationError, match="chỉ lùi được một giai đoạn"):
        stages.change_campaign_state(campaign=campaign, to="open", by=reviewer)
    campaign.state = "closed"
    campaign.save()
    admin = reviewer.__class__.objects.create_superuser("quantri", password="x")
    assert stages.change_campaign_state(campaign=campaign, to="evaluating", by=admin).state == "evaluating"
