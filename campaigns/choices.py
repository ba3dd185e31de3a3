"""Every enumeration of the movement, with Vietnamese labels, and the named groups of states.

Templates and views ask these groups (``EntryState.editable``…) instead of listing states themselves.
"""

from django.db import models


class CampaignState(models.TextChoices):
    PLANNED = "planned", "Chuẩn bị"
    OPEN = "open", "Đang đăng ký"
    IN_PROGRESS = "in_progress", "Đang triển khai"
    EVALUATING = "evaluating", "Đang đánh giá"
    CLOSED = "closed", "Đã kết thúc"


class EntryKind(models.TextChoices):
    MODEL = "model", "Mô hình"
    EXEMPLAR = "exemplar", "Điển hình"


class Field(models.TextChoices):
    """The four fields (lĩnh vực) of the article, in its order."""

    ECONOMY = "economy", "Kinh tế"
    CULTURE_SOCIETY = "culture_society", "Văn hóa – xã hội"
    DEFENCE_SECURITY = "defence_security", "Quốc phòng – an ninh"
    POLITICAL_SYSTEM = "political_system", "Xây dựng hệ thống chính trị"


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể"


class EntryState(models.TextChoices):
    DRAFT = "draft", "Bản nháp"
    SUBMITTED = "submitted", "Đã gửi, chờ duyệt"
    ACCEPTED = "accepted", "Đã duyệt"
    RETURNED = "returned", "Trả lại để bổ sung"
    RESUBMITTED = "resubmitted", "Đã gửi lại, chờ duyệt"
    WITHDRAWN = "withdrawn", "Đã rút"


class Evaluation(models.TextChoices):
    PASSED = "passed", "Đạt"
    NOT_PASSED = "not_passed", "Không đạt"
    OUTSTANDING = "outstanding", "Tiêu biểu"


# Named groups of states: the only place where state logic is spelled out.
EntryState.editable = frozenset({EntryState.DRAFT, EntryState.RETURNED})
EntryState.submittable = frozenset({EntryState.DRAFT, EntryState.RETURNED})
EntryState.awaiting_review = frozenset({EntryState.SUBMITTED, EntryState.RESUBMITTED})
EntryState.counted_as_registered = frozenset(
    {EntryState.SUBMITTED, EntryState.RESUBMITTED, EntryState.ACCEPTED}
)
EntryState.awardable = frozenset({EntryState.ACCEPTED})
EntryState.withdrawable = frozenset(
    {EntryState.DRAFT, EntryState.SUBMITTED, EntryState.RESUBMITTED, EntryState.RETURNED}
)
CampaignState.running = frozenset({CampaignState.OPEN, CampaignState.IN_PROGRESS, CampaignState.EVALUATING})
# A returned entry keeps its place against the maximum while the unit corrects it: another entry
# cannot take the place and leave the corrected one unable to go back (it is not "registered" yet).
EntryState.holds_quota_place = EntryState.counted_as_registered | {EntryState.RETURNED}


class SheetKind(models.TextChoices):
    SELF = "self", "Đơn vị tự chấm"
    REVIEWER = "reviewer", "Ban Dân vận chấm"


class SheetState(models.TextChoices):
    DRAFT = "draft", "Đang chấm"
    SUBMITTED = "submitted", "Đã nộp"
    ABSTAINED = "abstained", "Không chấm (xung đột lợi ích)"


# A scorer who has submitted or abstained may see the other reviewers' scores (issue [H]: blind until then).
SheetState.done = frozenset({SheetState.SUBMITTED, SheetState.ABSTAINED})


class TargetStatus(models.TextChoices):
    PENDING = "pending", "Chưa báo cáo"
    MISSED = "missed", "Không đạt"
    MET = "met", "Đạt"
    EXCEEDED = "exceeded", "Vượt"


class ExportState(models.TextChoices):
    """A file made outside the request (``campaigns.services.exports``)."""

    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang tạo"
    DONE = "done", "Đã xong"
    FAILED = "failed", "Không tạo được"


ExportState.finished = frozenset({ExportState.DONE, ExportState.FAILED})
