"""Evidence files on an entry: what is accepted, and the one door to add or remove one.

A file is accepted by its content, not its name: libmagic (python-magic) reads the first bytes and
the name's extension must be one that content may carry; images must also open in Pillow. Files are
written through Django's storage API (``FileField``) under a random name; the user's file name is
kept only for the download. Limits: ``settings.EVIDENCE_MAX_BYTES`` (bytes).
"""

from pathlib import PurePath

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from tayho_danvan.lib.documents import strip_bidi

from ..choices import CampaignState, EntryState
from ..models import Entry, EntryEvent, Evidence

# Detected content type → the extensions a file of that content may have, and its name on screen.
ACCEPTED = {
    "application/pdf": ({".pdf"}, "PDF"),
    "image/jpeg": ({".jpg", ".jpeg"}, "ảnh JPEG"),
    "image/png": ({".png"}, "ảnh PNG"),
    "application/msword": ({".doc"}, "Word"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ({".docx"}, "Word"),
    "application/vnd.ms-excel": ({".xls"}, "Excel"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ({".xlsx"}, "Excel"),
    # Older Office files are often reported only as an OLE2 container.
    "application/CDFV2": ({".doc", ".xls"}, "Word/Excel"),
    "application/x-ole-storage": ({".doc", ".xls"}, "Word/Excel"),
}
ACCEPTED_EXTENSIONS = sorted({ext for exts, _ in ACCEPTED.values() for ext in exts})
ACCEPT_ATTRIBUTE = ",".join(ACCEPTED_EXTENSIONS)
_SNIFF_BYTES = 64 * 1024


def max_bytes():
    return settings.EVIDENCE_MAX_BYTES


SCAN_TYPES = {"application/pdf", "image/jpeg", "image/png"}  # a signed document's scan: PDF or a photo


def check_scan(upload):
    """``check_upload`` for the scan of a signed document (a decision): PDF, JPEG or PNG only.
    Returns the content type; raises ``ValidationError`` (Vietnamese) otherwise."""
    content_type = check_upload(upload)
    if content_type not in SCAN_TYPES:
        raise ValidationError(f"Bản quét “{upload.name}” phải là PDF hoặc ảnh JPEG/PNG.")
    return content_type


def check_upload(upload):
    """Return the detected content type of ``upload`` (a Django ``UploadedFile``) if it is accepted.

    Raises ``ValidationError`` (Vietnamese) when the file is empty, larger than ``max_bytes()``,
    of a kind not accepted, or not what its name says (a ``.pdf`` that is really a program).
    """
    name = upload.name or ""
    if not upload.size:
        raise ValidationError(f"Tệp “{name}” rỗng (0 byte). Hãy chọn lại tệp.")
    if upload.size > max_bytes():
        size, limit = filesizeformat(upload.size), filesizeformat(max_bytes())
        if size == limit:  # "10,0 MB, vượt giới hạn 10,0 MB" would read as a contradiction
            size = f"{upload.size:,} byte".replace(",", ".")
            limit = f"{max_bytes():,} byte".replace(",", ".")
        raise ValidationError(f"Tệp “{name}” nặng {size}, vượt giới hạn {limit}. Hãy nén hoặc chia nhỏ tệp.")
    extension = PurePath(name).suffix.lower()
    if extension not in ACCEPTED_EXTENSIONS:
        raise ValidationError(
            f"Không nhận tệp “{name}”: chỉ nhận PDF, ảnh JPEG/PNG, Word hoặc Excel "
            f"({', '.join(ACCEPTED_EXTENSIONS)})."
        )
    upload.seek(0)
    head = upload.read(_SNIFF_BYTES)
    upload.seek(0)
    content_type = magic.from_buffer(head, mime=True)
    extensions, _ = ACCEPTED.get(content_type, (set(), ""))
    if extension not in extensions:
        raise ValidationError(
            f"Nội dung tệp “{name}” không đúng với đuôi {extension}: tệp có thể bị hỏng hoặc bị đổi tên. "
            "Hãy mở thử tệp trên máy rồi lưu lại đúng định dạng."
        )
    if content_type.startswith("image/"):
        _check_image(upload, name)
    return content_type


MAX_PIXELS = 40_000_000  # 40 megapixels: any phone or scanner photo; decoding one takes ~160 MB


def _check_image(upload, name):
    """Refuse a picture above ``MAX_PIXELS`` from its header, before any decoding (a small PNG can
    declare 169 million pixels), then decode it once: a truncated or damaged file fails there.
    Raises ``ValidationError`` (Vietnamese, naming the file)."""
    try:
        with Image.open(upload) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    f"Ảnh “{name}” quá lớn ({width}×{height} điểm ảnh); tối đa "
                    f"{MAX_PIXELS // 1_000_000} triệu điểm ảnh. Hãy thu nhỏ ảnh rồi tải lên lại."
                )
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(f"Ảnh “{name}” bị hỏng hoặc quá lớn, không mở được.") from exc
    finally:
        upload.seek(0)


def can_change_evidence(entry):
    """Evidence is added or removed until the campaign closes, on any entry not withdrawn."""
    return entry.state != EntryState.WITHDRAWN and entry.campaign.state != CampaignState.CLOSED


def _note(entry, by, comment):
    EntryEvent.objects.create(
        entry=entry, actor=by, from_state=entry.state, to_state=entry.state, comment=comment
    )


@transaction.atomic
def add_evidence(*, entry, upload, by, note=""):
    """Attach ``upload`` to ``entry`` and return the ``Evidence``.

    Side effects: the file written to the default storage; one ``Evidence`` row; one ``EntryEvent``
    noting it (the state is unchanged). Raises ``ValidationError`` for a file ``check_upload``
    refuses, or when the entry is withdrawn or its campaign closed. If the row cannot be written,
    the stored file is deleted again so no orphan is left behind.
    """
    entry = Entry.objects.select_for_update().select_related("campaign").get(pk=entry.pk)
    if not can_change_evidence(entry):
        raise ValidationError("Hồ sơ đã rút hoặc phong trào đã kết thúc: không thêm được minh chứng.")
    content_type = check_upload(upload)
    evidence = Evidence(
        entry=entry,
        original_name=strip_bidi(PurePath(upload.name).name)[:255],
        content_type=content_type,
        size=upload.size,
        note=(note or "").strip()[:255],
        uploaded_by=by,
    )
    evidence.file.save(upload.name, upload, save=False)
    try:
        with transaction.atomic():
            evidence.save()
            _note(entry, by, f"Thêm minh chứng “{evidence.original_name}”")
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


@transaction.atomic
def remove_evidence(*, evidence, by):
    """Hide ``evidence`` from the entry; the row and the stored file are kept (records are never lost).

    Side effects: ``removed_at`` and ``removed_by``; one ``EntryEvent``. A no-op when already removed.
    Raises ``ValidationError`` when the entry is withdrawn or its campaign closed.
    """
    evidence = Evidence.objects.select_for_update().select_related("entry__campaign").get(pk=evidence.pk)
    if evidence.removed_at is not None:
        return evidence
    if not can_change_evidence(evidence.entry):
        raise ValidationError("Hồ sơ đã rút hoặc phong trào đã kết thúc: không gỡ được minh chứng.")
    evidence.removed_at, evidence.removed_by = timezone.now(), by
    evidence.save(update_fields=["removed_at", "removed_by"])
    _note(evidence.entry, by, f"Gỡ minh chứng “{evidence.original_name}”")
    return evidence
