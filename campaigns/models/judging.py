"""Judging by criteria (issue [H], DESIGN.md "Judging and the council").

A campaign has one ``Rubric`` per entry kind: its ``Criterion`` rows with their maxima, the bonus and
penalty caps and the class thresholds (the organiser's to set: no official point scale for "Dân vận
khéo" exists). The unit scores itself and each assigned ``Reviewer`` scores on a ``Scoresheet`` with
one ``CriterionScore`` per criterion. The chair's finalisation writes the entry's ``evaluation``
(``campaigns.services.judging``); these models hold data only.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from units.models import Unit

from ..choices import EntryKind, Field, SheetKind, SheetState
from .campaign import Campaign
from .entry import Entry
from .evidence import Evidence

POINTS = {"max_digits": 5, "decimal_places": 1}


def points_text(value):
    """A score as Vietnamese write it: ``Decimal("18.5")`` → "18,5", ``Decimal("20.0")`` → "20"."""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


NOT_NEGATIVE = [MinValueValidator(Decimal(0))]


class Rubric(models.Model):
    """The scoring scheme of one campaign for one entry kind."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="rubrics", verbose_name="phong trào"
    )
    kind = models.CharField("loại hồ sơ", max_length=20, choices=EntryKind.choices)
    bonus_max = models.DecimalField(
        "điểm thưởng tối đa", default=Decimal(3), validators=NOT_NEGATIVE, **POINTS
    )
    penalty_max = models.DecimalField(
        "điểm trừ tối đa", default=Decimal(3), validators=NOT_NEGATIVE, **POINTS
    )
    outstanding_from = models.DecimalField(
        "Tiêu biểu từ (điểm)", default=Decimal(90), validators=NOT_NEGATIVE, **POINTS
    )
    outstanding_needs_every_criterion = models.BooleanField(
        "Tiêu biểu khi không tiêu chí nào 0 điểm", default=True
    )
    passed_from = models.DecimalField("Đạt từ (điểm)", default=Decimal(70), validators=NOT_NEGATIVE, **POINTS)
    deviation_share = models.PositiveSmallIntegerField(
        "lệch so với điểm tự chấm cần lý do khi quá (% điểm tối đa)",
        default=20,
        validators=[MaxValueValidator(100)],
    )
    history = HistoricalRecords(verbose_name="lịch sử bộ tiêu chí (kiểm toán)")

    class Meta:
        verbose_name = "bộ tiêu chí chấm điểm"
        verbose_name_plural = "bộ tiêu chí chấm điểm"
        ordering = ["campaign_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind"], name="rubric_unique_kind"),
            models.CheckConstraint(
                condition=models.Q(outstanding_from__gte=models.F("passed_from")),
                name="rubric_outstanding_above_passed",
                violation_error_message="Ngưỡng Tiêu biểu phải không thấp hơn ngưỡng Đạt.",
            ),
        ]

    def __str__(self):
        return f"Tiêu chí chấm {self.get_kind_display().lower()} — {self.campaign}"


class Criterion(models.Model):
    rubric = models.ForeignKey(
        Rubric, on_delete=models.CASCADE, related_name="criteria", verbose_name="bộ tiêu chí"
    )
    order = models.PositiveSmallIntegerField("thứ tự")
    name = models.CharField("tiêu chí", max_length=255)
    guidance = models.TextField("căn cứ cho điểm", blank=True)
    max_points = models.DecimalField("điểm tối đa", validators=[MinValueValidator(Decimal("0.5"))], **POINTS)
    history = HistoricalRecords(verbose_name="lịch sử tiêu chí (kiểm toán)")

    class Meta:
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        ordering = ["rubric_id", "order"]
        constraints = [models.UniqueConstraint(fields=["rubric", "order"], name="criterion_unique_order")]

    def __str__(self):
        return f"{self.order}. {self.name} ({points_text(self.max_points)} điểm)"


