"""The campaign and its quotas: the year's movement of one organiser, the quota rule per unit kind and
the board's recorded overrides (DESIGN.md, "campaigns": Campaign, QuotaRule; "Quotas").
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from units.models import Unit, UnitKind

from ..choices import CampaignState, EntryKind


class CampaignQuerySet(models.QuerySet):
    def for_year(self, year, organiser_code=None):
        """The campaign of ``year`` (int), narrowed to the organiser with ``organiser_code`` if given:
        what a command line gives (DESIGN.md, "Interfaces": ``--organiser CODE``).

        Raises ``ValidationError`` (Vietnamese) when none matches, or when several organisers ran a
        campaign that year and no code was given.
        """
        campaigns = self.filter(year=year).select_related("organiser")
        if organiser_code:
            campaigns = campaigns.filter(organiser__code=organiser_code)
        found = list(campaigns[:2])
        if not found:
            where = f" của đơn vị có mã “{organiser_code}”" if organiser_code else ""
            raise ValidationError(f"Không có phong trào năm {year}{where}.")
        if len(found) > 1:
            codes = ", ".join(self.filter(year=year).values_list("organiser__code", flat=True))
            raise ValidationError(
                f"Năm {year} có nhiều phong trào ({codes}); hãy chỉ rõ đơn vị tổ chức bằng --organiser MÃ."
            )
        return found[0]


class Campaign(models.Model):
    """One organiser's movement for one year."""

    organiser = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="organised_campaigns", verbose_name="cấp ủy tổ chức"
    )
    year = models.PositiveSmallIntegerField("năm")
    title = models.CharField("tên phong trào", max_length=255)
    launch_date = models.DateField("ngày phát động", null=True, blank=True)
    registration_opens = models.DateField("mở đăng ký từ ngày")
    registration_closes = models.DateField("hạn đăng ký")
    results_due = models.DateField("hạn báo cáo kết quả", null=True, blank=True)
    state = models.CharField(
        "trạng thái", max_length=20, choices=CampaignState.choices, default=CampaignState.PLANNED
    )
    history = HistoricalRecords(verbose_name="lịch sử phong trào (kiểm toán)")

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = "phong trào thi đua"
        verbose_name_plural = "phong trào thi đua"
        ordering = ["-year", "organiser__path"]
        constraints = [
            models.UniqueConstraint(fields=["organiser", "year"], name="campaign_unique_organiser_year"),
            models.CheckConstraint(
                condition=models.Q(registration_closes__gte=models.F("registration_opens")),
                name="campaign_registration_window_order",
                violation_error_message="Hạn đăng ký phải sau ngày mở đăng ký.",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.organiser.short_name or self.organiser.name}, {self.year})"

    def registration_is_open(self, on=None):
        """True while the campaign takes registrations: state "open" and ``on`` (a date) in the window."""
        on = on or timezone.localdate()
        return self.state == CampaignState.OPEN and self.registration_opens <= on <= self.registration_closes

    def registration_notice(self, on=None):
        """One Vietnamese sentence saying whether registration is open on ``on`` (a date), why not,
        and until or from when: shown wherever staff could otherwise wonder why a button is missing.
        """
        on = on or timezone.localdate()
        opens, closes = f"{self.registration_opens:%d/%m/%Y}", f"{self.registration_closes:%d/%m/%Y}"
        if self.registration_is_open(on):
            days = (self.registration_closes - on).days
            left = "hôm nay là ngày cuối" if days == 0 else f"còn {days} ngày"
            return f"Đang nhận đăng ký đến hết ngày {closes} ({left})."
        if on < self.registration_opens:
            return f"Chưa đến thời gian đăng ký: đăng ký mở từ ngày {opens} đến hết ngày {closes}."
        if on > self.registration_closes:
            return (
                f"Đã hết hạn đăng ký (hạn cuối là ngày {closes}): không sửa, gửi hay rút hồ sơ được nữa "
                "(minh chứng vẫn bổ sung được đến khi phong trào kết thúc). Cần điều chỉnh, xin liên hệ "
                "Ban Dân vận."
            )
        return (
            f"Phong trào đang ở giai đoạn “{self.get_state_display()}”, không nhận đăng ký, sửa hay gửi "
            f"hồ sơ (thời gian đăng ký: {opens} – {closes}). Cần điều chỉnh, xin liên hệ Ban Dân vận."
        )

    def units(self):
        """Units taking part: the organiser's active subtree, the organiser itself excluded."""
        return Unit.objects.subtree_of(self.organiser, include_self=False)


class QuotaRule(models.Model):
    """How many models and exemplars one unit of a kind registers (the article's defaults)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="quota_rules", verbose_name="phong trào"
    )
    unit_kind = models.CharField("loại đơn vị", max_length=30, choices=UnitKind.choices)
    models_min = models.PositiveSmallIntegerField("mô hình tối thiểu")
    models_max = models.PositiveSmallIntegerField("mô hình tối đa")
    exemplars_min = models.PositiveSmallIntegerField("điển hình tối thiểu")
    exemplars_max = models.PositiveSmallIntegerField("điển hình tối đa")
    history = HistoricalRecords(verbose_name="lịch sử chỉ tiêu (kiểm toán)")

    class Meta:
        verbose_name = "chỉ tiêu đăng ký"
        verbose_name_plural = "chỉ tiêu đăng ký"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit_kind"], name="quota_unique_kind"),
            models.CheckConstraint(
                condition=models.Q(models_max__gte=models.F("models_min"))
                & models.Q(exemplars_max__gte=models.F("exemplars_min")),
                name="quota_max_at_least_min",
                violation_error_message="Số tối đa phải lớn hơn hoặc bằng số tối thiểu.",
            ),
        ]

    def __str__(self):
        return f"{self.get_unit_kind_display()}: {self.models_min}–{self.models_max} mô hình, " + (
            f"{self.exemplars_min}–{self.exemplars_max} điển hình"
        )

    def bounds(self, kind):
        """``(min, max)`` for an ``EntryKind`` value."""
        if kind == EntryKind.MODEL:
            return self.models_min, self.models_max
        return self.exemplars_min, self.exemplars_max


class QuotaOverride(models.Model):
    """The board lifts one unit's maximum for one campaign, with the reason recorded (DESIGN.md, "Quotas")."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="quota_overrides", verbose_name="phong trào"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="quota_overrides", verbose_name="đơn vị"
    )
    models_max = models.PositiveSmallIntegerField("mô hình tối đa")
    exemplars_max = models.PositiveSmallIntegerField("điển hình tối đa")
    reason = models.TextField("lý do điều chỉnh")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người quyết định",
        editable=False,
    )
    decided_at = models.DateTimeField("thời điểm", default=timezone.now, editable=False)
    history = HistoricalRecords(verbose_name="lịch sử điều chỉnh chỉ tiêu (kiểm toán)")

    class Meta:
        verbose_name = "điều chỉnh chỉ tiêu"
        verbose_name_plural = "điều chỉnh chỉ tiêu"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="quota_override_unique_unit"),
        ]

    def __str__(self):
        return f"{self.unit}: tối đa {self.models_max} mô hình, {self.exemplars_max} điển hình"

    def maximum(self, kind):
        return self.models_max if kind == EntryKind.MODEL else self.exemplars_max
