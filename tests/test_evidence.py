"""Evidence files: ward staff attach photos and documents; the content is checked, not only the name;
only those who may see the entry download them; removing one keeps the record.
"""

import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.choices import CampaignState
from campaigns.models import Evidence
from tayho_danvan.demo import sample_files

from .factories import EntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(campaign, tay_ho, staff_nhat_tan):
    return EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Chợ văn minh")


def _upload(client, entry, name, content, note=""):
    return client.post(
        reverse("evidence_upload", args=[entry.pk]),
        {"file": SimpleUploadedFile(name, content), "note": note},
        follow=True,
    )


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("Biên bản họp.pdf", sample_files.pdf_bytes(), "application/pdf"),
        ("ảnh hoạt động.JPG", sample_files.jpeg_bytes(), "image/jpeg"),
        ("anh.png", sample_files.png_bytes(), "image/png"),
        ("báo cáo.docx", sample_files.docx_bytes(), "officedocument.wordprocessingml"),
        ("số liệu.xlsx", sample_files.xlsx_bytes(), "officedocument.spreadsheetml"),
    ],
)
def test_ward_staff_attach_a_file_and_download_it_back(nhat_tan_client, entry, name, content, content_type):
    page = _upload(nhat_tan_client, entry, name, content, note="Tháng 3").content.decode()
    assert f"Đã thêm minh chứng “{name}”" in page
    item = Evidence.objects.get()
    assert (item.original_name, item.size, item.note) == (name, len(content), "Tháng 3")
    assert content_type in item.content_type
    assert default_storage.exists(item.file.name) and name not in item.file.name
    response = nhat_tan_client.get(reverse("evidence_download", args=[entry.pk, item.pk]))
    assert b"".join(response.streaming_content) == content
    assert "attachment" in response["Content-Disposition"]
    assert entry.events.filter(comment=f"Thêm minh chứng “{name}”").exists()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("rong.pdf", b"", "rỗng"),
        ("chuong-trinh.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "không đúng với đuôi .pdf"),
        ("anh.png", sample_files.pdf_bytes(), "không đúng với đuôi .png"),
        ("anh-hong.png", sample_files.png_bytes()[:60], "bị hỏng"),
        ("virus.exe", b"MZ\x90\x00", "chỉ nhận PDF"),
        ("trang.html", b"<html><script>alert(1)</script></html>", "chỉ nhận PDF"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_is_stored(
    nhat_tan_client, entry, media_in_tmp, name, content, message
):
    page = _upload(nhat_tan_client, entry, name, content).content.decode()
    assert message in page
    assert not Evidence.objects.exists()
    assert not (media_in_tmp / "minh-chung").exists()


def test_a_file_above_the_size_limit_is_refused(nhat_tan_client, entry, settings):
    settings.EVIDENCE_MAX_BYTES = 1000
    page = _upload(
        nhat_tan_client, entry, "lon.png", sample_files.png_bytes(size=(600, 600))
    ).content.decode()
    assert "vượt giới hạn" in page
    assert not Evidence.objects.exists()


def test_another_ward_and_anonymous_visitors_cannot_download_or_upload(
    client, entry, staff_quang_an, nhat_tan_client
):
    _upload(nhat_tan_client, entry, "bien-ban.pdf", sample_files.pdf_bytes())
    item = Evidence.objects.get()
    download = reverse("evidence_download", args=[entry.pk, item.pk])
    anonymous = client.__class__()
    assert anonymous.get(download).url.startswith(reverse("login"))
    client.force_login(staff_quang_an)
    assert client.get(download).status_code == 404
    response = client.post(
        reverse("evidence_upload", args=[entry.pk]),
        {"file": SimpleUploadedFile("x.pdf", sample_files.pdf_bytes())},
    )
    assert response.status_code == 404 and Evidence.objects.count() == 1


def test_the_board_downloads_evidence_from_the_admin(client, entry, reviewer, nhat_tan_client):
    _upload(nhat_tan_client, entry, "bien-ban.pdf", sample_files.pdf_bytes())
    item = Evidence.objects.get()
    client.force_login(reviewer)
    page = client.get(reverse("admin:campaigns_entry_change", args=[entry.pk])).content.decode()
    download = reverse("evidence_download", args=[entry.pk, item.pk])
    assert download in page
    assert client.get(download).status_code == 200


def test_removing_evidence_hides_it_but_keeps_the_record_and_the_file(nhat_tan_client, entry):
    _upload(nhat_tan_client, entry, "nham.pdf", sample_files.pdf_bytes())
    item = Evidence.objects.get()
    nhat_tan_client.post(reverse("evidence_remove", args=[entry.pk, item.pk]))
    nhat_tan_client.post(reverse("evidence_remove", args=[entry.pk, item.pk]))  # a double click
    item.refresh_from_db()
    assert item.removed_at is not None and default_storage.exists(item.file.name)
    page = nhat_tan_client.get(reverse("entry_detail", args=[entry.pk])).content.decode()
    assert "Chưa có minh chứng" in page
    assert entry.events.filter(comment="Gỡ minh chứng “nham.pdf”").count() == 1
    assert nhat_tan_client.get(reverse("evidence_download", args=[entry.pk, item.pk])).status_code == 404


def test_no_evidence_is_added_once_the_campaign_is_closed(nhat_tan_client, entry, campaign):
    campaign.state = CampaignState.CLOSED
    campaign.save()
    page = _upload(nhat_tan_client, entry, "muon.pdf", sample_files.pdf_bytes()).content.decode()
    assert "không thêm được minh chứng" in page
    assert not Evidence.objects.exists()


def _png_declaring(width, height):
    """A tiny PNG whose header declares ``width`` × ``height`` pixels (a decompression bomb's shape)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def test_a_picture_of_too_many_pixels_is_refused_from_its_header(nhat_tan_client, entry):
    page = _upload(nhat_tan_client, entry, "anh-lon.png", _png_declaring(13_000, 13_000)).content.decode()
    assert "quá lớn (13000×13000 điểm ảnh); tối đa 40 triệu điểm ảnh" in page
    assert not Evidence.objects.exists()


def test_a_truncated_jpeg_is_refused(nhat_tan_client, entry):
    page = _upload(nhat_tan_client, entry, "anh.jpg", sample_files.jpeg_bytes()[:-400]).content.decode()
    assert "bị hỏng" in page and not Evidence.objects.exists()


def test_the_board_still_opens_a_file_the_unit_removed(client, entry, reviewer, nhat_tan_client):
    _upload(nhat_tan_client, entry, "nham.pdf", sample_files.pdf_bytes())
    item = Evidence.objects.get()
    nhat_tan_client.post(reverse("evidence_remove", args=[entry.pk, item.pk]))
    client.force_login(reviewer)
    assert client.get(reverse("evidence_download", args=[entry.pk, item.pk])).status_code == 200
