"""The ward sees every outcome (issue [K] 3): acceptance, evaluation and award on the entry, on its
dashboard and in the history, with its own certificate to print.
"""

import datetime

import pytest
from django.urls import reverse

from awards.models import AwardLevel, AwardType, Decision
from awards.services import award_entries
from campaigns.choices import CampaignState, Evaluation
from campaigns.models import Entry
from campaigns.services import registration

from .factories import EntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def awarded_last_year(last_year, tay_ho, reviewer):
    entry = Entry.objects.create(
        campaign=last_year,
        unit=tay_ho.nhat_tan,
        kind="model",
        title="Chợ văn minh",
        field="economy",
        state="accepted",
        evaluation=Evaluation.OUTSTANDING,
    )
    award_type = AwardType.objects.create(name="Giấy khen", level=AwardLevel.ORGANISER)
    decision = Decision.objects.create(
        campaign=last_year,
        award_type=award_type,
        number="125-QĐ/QU",
        date=datetime.date(2024, 1, 15),
        issuer_name="Quận ủy Tây Hồ",
    )
    # Awarded while the year was still open for it, then closed (a closed year takes no new award).
    last_year.state = CampaignState.EVALUATING
    last_year.save()
    award_entries(decision=decision, entries=[entry], by=reviewer)
    last_year.state = CampaignState.CLOSED
    last_year.save()
    return entry


def test_the_ward_reads_the_award_on_the_entry_with_its_certificate(nhat_tan_client, awarded_last_year):
    page = nhat_tan_client.get(reverse("entry_detail", args=[awarded_last_year.pk])).content.decode()
    assert "Ban Dân vận đánh giá: Tiêu biểu" in page
    assert "Được khen thưởng:</strong> Giấy khen theo Quyết định số 125-QĐ/QU ngày 15/01/2024" in page
    award = awarded_last_year.awards.get()
    assert reverse("award_certificate", args=[award.pk]) in page
    # …and in the history, who recorded it and when.
    assert "Được khen thưởng: Giấy khen theo Quyết định số 125-QĐ/QU ngày 15/01/2024" in page
    certificate = nhat_tan_client.get(reverse("award_certificate", args=[award.pk])).content.decode()
    assert "Đảng ủy phường Nhật Tân" in certificate and "Số sổ vàng: 1" in certificate


def test_the_dashboard_lists_last_years_rulings_and_awards(nhat_tan_client, campaign, awarded_last_year):
    page = nhat_tan_client.get(reverse("unit_detail", args=["nhat-tan"])).content.decode()
    assert "Kết quả đánh giá, khen thưởng" in page
    results = page[page.index('id="results"') :]
    assert "Chợ văn minh" in results and "Tiêu biểu" in results and "In giấy khen" in results


def test_another_ward_cannot_print_it(client, staff_quang_an, awarded_last_year):
    client.force_login(staff_quang_an)
    award = awarded_last_year.awards.get()
    assert client.get(reverse("award_certificate", args=[award.pk])).status_code == 404


def test_the_ward_reads_its_own_slice_of_the_years_report(
    nhat_tan_client, client, campaign, tay_ho, staff_nhat_tan, staff_quang_an, awarded_last_year,
    django_assert_max_num_queries,
):  # fmt: skip
    for unit in (tay_ho.nhat_tan, tay_ho.nhat_tan_cells[0]):
        registration.submit_entry(
            entry=EntryFactory(campaign=campaign, unit=unit, by=staff_nhat_tan), by=staff_nhat_tan
        )
    EntryFactory(campaign=campaign, unit=tay_ho.quang_an, by=staff_quang_an)  # another ward's: not counted
    page = nhat_tan_client.get(reverse("unit_detail", args=["nhat-tan"])).content.decode()
    url = reverse("unit_report", args=["nhat-tan", campaign.pk])
    assert url in page
    with django_assert_max_num_queries(20):
        report = nhat_tan_client.get(url).content.decode()
    assert "<strong>2</strong> mô hình đăng ký" in report
    by_unit = report.split('id="by-unit"')[1].split("</table>")[0]
    assert "Đảng ủy phường Nhật Tân (riêng đơn vị)</th><td>1</td>" in by_unit
    assert "Chi bộ tổ dân phố số 1 Nhật Tân</th><td>1</td>" in by_unit
    last = nhat_tan_client.get(reverse("unit_report", args=["nhat-tan", awarded_last_year.campaign_id]))
    assert "<strong>1 · 0</strong> mô hình · điển hình được khen thưởng" in last.content.decode()
    client.force_login(staff_quang_an)
    assert client.get(url).status_code == 404


def test_the_organisers_page_links_to_the_whole_report_not_a_slice(client, leader, campaign):
    client.force_login(leader)
    page = client.get(reverse("unit_detail", args=["quan-uy-tay-ho"])).content.decode()
    assert reverse("report_page", args=[campaign.pk]) in page
    assert reverse("unit_report", args=["quan-uy-tay-ho", campaign.pk]) not in page
