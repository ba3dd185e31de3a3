"""The entry (a registered model or exemplar) and its state events (DESIGN.md, "campaigns": Entry).

Thin: state changes go through ``campaigns.services``; who may do what is ``campaigns.permissions``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Now
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from simple_history.models import HistoricalRecords

from units.collation import COLLATION, fold
from units.models import Unit

from ..choices import EntryKind, EntryState, Evaluation, Field, SubjectKind
from .campaign import Campaign

MAX_TEXT = 10_000  # characters in one free-text answer of the form
TEXT_FIELDS = (
    "new_hard_task",
    "situation",
    "objectives",
    "content_method",
    "place_target_group",
    "forces",
    "resources",
    "milestones",
    "expected_outputs",
    "sustainability",
    "self_assessment",
)


class Entry(models.Model):
    """A registered model (mô hình) or exemplar (điển hình) of one unit in one campaign."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="entries", verbose_name="phong trào"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="entries", verbose_name="đơn vị")
    kind = models.CharField("loại", max_length=20, choices=EntryKind.choices)
    title = models.CharField(
        "tên mô hình / điển hình",
        max_length=300,
        db_collation=COLLATION,
        error_messages={"blank": "Hãy nhập tên mô hình hoặc điển hình."},
    )
    field = models.CharField("lĩnh vực", max_length=30, choices=Field.choices)
    new_hard_task = models.TextField("việc mới, việc khó gắn với mô hình", blank=True)
    head_responsible = models.CharField("người đứng đầu chịu trách nhiệm", max_length=255, blank=True)

    # The registration form (DESIGN.md).
    situation = models.TextField("thực trạng và lý do xây dựng", blank=True)
    objectives = models.TextField("mục tiêu", blank=True)
    content_method = models.TextField("nội dung và cách làm", blank=True)
    place_target_group = models.TextField("địa bàn, đối tượng", blank=True)
    forces = models.TextField("lực lượng chủ trì và phối hợp", blank=True)
    resources = models.TextField("nguồn lực (kinh phí, nhân lực, xã hội hóa)", blank=True)
    start_date = models.DateField("ngày bắt đầu", null=True, blank=True)
    milestones = models.TextField("các mốc thực hiện", blank=True)
    expected_outputs = models.TextField("kết quả dự kiến, kiểm đếm được", blank=True)
    sustainability = models.TextField("tính bền vững và khả năng nhân rộng", blank=True)

    # An exemplar's subject.
    subject_kind = models.CharField("điển hình là", max_length=20, choices=SubjectKind.choices, blank=True)
    subject_name = models.CharField("họ tên / tên tập thể", max_length=255, blank=True)
    subject_position = models.CharField("chức vụ", max_length=255, blank=True)

    continued_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continuations",
        verbose_name="tiếp nối từ năm trước",
    )
    replicates = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replications",
        verbose_name="nhân rộng từ mô hình",
    )

    state = models.CharField(
        "trạng thái", max_length=20, choices=EntryState.choices, default=EntryState.DRAFT, editable=False
    )
    return_reason = models.TextField("lý do trả lại", blank=True, editable=False)
    self_assessment = models.TextField("tự đánh giá của đơn vị", blank=True)
    evaluation = models.CharField(
        "kết quả đánh giá", max_length=20, choices=Evaluation.choices, blank=True, editable=False
    )
    evaluation_comment = models.TextField("nhận xét của Ban Dân vận", blank=True, editable=False)
    # From [H]: the reviewers' average total when the chair finalised, and why the class differs from the
    # one the thresholds give (empty when it does not).
    score = models.DecimalField(
        "điểm bình quân", max_digits=5, decimal_places=1, null=True, blank=True, editable=False
    )
    evaluation_reason = models.TextField("lý do xếp loại khác ngưỡng điểm", blank=True, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người tạo",
    )
    created_at = models.DateTimeField("tạo lúc", db_default=Now())
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")
    # The registration form's one-time token: a second POST of the same form finds this entry
    # instead of creating a twin (a double click, a reloaded page, two tabs).
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["search_text", "form_token", "updated_at"], verbose_name="lịch sử hồ sơ (kiểm toán)"
    )

    class Meta:
        verbose_name = "mô hình, điển hình"
        verbose_name_plural = "mô hình, điển hình"
        permissions = [
            ("import_entry", "Nhập hồ sơ từ Excel"),
            ("export_entry", "Xuất hồ sơ ra Excel"),
        ]
        ordering = ["unit__path", "kind", "pk"]
        constraints = [
            # One continuation of last year's entry per campaign: a second click finds the first copy.
            models.UniqueConstraint(
                fields=["campaign", "continued_from"],
                condition=models.Q(continued_from__isnull=False),
                name="entry_one_continuation_per_campaign",
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "unit", "kind", "state"], name="entry_campaign_unit_kind"),
            # Counts by state, ruling, kind and field read from the index alone (the unit page, the
            # report; the id too, which COUNT reads).
            models.Index(
                fields=["campaign", "state", "evaluation", "kind", "field", "id"], name="entry_campaign_tally"
            ),
            # The evaluated entries of a campaign, newest first (the unit page's results).
            models.Index(
                fields=["campaign", "-id"], condition=~models.Q(evaluation=""), name="entry_evaluated_newest"
            ),
            # Lists newest first, a page at a time from the last id seen (keyset pagination).
            models.Index(fields=["campaign", "-id"], name="entry_campaign_newest"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = search_text_of(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "subject_name", "unit"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        # A spreadsheet cell holds at most 32,767 characters: keep every text exportable.
        for name in TEXT_FIELDS:
            if len(getattr(self, name) or "") > MAX_TEXT:
                label = self._meta.get_field(name).verbose_name
                errors[name] = f"“{label}” dài quá {MAX_TEXT:,} ký tự; hãy rút gọn.".replace(",", ".")
        if self.field and self.field not in Field.values:
            errors["field"] = "Lĩnh vực phải là một trong bốn lĩnh vực của phong trào."
        if self.kind == EntryKind.EXEMPLAR:
            if not self.subject_kind:
                errors["subject_kind"] = "Điển hình cần ghi rõ là cá nhân hay tập thể."
            if not self.subject_name.strip():
                errors["subject_name"] = "Điển hình cần ghi họ tên cá nhân hoặc tên tập thể."
        if errors:
            raise ValidationError(errors)

    @property
    def version(self):
        """A token that changes with every save: forms carry it to detect a newer change (a string)."""
        return self.updated_at.isoformat() if self.updated_at else ""

    @property
    def recipient_name(self):
        """Who is commended for this entry: the exemplar's subject, else the model's title."""
        if self.kind == EntryKind.EXEMPLAR and self.subject_name:
            return self.subject_name
        return self.title


def search_text_of(entry):
    """The folded text the unaccented search reads: title, exemplar, and the unit's own folded name, in
    one column so one trigram index serves a search over a million entries (issue [E])."""
    unit_text = entry.unit.search_text if entry.unit_id else ""
    return f"{fold(f'{entry.title} {entry.subject_name}')} {unit_text}".strip()


@receiver(post_save, sender=Unit, dispatch_uid="campaigns.entry_search_text")
def refresh_search_text(sender, instance, update_fields=None, raw=False, **kwargs):
    """A unit renamed: its entries are found by the new name (a few dozen rows a unit, in one update)."""
    if raw or (update_fields is not None and not {"name", "short_name", "code"} & set(update_fields)):
        return
    entries = list(Entry.objects.filter(unit=instance).only("pk", "title", "subject_name", "unit_id"))
    for entry in entries:
        entry.unit = instance
        entry.search_text = search_text_of(entry)
    Entry.objects.bulk_update(entries, ["search_text"], batch_size=500)


class EntryEvent(models.Model):
    """One change of an entry's state: who, when, from, to, and the comment (e.g. a return reason)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="events", verbose_name="hồ sơ")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người thực hiện",
    )
    at = models.DateTimeField("thời điểm", default=timezone.now)
    from_state = models.CharField("từ trạng thái", max_length=20, choices=EntryState.choices, blank=True)
    to_state = models.CharField("sang trạng thái", max_length=20, choices=EntryState.choices)
    comment = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "lịch sử hồ sơ"
        verbose_name_plural = "lịch sử hồ sơ"
        ordering = ["at", "pk"]

    def __str__(self):
        before = self.get_from_state_display() if self.from_state else "—"
        return f"{self.entry}: {before} → {self.get_to_state_display()}"

    @property
    def changes_state(self):
        """False for events that only note something (evidence added) without a change of state."""
        return self.from_state != self.to_state
