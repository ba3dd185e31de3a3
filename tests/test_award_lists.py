"""Award lists in Excel: Vietnamese headers, formula-like text kept as text, the command line."""

import datetime
from io import BytesIO

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import AwardLevel, AwardType, Decision, RecipientKind
from awards.services import award_entries
from campaigns.services import registration, review
from tayho_danvan.lib.excel import write_xlsx

from .factories import CampaignFactory, EntryFactory

pytestmark = pytest.mark.django_db

RISKY = ["=1+1", "+84912345678", "-5", "@SUM(A1)", "\t=cmd"]


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    path = tmp_path / "x.xlsx"
    write_xlsx(path, ["Giá trị"], [[value] for value in RISKY])
    cells = [row[0] for row in load_workbook(path).active.iter_rows(min_row=2)]
    assert [c.value for c in cells] == RISKY
    assert {c.data_type for c in cells} == {"s"}


@pytest.fixture
def awarded(campaign, tay_ho, staff_nhat_tan, reviewer):
    entry = EntryFactory(
        campaign=campaign,
        unit=tay_ho.military,
        by=staff_nhat_tan,
        title='=HYPERLINK("http://x") Dân vận khéo',
        field="defence_security",
    )
    registration.submit_entry(entry=entry, by=staff_nhat_tan)
    entry = review.accept_entry(entry=entry, by=reviewer)
    award_type = AwardType.objects.create(name="Giấy khen", level=AwardLevel.ORGANISER)
    decision = Decision.objects.create(
        campaign=campaign,
        award_type=award_type,
        number="125-QĐ/QU",
        date=datetime.date(2024, 1, 15),
        issuer_name="Quận ủy Tây Hồ",
    )
    award_entries(decision=decision, entries=[entry])
    return entry


def test_export_awards_writes_each_decision_as_its_annex(awarded, campaign, tay_ho, tmp_path):
    from awards.services import award_people

    decision = Decision.objects.get()
    award_people(
        decision=decision,
        recipients=[{"kind": RecipientKind.INDIVIDUAL, "name": "Lê Văn Tám", "position": "Tổ trưởng",
                     "unit": tay_ho.nhat_tan, "achievement": "+ Nhiều đóng góp"}],
    )  # fmt: skip
    out = tmp_path / "khen-thuong-2024.xlsx"
    call_command("export_awards", "2024", "-o", str(out))
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI" and rows[1][0] == "QUẬN ỦY TÂY HỒ" and rows[2][0] == "*"
    assert rows[0][3] == "ĐẢNG CỘNG SẢN VIỆT NAM" and rows[1][3] == "Tây Hồ, ngày 15 tháng 01 năm 2024"
    assert rows[4][0] == "DANH SÁCH"
    assert rows[6][0] == "(Kèm theo Quyết định số 125-QĐ/QU ngày 15/01/2024 của Quận ủy Tây Hồ)"
    assert rows[8] == (
        "STT", "Tên tập thể / Họ và tên", "Chức vụ", "Đơn vị", "Lĩnh vực", "Hình thức khen thưởng",
        "Thành tích",
    )  # fmt: skip
    assert rows[9][0] == "I. TẬP THỂ"
    # A model is commended as the unit that built it, the model named in the achievement.
    assert rows[10] == (1, "Đảng bộ Quân sự quận", None, "Đảng bộ Quân sự quận", "Quốc phòng – an ninh",
                        "Giấy khen", 'Mô hình “=HYPERLINK("http://x") Dân vận khéo”')  # fmt: skip
    assert rows[11][0] == "II. CÁ NHÂN"
    # Numbered as in the decision (the individual is its second recipient), as on the certificate.
    assert rows[12] == (
        2,
        "Lê Văn Tám",
        "Tổ trưởng",
        "Đảng ủy phường Nhật Tân",
        None,
        "Giấy khen",
        "+ Nhiều đóng góp",
    )
    assert sheet["G11"].data_type == "s" and sheet["G13"].data_type == "s"  # formula-like text stays text
    assert sheet.print_title_rows == "$9:$9"
    assert int(sheet.page_setup.paperSize) == 9 and int(sheet.page_setup.fitToWidth) == 1  # 9: A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    # Each cell keeps its own style though styles are registered once a sheet: boxed body, bold header,
    # italic reference line, the Vietnamese font everywhere.
    for ref in ("A11", "B13", "G13"):
        cell = sheet[ref]
        assert (cell.font.name, cell.font.bold, cell.border.left.style, cell.alignment.wrap_text) == (
            "Times New Roman",
            False,
            "thin",
            True,
        ), ref
    assert sheet["A11"].alignment.horizontal == "center" and sheet["B13"].alignment.horizontal == "left"
    assert sheet["B9"].font.bold and sheet["B9"].border.left.style == "thin"
    assert sheet["A7"].font.italic and sheet["A7"].border.left.style is None
    assert sheet["A10"].font.bold and not sheet["A10"].font.italic


