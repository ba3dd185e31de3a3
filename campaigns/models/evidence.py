"""Evidence files of an entry (DESIGN.md, "Entry": evidence attached). Checks and storage rules are
``campaigns.services.evidence``.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .entry import Entry


def evidence_path(evidence, filename):
    """Stored name: campaign year, entry id and a random name; the user's file name is kept in a field
    only, so no upload can choose where it lands.
    """
    suffix = PurePath(filename).suffix.lower()
    return f"minh-chung/{evidence.entry.campaign.year}/{evidence.entry_id}/{uuid.uuid4().hex}{suffix}"


class Evidence(models.Model):
    """A file attached to an entry: a photo, a scanned document, a report (DESIGN.md, "Entry").

    Removing a file hides it and keeps both the row and the stored file: records are never lost.
    """

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="evidence", verbose_name="hồ sơ")
    file = models.FileField("tệp", upload_to=evidence_path, max_length=255)
    original_name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField("loại tệp", max_length=120)
    size = models.PositiveIntegerField("dung lượng (byte)")
    note = models.CharField("ghi chú", max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người tải lên",
    )
    uploaded_at = models.DateTimeField("tải lên lúc", default=timezone.now)
    removed_at = models.DateTimeField("gỡ lúc", null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người gỡ",
    )
    history = HistoricalRecords(verbose_name="lịch sử minh chứng (kiểm toán)")

    class Meta:
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
