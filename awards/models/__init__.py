"""Award types, ceremonies, decisions and the awards they list (DESIGN.md, "awards"); the council that
votes on the candidates in ``council`` (issue [H]).

A decision keeps the issuer's name as it was on its date and is never rewritten when units change.
"""

import unicodedata
import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from campaigns.models import Campaign, Entry
from tayho_danvan.lib.documents import normal_text
from units.collation import COLLATION
from units.models import Unit

from ..rules import award_problem


class AwardLevel(models.TextChoices):
    ORGANISER = "organiser", "Cấp tổ chức phong trào (quận, phường)"
    CITY = "city", "Cấp thành phố"
    CENTRAL = "central", "Cấp Trung ương"


class RecipientKind(models.TextChoices):
    MODEL = "model", "Mô hình"
    EXEMPLAR = "exemplar", "Điển hình"
    INDIVIDUAL = "individual", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể"


class AwardType(models.Model):
    name = models.CharField("hình thức khen thưởng", max_length=100, unique=True)
    level = models.CharField("cấp khen thưởng", max_length=20, choices=AwardLevel.choices)
    default_issuer = models.CharField("cơ quan khen thưởng mặc định", max_length=255, blank=True)

    class Meta:
        verbose_name = "hình thức khen thưởng"
        verbose_name_plural = "hình thức khen thưởng"
        ordering = ["level", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_level_display().lower()})"


class Ceremony(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="ceremonies", verbose_name="phong trào"
    )
    date = models.DateField("ngày tổ chức")
    place = models.CharField("địa điểm", max_length=255, blank=True)
    title = models.CharField("tên hội nghị", max_length=300)
    history = HistoricalRecords(verbose_name="lịch sử hội nghị (kiểm toán)")

    class Meta:
        verbose_name = "hội nghị biểu dương"
        verbose_name_plural = "hội nghị biểu dương"
        ordering = ["-date"]

    def __str__(self):
        return f"{self.title} ({self.date:%d/%m/%Y})"


def decision_scan_path(decision, filename):
    """Stored name: the year and a random name; the uploader's file name never chooses where the scan
    lands or what it is called (its suffix comes from the checked content)."""
    suffix = PurePath(filename).suffix.lower()
    return f"quyet-dinh/{timezone.localdate():%Y}/{uuid.uuid4().hex}{suffix}"


class Decision(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="decisions", verbose_name="phong trào"
    )
    award_type = models.ForeignKey(
        AwardType, on_delete=models.PROTECT, related_name="decisions", verbose_name="hình thức khen thưởng"
    )
    number = models.CharField(
        "số quyết định", max_length=50, help_text="Ghi đúng như trên văn bản, ví dụ 125-QĐ/QU."
    )
    date = models.DateField("ngày quyết định")
    issuer_name = models.CharField(
        "cơ quan ban hành", max_length=255, help_text="Tên cơ quan đúng như ngày ký quyết định."
    )
    signer_name = models.CharField("người ký", max_length=255, blank=True)
    signer_position = models.CharField("chức vụ người ký", max_length=255, blank=True)
    ceremony = models.ForeignKey(
        Ceremony,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name="trao tại hội nghị",
    )
    scanned_file = models.FileField(
        "bản quét quyết định",
        upload_to=decision_scan_path,
        blank=True,
        max_length=255,
        help_text="PDF hoặc ảnh JPEG/PNG của quyết định đã ký, tối đa 10 MB.",
    )
    history = HistoricalRecords(verbose_name="lịch sử quyết định (kiểm toán)")

    class Meta:
        verbose_name = "quyết định khen thưởng"
        verbose_name_plural = "quyết định khen thưởng"
        ordering = ["-date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_name", "number"],
                name="decision_unique_number_per_issuer",
                violation_error_message="Cơ quan này đã có quyết định mang số này.",
            )
        ]

    def __str__(self):
        return f"Quyết định số {self.number} ngày {self.date:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        # One spelling of the same text: NFC (as typed on any keyboard), single spaces.
        self.number = " ".join(unicodedata.normalize("NFC", self.number).split())
        self.issuer_name = " ".join(unicodedata.normalize("NFC", self.issuer_name).split())
        super().save(*args, **kwargs)

    def clean(self):
        """The same number from the same issuer, however it is typed (case, "Uỷ"/"Ủy", spaces), is one
        decision: refuse a second one.
        """
        number, issuer = normal_text(self.number or ""), normal_text(self.issuer_name or "")
        others = Decision.objects.exclude(pk=self.pk).values_list("number", "issuer_name")
        if any(normal_text(n) == number and normal_text(i) == issuer for n, i in others):
            raise ValidationError({"number": f"{self.issuer_name} đã có quyết định số {self.number}."})