def test_a_decision_of_the_city_takes_the_national_heading(awarded, campaign, tmp_path):
    city_type = AwardType.objects.create(name="Bằng khen", level=AwardLevel.CITY)
    city = Decision.objects.create(
        campaign=campaign, award_type=city_type, number="215/QĐ-UBND", date=datetime.date(2024, 1, 12),
        issuer_name="Ủy ban nhân dân thành phố Hà Nội",
    )  # fmt: skip
    award_entries(decision=city, entries=[awarded])
    out = tmp_path / "x.xlsx"
    call_command("export_awards", "2024", "-o", str(out))
    first = load_workbook(out).worksheets[0]  # decisions in date order: the city's came first
    rows = list(first.iter_rows(max_row=7, values_only=True))
    assert rows[0][3] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and rows[1][3] == "Độc lập – Tự do – Hạnh phúc"
    assert rows[0][0] == "ỦY BAN NHÂN DÂN" and rows[2][3] == "Hà Nội, ngày 12 tháng 01 năm 2024"
    assert "Quyết định số 215/QĐ-UBND ngày 12/01/2024" in rows[6][0]


def test_export_awards_for_an_unknown_year_fails_with_a_vietnamese_message(awarded, tmp_path):
    with pytest.raises(CommandError, match="Không có phong trào năm 1999"):
        call_command("export_awards", "1999", "-o", str(tmp_path / "x.xlsx"))


def test_export_awards_asks_for_the_organiser_when_a_year_has_several(awarded, tay_ho, tmp_path):
    CampaignFactory(organiser=tay_ho.quang_an, year=2024)
    with pytest.raises(CommandError, match="--organiser"):
        call_command("export_awards", "2024", "-o", str(tmp_path / "x.xlsx"))
    call_command("export_awards", "2024", "--organiser", "quan-uy-tay-ho", "-o", str(tmp_path / "x.xlsx"))
    rows = list(load_workbook(tmp_path / "x.xlsx").active.iter_rows(values_only=True))
    assert rows[10][0] == 1 and rows[11][0] is None  # one award on the annex


def test_an_entry_of_another_campaign_cannot_be_awarded(awarded, tay_ho, staff_quang_an):
    other = CampaignFactory(organiser=tay_ho.quang_an, year=2024)
    foreign = EntryFactory(campaign=other, unit=tay_ho.quang_an_cells[0], by=staff_quang_an)
    decision = Decision.objects.get()
    with pytest.raises(ValidationError, match="phong trào khác"):
        award_entries(decision=decision, entries=[foreign])
    assert decision.awards.count() == 1


def test_board_exports_awards_from_the_award_list_admin(client, reviewer, awarded):
    client.force_login(reviewer)
    response = client.post(
        "/admin/awards/award/export/",
        {
            "format": "0",
            "resource": "0",
            "awardlistresource_position": "on",
            "awardlistresource_recipient_name": "on",
        },
    )
    assert response.status_code == 200, response.content.decode()[:500]
    from io import BytesIO

    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("STT", "Tên tập thể / Họ và tên")
    assert rows[1] == (1, '=HYPERLINK("http://x") Dân vận khéo')


