"""The ceremony report for leaders: this year's figures beside last year's, charts, print, Excel."""

import re
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from campaigns.models import Entry
from campaigns.services import registration

from .factories import EntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(campaign, last_year, tay_ho, staff_nhat_tan):
    for unit in (tay_ho.nhat_tan, tay_ho.nhat_tan_cells[0]):
        entry = EntryFactory(campaign=campaign, unit=unit, by=staff_nhat_tan)
        registration.submit_entry(entry=entry, by=staff_nhat_tan)
    Entry.objects.create(
        campaign=last_year, unit=tay_ho.quang_an, kind="exemplar", title="Năm trước", field="economy",
        subject_kind="individual", subject_name="A", state="accepted",
    )  # fmt: skip
    return campaign


def test_the_leader_reads_the_report_with_last_year_beside_it(client, leader, registered):
    client.force_login(leader)
    home = client.get(reverse("leader_home")).content.decode()
    assert reverse("report_page", args=[registered.pk]) in home
    page = client.get(reverse("report_page", args=[registered.pk])).content.decode()
    assert "Báo cáo phong trào thi đua “Dân vận khéo” năm 2024" in page and "so sánh với năm 2023" in page
    assert '<th scope="col">Mô hình 2024</th>' in page and '<th scope="col">Điển hình 2023</th>' in page
    total = page.split("Tổng số</th>")[1].split("</tr>")[0]
    assert re.findall(r"<td>(\d+)</td>", total) == ["2", "0", "0", "1"]
    assert 'class="bar models"' in page  # charts drawn by the app itself


def test_the_report_downloads_as_one_sheet_per_table(client, reviewer, registered):
    client.force_login(reviewer)
    response = client.get(reverse("report_workbook", args=[registered.pk]))
    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames[0] == "1. Đăng ký" and len(workbook.sheetnames) == 11
    assert "7. Chấm điểm theo tiêu chí" in workbook.sheetnames
    rows = list(workbook["1. Đăng ký"].iter_rows(values_only=True))
    assert rows[1] == (None, "Mô hình 2024", "Điển hình 2024", "Mô hình 2023", "Điển hình 2023")
    assert rows[2] == ("Tổng số", 2, 0, 0, 1)
    for sheet in workbook.worksheets:  # printable as it comes: A4, fitted to width, header repeated
        assert int(sheet.page_setup.paperSize) == 9 and int(sheet.page_setup.fitToWidth) == 1
        assert sheet.print_title_rows == "$2:$2"


def test_ward_staff_do_not_read_the_organisers_report(client, staff_nhat_tan, registered):
    client.force_login(staff_nhat_tan)
    assert client.get(reverse("report_page", args=[registered.pk])).status_code == 404


def test_the_board_finds_the_report_from_the_campaign_list(client, reviewer, registered):
    client.force_login(reviewer)
    page = client.get("/admin/campaigns/campaign/").content.decode()
    assert reverse("report_page", args=[registered.pk]) in page
    workbook = load_workbook(
        BytesIO(b"".join(client.get(reverse("report_workbook", args=[registered.pk])).streaming_content))
    )
    assert all(len(name) <= 31 and not name.endswith(" t") for name in workbook.sheetnames)
    assert "4. Theo phường, đơn vị" in workbook.sheetnames


def test_the_leaders_home_gives_each_campaigns_headline_figures(
    client, leader, registered, django_assert_max_num_queries
):
    client.force_login(leader)
    with django_assert_max_num_queries(8):
        home = client.get(reverse("leader_home")).content.decode()
    row = home.split(registered.title)[1].split("</tr>")[0]
    assert re.findall(r'<td class="num">([^<]+)</td>', row) == ["2", "0", "0 hồ sơ · 0 khen thưởng"]


def test_the_report_opens_with_its_headline_figures_and_folds_long_tables(client, leader, registered):
    client.force_login(leader)
    page = client.get(reverse("report_page", args=[registered.pk])).content.decode()
    headline = page.split('id="headline"')[1].split("</ul>")[0]
    assert "<strong>2</strong> mô hình đăng ký" in headline
    assert "<strong>0</strong> điển hình đăng ký" in headline
    assert page.index('id="headline"') < page.index('class="report-table"')
    assert "độ dài thanh: mô hình 2024" in page  # the column the bars measure
    # The tables of this small campaign are short: none is folded.
    assert '<details class="fold">' not in page
