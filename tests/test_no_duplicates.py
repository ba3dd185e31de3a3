"""Ward staff never make an entry twice (issue [K] 1): Back then "Lưu và gửi" again (a new form token,
the same typed values), a second tab, a title typed in another Unicode form; and a send refused by the
quota leaves no draft behind. The form's error summary names each field (issue [K] 2).
"""

import re
import unicodedata
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.choices import EntryState
from campaigns.models import Entry
from campaigns.services import registration
from campaigns.services.common import DuplicateEntry

from .factories import EntryFactory

pytestmark = pytest.mark.django_db


def _form(tay_ho, **values):
    return {
        "unit": tay_ho.nhat_tan.pk,
        "kind": "model",
        "title": "Dân vận khéo trong giải phóng mặt bằng",
        "field": "economy",
        "form_token": str(uuid.uuid4()),
        "submit": "1",
        **values,
    }


def test_back_and_send_again_makes_no_second_entry_and_links_to_the_first(nhat_tan_client, campaign, tay_ho):
    url = reverse("entry_create", args=["nhat-tan"])
    nhat_tan_client.post(url, _form(tay_ho))
    # Back reloads the form: a new token, the same typed values.
    again = nhat_tan_client.post(url, _form(tay_ho))
    first = Entry.objects.get()
    assert first.state == EntryState.SUBMITTED
    page = again.content.decode()
    assert again.status_code == 200 and "đã có mô hình “Dân vận khéo trong giải phóng mặt bằng”" in page
    assert reverse("entry_detail", args=[first.pk]) in page
    counts = nhat_tan_client.get(reverse("unit_detail", args=["nhat-tan"])).content.decode()
    assert "1 / 2–3" in re.sub(r"<[^>]+>", "", counts)


def test_a_title_typed_in_another_unicode_form_or_case_is_the_same_entry(campaign, tay_ho, staff_nhat_tan):
    EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Nhật Tân xanh")
    decomposed = unicodedata.normalize("NFD", "  nhật  TÂN xanh ")
    with pytest.raises(DuplicateEntry) as error:
        EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title=decomposed)
    assert "Nhật Tân xanh" in error.value.messages[0]
    assert Entry.objects.count() == 1


def test_text_is_stored_composed_whatever_was_typed(campaign, tay_ho, staff_nhat_tan):
    entry = EntryFactory(
        campaign=campaign,
        unit=tay_ho.nhat_tan,
        by=staff_nhat_tan,
        title=unicodedata.normalize("NFD", "Phường Nhật Tân"),
        objectives=unicodedata.normalize("NFD", "Mục tiêu"),
    )
    entry.refresh_from_db()
    assert entry.title == unicodedata.normalize("NFC", "Phường Nhật Tân") and entry.objectives == "Mục tiêu"


def test_the_same_title_is_allowed_for_another_kind_unit_or_after_withdrawal(
    campaign, tay_ho, staff_nhat_tan
):
    first = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Tổ dân phố")
    EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan_cells[0], by=staff_nhat_tan, title="Tổ dân phố")
    EntryFactory(
        campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Tổ dân phố", kind="exemplar"
    )
    registration.withdraw_entry(entry=first, by=staff_nhat_tan)
    second = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Tổ dân phố")
    # Restoring the withdrawn one now would make two live twins: refused, with the reason.
    with pytest.raises(ValidationError) as error:
        registration.restore_entry(entry=first, by=staff_nhat_tan)
    assert "đã có mô hình “Tổ dân phố”" in error.value.messages[0]
    first.refresh_from_db()
    assert first.state == EntryState.WITHDRAWN and second.state == EntryState.DRAFT


def test_renaming_a_draft_to_the_title_of_another_is_refused(campaign, tay_ho, staff_nhat_tan):
    EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Mô hình A")
    other = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Mô hình B")
    with pytest.raises(DuplicateEntry):
        registration.update_entry(entry=other, by=staff_nhat_tan, title="mô hình a")
    other.refresh_from_db()
    assert other.title == "Mô hình B"


def test_a_send_refused_by_the_quota_leaves_no_draft_and_keeps_the_typed_text(
    nhat_tan_client, campaign, tay_ho
):
    url = reverse("entry_create", args=["nhat-tan"])
    cell = tay_ho.nhat_tan_cells[0]
    nhat_tan_client.post(url, _form(tay_ho, unit=cell.pk, title="Mô hình thứ nhất"))
    refused = nhat_tan_client.post(url, _form(tay_ho, unit=cell.pk, title="Mô hình thứ hai"))
    page = refused.content.decode()
    assert refused.status_code == 200 and "Vượt chỉ tiêu" in page
    assert 'value="Mô hình thứ hai"' in page
    assert list(Entry.objects.values_list("title", flat=True)) == ["Mô hình thứ nhất"]


def test_the_error_summary_lists_each_field_with_a_link(nhat_tan_client, campaign, tay_ho):
    response = nhat_tan_client.post(
        reverse("entry_create", args=["nhat-tan"]), _form(tay_ho, title="", field="")
    )
    page = response.content.decode()
    assert 'class="error-summary"' in page and "cần sửa 2 mục" in page
    assert 'href="#id_title"' in page and 'href="#id_field"' in page
    assert not Entry.objects.exists()


def test_quotes_a_look_alike_d_and_a_final_full_stop_do_not_make_a_second_entry(
    campaign, tay_ho, staff_nhat_tan
):
    EntryFactory(
        campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Mô hình “Dân vận khéo” ở Đông"
    )
    for twin in (
        'Mô hình "Dân vận khéo" ở Đông',
        "Mô hình “Dân vận khéo” ở Ðông",
        "Mô hình “Dân vận khéo” ở Đông.",
    ):
        with pytest.raises(DuplicateEntry):
            EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title=twin)
    assert Entry.objects.count() == 1