def test_the_award_admin_refuses_a_draft_of_another_year(client, reviewer, awarded, tay_ho, staff_nhat_tan):
    later = CampaignFactory(organiser=tay_ho.district, year=2025)
    draft = EntryFactory(campaign=later, unit=tay_ho.nhat_tan, by=staff_nhat_tan)
    decision = Decision.objects.get()
    client.force_login(reviewer)
    response = client.post(
        "/admin/awards/award/add/",
        {
            "decision": decision.pk,
            "position": 2,
            "recipient_kind": "model",
            "entry": draft.pk,
            "recipient_name": "Chen ngang",
            "unit": tay_ho.quang_an_cells[0].pk,
        },
    )
    assert "thuộc phong trào khác" in response.content.decode()
    assert decision.awards.count() == 1


def test_export_awards_into_a_missing_folder_fails_in_vietnamese(awarded, tmp_path):
    with pytest.raises(CommandError, match="không tồn tại hoặc không ghi được"):
        call_command("export_awards", "2024", "-o", str(tmp_path / "khong-co" / "x.xlsx"))


def test_the_board_prints_a_certificate_per_award_of_a_decision(client, reviewer, awarded, tay_ho):
    from awards.services import award_people

    decision = Decision.objects.get()
    decision.signer_name, decision.signer_position = "Nguyễn Anh Tuấn", "Phó Bí thư Thường trực Quận ủy"
    decision.save()
    award_people(
        decision=decision,
        recipients=[{"kind": RecipientKind.INDIVIDUAL, "name": "Lê Văn Tám", "position": "Tổ trưởng",
                     "unit": tay_ho.nhat_tan, "achievement": "Có thành tích xuất sắc trong Dân vận khéo"}],
    )  # fmt: skip
    client.force_login(reviewer)
    response = client.post(
        "/admin/awards/decision/", {"action": "print_certificates", "_selected_action": [decision.pk]}
    )
    page = response.content.decode()
    assert page.count('class="certificate"') == 2
    assert "GIẤY KHEN" in page and "ĐẢNG CỘNG SẢN VIỆT NAM" in page
    # The print sheet's page setup is a static file of the app (no inline style under the CSP).
    assert "css/certificates.css" in page
    assert "size: A4 landscape" in (settings.BASE_DIR / "static/css/certificates.css").read_text()
    assert "Lê Văn Tám" in page and "Đã có thành tích xuất sắc trong Dân vận khéo." in page
    assert "Tây Hồ, ngày 15 tháng 01 năm 2024" in page and "Nguyễn Anh Tuấn" in page
    assert "QUẬN ỦY TÂY HỒ" in page and "Quyết định số 125-QĐ/QU" in page
    # The model's certificate commends its unit for the model.
    assert '<p class="name">Đảng bộ Quân sự quận</p>' in page
    assert "xây dựng mô hình “=HYPERLINK(&quot;http://x&quot;) Dân vận khéo”" in page


@pytest.mark.parametrize(
    "issuer, number, left, place",
    [
        ("Ủy ban nhân dân phường Tây Hồ", "10/QĐ-UBND", ["ỦY BAN NHÂN DÂN", "PHƯỜNG TÂY HỒ"], "Tây Hồ"),
        ("Uỷ ban nhân dân thành phố Hà Nội", "215/QĐ-UB", ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"], "Hà Nội"),
        ("Thành ủy Hà Nội", "3-QĐ/TU", ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "THÀNH ỦY HÀ NỘI", "*"], "Hà Nội"),
    ],
)
def test_the_heading_and_place_follow_the_issuer(campaign, issuer, number, left, place):
    from awards.documents.heading import heading_of

    award_type = AwardType.objects.create(name="Bằng khen", level=AwardLevel.CITY)
    decision = Decision(campaign=campaign, award_type=award_type, number=number, issuer_name=issuer,
                        date=datetime.date(2024, 1, 20))  # fmt: skip
    heading = heading_of(decision)
    assert (heading.issuer_lines, heading.place) == (left, place)


