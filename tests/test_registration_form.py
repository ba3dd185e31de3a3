"""A form that guides (issue [K] 2): sections in the order of the registration sheet, the exemplar's
subject only for exemplars, no self-assessment at registration, a search box over the long list of
models to replicate, and a printable A4 registration sheet of an entry.
"""

import pytest
from django.urls import reverse

from .factories import EntryFactory

pytestmark = pytest.mark.django_db


def test_the_form_comes_in_sections_with_the_subject_for_exemplars_only(nhat_tan_client, campaign):
    page = nhat_tan_client.get(reverse("entry_create", args=["nhat-tan"])).content.decode()
    legends = [part.split("</legend>")[0] for part in page.split('<fieldset class="section"')[1:]]
    assert [legend.split("<legend>")[1] for legend in legends] == [
        "Đơn vị và loại hồ sơ",
        "Người, tập thể được nêu gương",
        "Thông tin chung",
        "Nhân rộng",
        "Nội dung đăng ký",
        "Tiến độ và kết quả",
    ]
    assert 'data-kind="exemplar">\n    <legend>Người, tập thể được nêu gương' in page
    assert 'data-kind="model">\n    <legend>Nhân rộng' in page
    assert 'name="self_assessment"' not in page
    assert 'class="picker-search" data-search="/phong-trao/' in page and 'data-target="id_replicates"' in page


def test_a_model_posted_without_any_exemplar_field_is_saved(nhat_tan_client, campaign, tay_ho):
    data = {"unit": tay_ho.nhat_tan.pk, "kind": "model", "title": "Mô hình", "field": "economy"}
    response = nhat_tan_client.post(reverse("entry_create", args=["nhat-tan"]), data)
    assert response.status_code == 302


def test_the_registration_sheet_prints_under_the_units_heading(
    nhat_tan_client, client, campaign, tay_ho, staff_nhat_tan, staff_quang_an
):
    entry = EntryFactory(
        campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Chợ văn minh", objectives="Sạch"
    )
    page = nhat_tan_client.get(reverse("entry_print", args=[entry.pk])).content.decode()
    assert "ĐẢNG ỦY PHƯỜNG NHẬT TÂN" in page and "ĐẢNG CỘNG SẢN VIỆT NAM" in page
    # The Party organisation above the issuer, not the committee (Hướng dẫn 36-HD/VPTW).
    assert "ĐẢNG BỘ QUẬN TÂY HỒ<br><strong>ĐẢNG ỦY PHƯỜNG NHẬT TÂN</strong>" in page
    assert "PHIẾU ĐĂNG KÝ MÔ HÌNH “DÂN VẬN KHÉO”<br>NĂM 2024" in page
    assert '<th scope="row">Mục tiêu</th><td>Sạch</td>' in page
    assert "Người, tập thể được nêu gương" not in page  # a model's sheet has no exemplar section
    assert (
        reverse("entry_print", args=[entry.pk])
        in nhat_tan_client.get(reverse("entry_detail", args=[entry.pk])).content.decode()
    )
    client.force_login(staff_quang_an)
    assert client.get(reverse("entry_print", args=[entry.pk])).status_code == 404
