"""Decision scans checked like evidence and kept out of reach (issue [F] 8): PDF or picture by content
and size, stored under a random name, downloaded through the admin's scoped view only; file names shown
or sent back carry no Unicode bidirectional controls.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.models import AwardLevel, AwardType, Decision
from campaigns.models import Evidence
from tayho_danvan.demo import sample_files

from .factories import EntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(campaign):
    award_type = AwardType.objects.create(name="Giấy khen", level=AwardLevel.ORGANISER)
    return Decision.objects.create(
        campaign=campaign, award_type=award_type, number="125-QĐ/QU", date=datetime.date(2024, 12, 20),
        issuer_name="Quận ủy Tây Hồ",
    )  # fmt: skip


def _post(client, decision, upload):
    data = {
        "campaign": decision.campaign_id, "award_type": decision.award_type_id, "number": decision.number,
        "date": "20/12/2024", "issuer_name": decision.issuer_name, "scanned_file": upload, "_continue": "1",
    }  # fmt: skip
    return client.post(reverse("admin:awards_decision_change", args=[decision.pk]), data, follow=True)


def test_the_board_attaches_a_pdf_scan_stored_under_a_random_name_and_downloads_it(board, decision):
    _post(board, decision, SimpleUploadedFile("../../quyet dinh 125.pdf", sample_files.pdf_bytes()))
    decision.refresh_from_db()
    name = decision.scanned_file.name
    assert name.startswith("quyet-dinh/") and name.endswith(".pdf") and "125" not in name and ".." not in name
    page = board.get(reverse("admin:awards_decision_change", args=[decision.pk])).content.decode()
    url = reverse("admin:awards_decision_scan", args=[decision.pk])
    assert f'href="{url}"' in page and "/media/" not in page
    response = board.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


def test_a_program_named_pdf_or_a_word_file_is_refused_as_a_scan(board, decision):
    page = _post(
        board, decision, SimpleUploadedFile("qd.pdf", b"MZ\x90\x00" + b"\x00" * 300)
    ).content.decode()
    assert "không đúng với đuôi .pdf" in page
    page = _post(board, decision, SimpleUploadedFile("qd.docx", sample_files.docx_bytes())).content.decode()
    assert "phải là PDF hoặc ảnh JPEG/PNG" in page
    decision.refresh_from_db()
    assert not decision.scanned_file


def test_another_organisers_board_cannot_download_the_scan(client, board, decision, ba_dinh):
    _post(board, decision, SimpleUploadedFile("qd.pdf", sample_files.pdf_bytes()))
    client.force_login(ba_dinh.reviewer)
    assert client.get(reverse("admin:awards_decision_scan", args=[decision.pk])).status_code == 404


def test_an_evidence_name_keeps_no_bidirectional_control(nhat_tan_client, campaign, tay_ho, staff_nhat_tan):
    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan)
    upload = SimpleUploadedFile("anh\u202egpj.pdf", sample_files.pdf_bytes())
    nhat_tan_client.post(reverse("evidence_upload", args=[entry.pk]), {"file": upload})
    assert Evidence.objects.get().original_name == "anhgpj.pdf"