class Reviewer(models.Model):
    """A board member who scores a campaign's entries: all of them, or those of the ``wards`` (the
    units directly under the organiser) and ``fields`` named. The chair finalises the classes."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="reviewers", verbose_name="phong trào"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reviewer_roles",
        verbose_name="người chấm",
    )
    is_chair = models.BooleanField("trưởng ban (chốt xếp loại)", default=False)
    wards = models.ManyToManyField(
        Unit, blank=True, related_name="+", verbose_name="chấm các đơn vị", help_text="Để trống: mọi đơn vị."
    )
    fields = models.JSONField(
        "chấm các lĩnh vực", default=list, blank=True, help_text="Để trống: mọi lĩnh vực."
    )
    history = HistoricalRecords(verbose_name="lịch sử người chấm (kiểm toán)")

    class Meta:
        verbose_name = "người chấm"
        verbose_name_plural = "người chấm"
        ordering = ["campaign_id", "-is_chair", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "user"], name="reviewer_unique_user"),
            models.UniqueConstraint(
                fields=["campaign"],
                condition=models.Q(is_chair=True),
                name="reviewer_one_chair",
                violation_error_message="Phong trào này đã có trưởng ban: bỏ chọn ở người kia trước.",
            ),
        ]

    def __str__(self):
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name}{' (trưởng ban)' if self.is_chair else ''}"

    def field_labels(self):
        return [Field(value).label for value in self.fields if value in Field.values]


class Scoresheet(models.Model):
    """One scorer's points for one entry: the unit's own (``kind`` self, ``reviewer`` empty) or a
    reviewer's. ``total`` is kept by the services (criteria + bonus − penalty)."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="scoresheets", verbose_name="hồ sơ"
    )
    kind = models.CharField("loại phiếu", max_length=20, choices=SheetKind.choices)
    reviewer = models.ForeignKey(
        Reviewer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sheets",
        verbose_name="người chấm",
    )
    state = models.CharField(
        "trạng thái", max_length=20, choices=SheetState.choices, default=SheetState.DRAFT
    )
    bonus = models.DecimalField("điểm thưởng", default=Decimal(0), validators=NOT_NEGATIVE, **POINTS)
    bonus_reason = models.TextField("lý do điểm thưởng", blank=True)
    penalty = models.DecimalField("điểm trừ", default=Decimal(0), validators=NOT_NEGATIVE, **POINTS)
    penalty_reason = models.TextField("lý do điểm trừ", blank=True)
    total = models.DecimalField("tổng điểm", null=True, blank=True, **POINTS)
    comment = models.TextField("nhận xét", blank=True)
    abstain_reason = models.TextField("lý do không chấm", blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="người ghi",
    )
    updated_at = models.DateTimeField("sửa lúc", default=timezone.now)
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"], verbose_name="lịch sử phiếu chấm (kiểm toán)")

    class Meta:
        verbose_name = "phiếu chấm"
        verbose_name_plural = "phiếu chấm"
        ordering = ["entry_id", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry"], condition=models.Q(kind=SheetKind.SELF), name="scoresheet_one_self"
            ),
            models.UniqueConstraint(
                fields=["entry", "reviewer"],
                condition=models.Q(kind=SheetKind.REVIEWER),
                name="scoresheet_one_per_reviewer",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=SheetKind.SELF, reviewer__isnull=True)
                | models.Q(kind=SheetKind.REVIEWER, reviewer__isnull=False),
                name="scoresheet_reviewer_matches_kind",
            ),
        ]
        indexes = [models.Index(fields=["entry", "kind", "state"], name="scoresheet_entry_kind_state")]

    def __str__(self):
        who = "đơn vị tự chấm" if self.kind == SheetKind.SELF else str(self.reviewer)
        return f"{self.entry} — {who}"


class CriterionScore(models.Model):
    sheet = models.ForeignKey(
        Scoresheet, on_delete=models.CASCADE, related_name="scores", verbose_name="phiếu chấm"
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="+", verbose_name="tiêu chí"
    )
    points = models.DecimalField("điểm", validators=NOT_NEGATIVE, **POINTS)
    reason = models.TextField("giải trình / lý do", blank=True)
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="+", verbose_name="minh chứng")
    history = HistoricalRecords(verbose_name="lịch sử điểm theo tiêu chí (kiểm toán)")

    class Meta:
        verbose_name = "điểm theo tiêu chí"
        verbose_name_plural = "điểm theo tiêu chí"
        ordering = ["sheet_id", "criterion__order"]
        constraints = [models.UniqueConstraint(fields=["sheet", "criterion"], name="criterion_score_unique")]

    def __str__(self):
        return f"{self.criterion.name}: {points_text(self.points)}"
