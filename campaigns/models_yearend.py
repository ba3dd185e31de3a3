"""The emulation pledge and the plan targets of a campaign (DESIGN.md, "campaigns": Pledge, Target).

Imported by ``campaigns.models`` so that Django registers them with the app.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from units.models import Unit


class Pledge(models.Model):
    """The year's giao ước thi đua: numbered commitments that the units sign at the launch."""

    campaign = models.OneToOneField(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="pledge", verbose_name="phong trào"
    )
    title = models.CharField("tiêu đề", max_length=255, default="Giao ước thi đua")
    preamble = models.TextField("lời mở đầu", blank=True)
    history = HistoricalRecords(verbose_name="lịch sử giao ước (kiểm toán)")

    class Meta:
        verbose_name = "giao ước thi đua"
        verbose_name_plural = "giao ước thi đua"

    def __str__(self):
        return f"{self.title} năm {self.campaign.year}"


class PledgeItem(models.Model):
    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="items", verbose_name="giao ước"
    )
    number = models.PositiveSmallIntegerField("số thứ tự")
    text = models.TextField("nội dung")

    class Meta:
        verbose_name = "nội dung giao ước"
        verbose_name_plural = "nội dung giao ước"
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["pledge", "number"], name="pledge_item_unique_number")]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"


class PledgeSignature(models.Model):
    """One unit's signature of the pledge, by its leader (who signed, as what, on which day)."""

    pledge = models.ForeignKey(
        Pledge, on_delete=models.PROTECT, related_name="signatures", verbose_name="giao ước"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="pledge_signatures", verbose_name="đơn vị"
    )
    signer_name = models.CharField("người ký", max_length=255)
    signer_position = models.CharField("chức vụ", max_length=255)
    signed_on = models.DateField("ngày ký")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người ghi nhận",
        editable=False,
    )
    recorded_at = models.DateTimeField("ghi nhận lúc", default=timezone.now, editable=False)
    history = HistoricalRecords(verbose_name="lịch sử chữ ký giao ước (kiểm toán)")

    class Meta:
        verbose_name = "chữ ký giao ước"
        verbose_name_plural = "chữ ký giao ước"
        ordering = ["unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "unit"], name="pledge_signature_unique_unit")
        ]

    def __str__(self):
        return f"{self.unit}: {self.signer_name}"


class TargetStatus(models.TextChoices):
    PENDING = "pending", "Chưa báo cáo"
    MISSED = "missed", "Không đạt"
    MET = "met", "Đạt"
    EXCEEDED = "exceeded", "Vượt"


class Target(models.Model):
    """A plan target (chỉ tiêu) of the organiser for the year: planned against achieved."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="targets", verbose_name="phong trào"
    )
    order = models.PositiveSmallIntegerField("số thứ tự")
    name = models.CharField("chỉ tiêu", max_length=500)
    measure = models.CharField("đơn vị tính", max_length=50, blank=True)
    planned = models.DecimalField(
        "kế hoạch",
        max_digits=14,
        decimal_places=2,
        error_messages={"invalid": "Kế hoạch phải là một số, ví dụ 95 hoặc 12,5."},
    )
    achieved = models.DecimalField(
        "thực hiện",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        error_messages={"invalid": "Thực hiện phải là một số, ví dụ 97 hoặc 12,5."},
    )
    higher_is_better = models.BooleanField(
        "càng cao càng tốt",
        default=True,
        help_text="Bỏ chọn cho chỉ tiêu càng thấp càng tốt (ví dụ tỷ lệ hộ nghèo).",
    )
    history = HistoricalRecords(verbose_name="lịch sử chỉ tiêu kế hoạch (kiểm toán)")

    class Meta:
        verbose_name = "chỉ tiêu kế hoạch"
        verbose_name_plural = "chỉ tiêu kế hoạch"
        ordering = ["campaign", "order"]
        constraints = [models.UniqueConstraint(fields=["campaign", "order"], name="target_unique_order")]

    def __str__(self):
        return f"{self.order}. {self.name}"

    @property
    def status(self):
        """``TargetStatus``: pending until achieved is known; met at the plan, exceeded beyond it
        (below it for a lower-is-better target). The article's "21/21, 6 vượt" counts exceeded as met too.
        """
        if self.achieved is None:
            return TargetStatus.PENDING
        achieved, planned = Decimal(self.achieved), Decimal(self.planned)
        if not self.higher_is_better:
            achieved, planned = -achieved, -planned
        if achieved < planned:
            return TargetStatus.MISSED
        return TargetStatus.MET if achieved == planned else TargetStatus.EXCEEDED
