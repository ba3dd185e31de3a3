"""The launch's pledge and the year's plan targets: units sign in the browser or the board records the
signature, the pledge prints with its signatories; targets are typed in bulk and judged met or exceeded;
individuals are commended by hand.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.models import AwardLevel, AwardType, Decision, RecipientKind
from awards.services import award_people
from campaigns.choices import TargetStatus
from campaigns.models import Pledge, PledgeItem, PledgeSignature, Target
from campaigns.services.pledges import sign_pledge, unsigned_units

pytestmark = pytest.mark.django_db


@pytest.fixture
def pledge(campaign):
    pledge = Pledge.objects.create(campaign=campaign, title="Giao ước thi đua")
    for number in range(1, 6):
        PledgeItem.objects.create(pledge=pledge, number=number, text=f"Cam kết số {number}")
    return pledge


def test_the_ward_leader_signs_the_pledge_in_the_browser(client, staff_nhat_tan, pledge, tay_ho):
    client.force_login(staff_nhat_tan)
    page = client.get(reverse("unit_detail", args=["nhat-tan"])).content.decode()
    assert "Cam kết số 5" in page and "Ký giao ước" in page
    client.post(
        reverse("pledge_sign", args=["nhat-tan"]),
        {
            "signer_name": "Nguyễn Văn An",
            "signer_position": "Bí thư Đảng ủy phường",
            "signed_on": "19/01/2024",
        },
    )
    signature = PledgeSignature.objects.get()
    assert (signature.unit, signature.signer_name, signature.recorded_by) == (
        tay_ho.nhat_tan,
        "Nguyễn Văn An",
        staff_nhat_tan,
    )
    page = client.get(reverse("unit_detail", args=["nhat-tan"])).content.decode()
    assert "Đã ký ngày 19/01/2024" in page and "Ký giao ước</button>" not in page
    printed = client.get(reverse("pledge_print", args=[pledge.campaign_id])).content.decode()
    assert "GIAO ƯỚC THI ĐUA" in printed and "Nguyễn Văn An" in printed
    assert "Đảng ủy phường Quảng An" in printed.split('id="unsigned"')[1]
    assert tay_ho.nhat_tan not in unsigned_units(pledge)


def test_a_cell_or_a_unit_of_another_organiser_cannot_sign(
    pledge, tay_ho, ba_dinh, reviewer, client, staff_nhat_tan
):
    for unit in (tay_ho.nhat_tan_cells[0], ba_dinh.ward):
        with pytest.raises(ValidationError) as error:
            sign_pledge(pledge=pledge, unit=unit, signer_name="X", signer_position="Y", by=reviewer)
        assert "không phải đơn vị ký giao ước" in str(error.value)
    client.force_login(staff_nhat_tan)
    page = client.post(
        reverse("pledge_sign", args=["nhat-tan-cb-1"]),
        {"signer_name": "X", "signer_position": "Y", "signed_on": "19/01/2024"},
        follow=True,
    ).content.decode()
    assert "không phải đơn vị ký giao ước" in page
    assert not PledgeSignature.objects.exists()


def test_a_signature_dated_in_the_future_or_without_a_name_is_refused(pledge, tay_ho, reviewer):
    with pytest.raises(ValidationError) as error:
        sign_pledge(
            pledge=pledge,
            unit=tay_ho.nhat_tan,
            signer_name="",
            signer_position="Bí thư",
            signed_on=datetime.date.today() + datetime.timedelta(days=3),
            by=reviewer,
        )
    assert set(error.value.message_dict) == {"signer_name", "signed_on"}
    assert not PledgeSignature.objects.exists()


def test_the_board_records_a_signature_in_the_admin(client, reviewer, pledge, tay_ho, ba_dinh):
    client.force_login(reviewer)
    url = reverse("admin:campaigns_pledgesignature_add")
    data = {
        "pledge": pledge.pk,
        "signer_name": "Trần Bình",
        "signer_position": "Bí thư",
        "signed_on": "19/01/2024",
    }
    refused = client.post(url, {**data, "unit": tay_ho.nhat_tan_cells[0].pk})
    assert refused.status_code == 200 and "không phải đơn vị ký giao ước" in refused.content.decode()
    client.post(url, {**data, "unit": tay_ho.quang_an.pk})
    signature = PledgeSignature.objects.get()
    assert (signature.unit, signature.recorded_by) == (tay_ho.quang_an, reviewer)
    page = client.get(reverse("admin:campaigns_pledge_change", args=[pledge.pk])).content.decode()
    assert "Đảng ủy phường Nhật Tân" in page  # still to sign


def test_targets_typed_in_bulk_are_judged_missed_met_or_exceeded(client, reviewer, campaign):
    rows = [
        Target.objects.create(campaign=campaign, order=n, name=f"Chỉ tiêu {n}", planned=Decimal(100))
        for n in (1, 2, 3)
    ]
    client.force_login(reviewer)
    data = {
        "form-TOTAL_FORMS": 3,
        "form-INITIAL_FORMS": 3,
        "form-MIN_NUM_FORMS": 0,
        "form-MAX_NUM_FORMS": 1000,
    }
    for index, (target, achieved) in enumerate(zip(rows, ("99", "100", "120,5"), strict=True)):
        data.update(
            {
                f"form-{index}-id": target.pk,
                f"form-{index}-planned": "100",
                f"form-{index}-achieved": achieved,
            }
        )
    client.post(reverse("admin:campaigns_target_changelist"), {**data, "_save": "Lưu"})
    statuses = [Target.objects.get(pk=t.pk).status for t in rows]
    assert statuses == [TargetStatus.MISSED, TargetStatus.MET, TargetStatus.EXCEEDED]
    data["form-0-achieved"] = "khoảng 90"
    page = client.post(
        reverse("admin:campaigns_target_changelist"), {**data, "_save": "Lưu"}
    ).content.decode()
    assert "Thực hiện phải là một số" in page
    assert Target.objects.get(pk=rows[0].pk).achieved == Decimal(99)


def test_a_lower_is_better_target_is_exceeded_by_going_below(campaign):
    target = Target(
        campaign=campaign, order=1, name="Tỷ lệ hộ nghèo", planned=Decimal("1.5"), higher_is_better=False
    )
    target.achieved = Decimal("1.2")
    assert target.status == TargetStatus.EXCEEDED
    target.achieved = None
    assert target.status == TargetStatus.PENDING


def test_individuals_are_commended_by_hand_within_the_campaign_only(campaign, tay_ho, ba_dinh, reviewer):
    award_type = AwardType.objects.create(name="Giấy khen", level=AwardLevel.ORGANISER)
    decision = Decision.objects.create(
        campaign=campaign,
        award_type=award_type,
        number="1-QĐ/QU",
        date=datetime.date(2024, 1, 15),
        issuer_name="QU",
    )
    person = {
        "kind": RecipientKind.INDIVIDUAL,
        "name": "Lê Văn Tám",
        "unit": tay_ho.nhat_tan,
        "achievement": "Tốt",
    }
    with pytest.raises(ValidationError) as error:
        award_people(decision=decision, recipients=[person, {**person, "unit": ba_dinh.ward}], by=reviewer)
    assert "không thuộc phạm vi" in str(error.value) and not decision.awards.exists()
    award_people(decision=decision, recipients=[person], by=reviewer)
    award_people(decision=decision, recipients=[person], by=reviewer)  # twice: one award
    award = decision.awards.get()
    assert (award.position, award.recipient_kind, award.recipient_name) == (1, "individual", "Lê Văn Tám")


def _people_file(rows):
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Đối tượng", "Tên tập thể / Họ và tên", "Chức vụ", "Mã đơn vị", "Thành tích"])
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    out.name = "ca-nhan.xlsx"
    return out


def test_the_board_imports_individuals_and_collectives_into_a_decision(client, reviewer, campaign, tay_ho):
    award_type = AwardType.objects.create(name="Giấy khen", level=AwardLevel.ORGANISER)
    decision = Decision.objects.create(
        campaign=campaign,
        award_type=award_type,
        number="2-QĐ/QU",
        date=datetime.date(2024, 1, 15),
        issuer_name="QU",
    )
    client.force_login(reviewer)
    url = reverse("admin:awards_decision_people", args=[decision.pk])
    bad = _people_file([["Cá nhân", "Lê Văn Tám", "", "nhat-tan", ""], ["Hội", "", "", "kim-ma", ""]])
    page = client.post(url, {"file": bad}).content.decode()
    assert "dòng 3: cột “Đối tượng” phải là “Cá nhân” hoặc “Tập thể”" in page
    assert "dòng 3: không có đơn vị mã “kim-ma”" in page and not decision.awards.exists()
    good = _people_file([["ca nhan", "Lê Văn Tám", "Tổ trưởng", "nhat-tan", "Tích cực"],
                         ["Tập thể", "Chi hội Cựu chiến binh", "", "nhat-tan-cb-1", ""]])  # fmt: skip
    client.post(url, {"file": good})
    assert list(decision.awards.values_list("position", "recipient_kind", "recipient_name")) == [
        (1, RecipientKind.INDIVIDUAL, "Lê Văn Tám"),
        (2, RecipientKind.COLLECTIVE, "Chi hội Cựu chiến binh"),
    ]


def test_a_signature_is_corrected_in_place_never_duplicated_or_overwritten_by_the_ward(
    client, reviewer, staff_nhat_tan, pledge, tay_ho
):
    signature = sign_pledge(
        pledge=pledge, unit=tay_ho.nhat_tan, signer_name="Nguyễn Văn An", signer_position="Bí thư",
        signed_on=datetime.date(2024, 1, 19), by=reviewer,
    )  # fmt: skip
    client.force_login(reviewer)
    data = {"pledge": pledge.pk, "unit": tay_ho.nhat_tan.pk, "signer_name": "Khác",
            "signer_position": "Bí thư", "signed_on": "19/01/2024"}  # fmt: skip
    page = client.post(reverse("admin:campaigns_pledgesignature_add"), data).content.decode()
    assert "hãy mở chữ ký đó để sửa" in page
    change = reverse("admin:campaigns_pledgesignature_change", args=[signature.pk])
    client.post(change, {**data, "unit": tay_ho.quang_an.pk, "signer_name": "Nguyễn Văn Ân"})
    assert list(PledgeSignature.objects.values_list("unit", "signer_name")) == [
        (tay_ho.nhat_tan.pk, "Nguyễn Văn Ân")
    ]
    ward = client.__class__()
    ward.force_login(staff_nhat_tan)
    page = ward.post(
        reverse("pledge_sign", args=["nhat-tan"]),
        {"signer_name": "Ghi đè", "signer_position": "X", "signed_on": "19/01/2024"},
        follow=True,
    ).content.decode()
    assert "đã ký ngày 19/01/2024" in page
    assert PledgeSignature.objects.get().signer_name == "Nguyễn Văn Ân"
