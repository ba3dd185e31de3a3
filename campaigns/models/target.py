"""The organiser's plan targets of a campaign: planned against achieved (DESIGN.md, "campaigns": Target)."""

from decimal import Decimal

from django.db import models
from simple_history.models import HistoricalRecords

from ..choices import TargetStatus
from .campaign import Campaign


class Target(models.Model):
    """A plan target (chỉ tiêu) of the organiser for the year: planned against achieved."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="targets", verbose_name="phong trào"
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
