"""The emulation pledge of a campaign: its numbered items and the units' signatures (DESIGN.md,
"campaigns": Pledge). Signing rules are ``campaigns.services.pledges``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from units.models import Unit

from .campaign import Campaign


class Pledge(models.Model):
    """The year's giao ước thi đua: numbered commitments that the units sign at the launch."""

    campaign = models.OneToOneField(
        Campaign, on_delete=models.PROTECT, related_name="pledge", verbose_name="phong trào"
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
    history = HistoricalRecords(verbose_name="lịch sử nội dung giao ước (kiểm toán)")

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