def test_an_exemplars_certificate_states_the_distinction_not_the_entry_title(
    campaign, tay_ho, staff_nhat_tan, reviewer
):
    from awards.documents.certificates import citation_of

    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, kind="exemplar",
                         title="Điển hình Nguyễn Thị Hà — Nhật Tân")  # fmt: skip
    registration.submit_entry(entry=entry, by=staff_nhat_tan)
    entry = review.accept_entry(entry=entry, by=reviewer)
    award_type = AwardType.objects.create(name="Giấy khen", level=AwardLevel.ORGANISER)
    decision = Decision.objects.create(
        campaign=campaign, award_type=award_type, number="9-QĐ/QU", date=datetime.date(2024, 1, 15),
        issuer_name="Quận ủy Tây Hồ",
    )  # fmt: skip
    (award,), _ = award_entries(decision=decision, entries=[entry])
    assert citation_of(award, 2024) == (
        "Đã có thành tích xuất sắc, là điển hình tiêu biểu trong phong trào thi đua “Dân vận khéo” năm 2024."
    )


def test_a_decision_number_typed_differently_is_still_the_same_decision(awarded, campaign):
    import unicodedata

    from django.core.exceptions import ValidationError as DjangoValidationError

    award_type = AwardType.objects.get()
    for issuer in ("quận ủy Tây Hồ", unicodedata.normalize("NFD", "Quận uỷ Tây Hồ"), "Quận ủy  Tây Hồ"):
        twin = Decision(campaign=campaign, award_type=award_type, number="125-QĐ/QU", issuer_name=issuer,
                        date=datetime.date(2024, 2, 1))  # fmt: skip
        with pytest.raises(DjangoValidationError, match="đã có quyết định số 125-QĐ/QU"):
            twin.full_clean()


def test_the_award_admin_refuses_a_model_without_its_entry_and_a_zero_stt(client, reviewer, awarded, tay_ho):
    client.force_login(reviewer)
    decision = Decision.objects.get()
    data = {"decision": decision.pk, "recipient_kind": "model", "recipient_name": "Mô hình không hồ sơ",
            "unit": tay_ho.nhat_tan.pk, "position": 0}  # fmt: skip
    page = client.post("/admin/awards/award/add/", data).content.decode()
    assert "phải chọn hồ sơ đã đăng ký" in page and "STT bắt đầu từ 1" in page
    data.update({"recipient_kind": "model", "entry": awarded.pk, "position": 7, "unit": awarded.unit_id})
    page = client.post("/admin/awards/award/add/", data).content.decode()
    assert "Mô hình, điển hình này đã có trong quyết định." in page and "Constraint" not in page


def test_the_annex_and_the_certificates_name_and_number_each_recipient_alike(awarded, tay_ho, board):
    from awards.documents.certificates import certificates
    from awards.services import award_people

    decision = Decision.objects.get()
    award_people(
        decision=decision,
        recipients=[{"kind": RecipientKind.INDIVIDUAL, "name": "Lê Văn Tám", "position": "Tổ trưởng",
                     "unit": tay_ho.nhat_tan, "achievement": "Nhiều đóng góp"}],
    )  # fmt: skip
    printed = [(c.recipient, c.line.number) for c in certificates([decision])]
    assert printed == [("Đảng bộ Quân sự quận", 1), ("Lê Văn Tám", 2)]
    response = board.post(
        reverse("admin:awards_decision_changelist"),
        {"action": "print_certificates", "_selected_action": [decision.pk]},
    )
    page = response.content.decode()
    assert "Số sổ vàng: 1" in page and "Số sổ vàng: 2" in page
    sheet = load_workbook(BytesIO(board.post(
        reverse("admin:awards_decision_changelist"),
        {"action": "download_award_list", "_selected_action": [decision.pk]},
    ).content)).active  # fmt: skip
    annexed = [
        (row[1], row[0]) for row in sheet.iter_rows(min_row=11, values_only=True) if isinstance(row[0], int)
    ]
    assert annexed == printed
