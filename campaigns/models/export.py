"""Files made outside the request: big exports now, the dossier zip of issue [I] later (DESIGN.md,
"Documents"). The work itself is ``campaigns.services.exports``, run by the task worker.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..choices import ExportState


def export_path(export, filename):
    """Stored name: a random folder per file, so no two requests collide on any app server."""
    return f"xuat-tep/{timezone.now():%Y/%m}/{uuid.uuid4().hex}/{filename}"


class ExportFile(models.Model):
    """One file a user asked for: what, by whom, how far it has got, and the file once made.

    Only its requester sees it (``campaigns.permissions.exports_of``); files are deleted after
    ``EXPORT_KEEP_DAYS`` days by ``purge_exports``, since they copy records kept elsewhere.
    """

    kind = models.CharField("loại", max_length=40)
    title = models.CharField("tên", max_length=255)
    filename = models.CharField("tên tệp", max_length=150)
    params = models.JSONField("tham số", default=dict, blank=True)
    # The rows to write, as Django's pickled ``QuerySet.query`` (the documented way to rebuild a
    # queryset later); written by ``request_export`` only, never from anything a user sends.
    query = models.BinaryField("truy vấn", null=True, blank=True, editable=False)
    state = models.CharField("trạng thái", max_length=10, choices=ExportState, default=ExportState.QUEUED)
    rows_total = models.PositiveIntegerField("số dòng", null=True, blank=True)
    rows_done = models.PositiveIntegerField("đã ghi", default=0)
    file = models.FileField("tệp", upload_to=export_path, max_length=255, blank=True)
    size = models.PositiveBigIntegerField("dung lượng (byte)", null=True, blank=True)
    error = models.CharField("lỗi", max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="người yêu cầu"
    )
    requested_at = models.DateTimeField("yêu cầu lúc", default=timezone.now)
    started_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)
    task_id = models.CharField("mã tác vụ", max_length=64, blank=True)

    class Meta:
        verbose_name = "tệp xuất"
        verbose_name_plural = "tệp xuất (tạo ở nền)"
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "-requested_at"], name="export_owner_newest")]

    def __str__(self):
        return self.title

    @property
    def percent(self):
        """How far the file has got, 0–100 (0 while the number of rows is not known yet)."""
        if self.state == ExportState.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)