class Award(models.Model):
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="awards", verbose_name="quyết định"
    )
    position = models.PositiveIntegerField("STT")
    recipient_kind = models.CharField("đối tượng", max_length=20, choices=RecipientKind.choices)
    entry = models.ForeignKey(
        Entry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name="mô hình / điển hình",
    )
    recipient_name = models.CharField("tên tập thể / họ và tên", max_length=300, db_collation=COLLATION)
    recipient_position = models.CharField("chức vụ", max_length=255, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="awards", verbose_name="đơn vị")
    achievement = models.TextField("thành tích", blank=True)
    history = HistoricalRecords(verbose_name="lịch sử khen thưởng (kiểm toán)")

    class Meta:
        verbose_name = "khen thưởng"
        verbose_name_plural = "danh sách khen thưởng"
        permissions = [("export_award", "Xuất danh sách khen thưởng ra Excel")]
        ordering = ["decision", "position"]
        # The award list newest decision first (the admin's order), read from the index.
        indexes = [models.Index(fields=["-decision", "position"], name="award_newest_decision")]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "position"],
                name="award_unique_position",
                violation_error_message="Quyết định này đã có khen thưởng mang số thứ tự (STT) này.",
            ),
            models.UniqueConstraint(
                fields=["decision", "entry"],
                condition=models.Q(entry__isnull=False),
                name="award_unique_entry_per_decision",
                violation_error_message="Mô hình, điển hình này đã có trong quyết định.",
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.recipient_name}"

    def clean(self):
        if self.decision_id is None:
            return
        errors = {}
        registered = self.recipient_kind in (RecipientKind.MODEL, RecipientKind.EXEMPLAR)
        if registered and self.entry is None:
            errors["entry"] = "Khen thưởng mô hình, điển hình phải chọn hồ sơ đã đăng ký."
        if registered and self.entry is not None and self.entry.kind != self.recipient_kind:
            errors["recipient_kind"] = (
                f"Đối tượng phải là “{self.entry.get_kind_display()}” như hồ sơ đã chọn."
            )
        if not registered and self.entry is not None:
            errors["entry"] = "Cá nhân, tập thể thêm tay không gắn với hồ sơ; hãy bỏ chọn hồ sơ."
        if self.position is not None and self.position < 1:
            errors["position"] = "STT bắt đầu từ 1."
        if errors:
            raise ValidationError(errors)
        # A new award, or one moved to another decision, meets the closed-campaign rule; one corrected
        # in place does not (the admin lets only an administrator do that, with a reason).
        moved = (
            self.pk is None or Award.objects.filter(pk=self.pk).exclude(decision_id=self.decision_id).exists()
        )
        problem = award_problem(
            decision=self.decision, entry=self.entry, unit=self.unit if self.unit_id else None, adding=moved
        )
        if problem:
            raise ValidationError(problem)


# The council and its meetings (issue [H]); imported last, as their module names AwardType by label.
from .council import (  # noqa: E402
    Attendance,
    Ballot,
    Candidate,
    Council,
    CouncilMember,
    CouncilRule,
    Meeting,
    MeetingAttendance,
    MemberRole,
    Vote,
)

__all__ = [
    "Attendance",
    "Award",
    "AwardLevel",
    "AwardType",
    "Ballot",
    "Candidate",
    "Ceremony",
    "Council",
    "CouncilMember",
    "CouncilRule",
    "Decision",
    "Meeting",
    "MeetingAttendance",
    "MemberRole",
    "RecipientKind",
    "Vote",
    "decision_scan_path",
]
