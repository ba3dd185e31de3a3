"""The council that votes on the candidates (issue [H] 5; DESIGN.md "Judging and the council").

A ``Council`` of an organiser (the Hội đồng thi đua – khen thưởng on the state side, the Ban Thường vụ on
the Party side) has its ``CouncilMember``s and its rules as data: quorum, the share of all members a
candidate needs (``CouncilRule`` makes it stricter per award type and may cap the awards of a meeting),
the ballots allowed. A ``Meeting`` records who attended, who was absent with a written opinion, the
``Candidate``s put to it and, for each ballot, the tally the secretary typed from the paper ballots
(``Ballot``, ``Vote``). ``awards.services_council`` checks the tally and applies the rules.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from campaigns.models import Campaign, Entry
from units.models import Unit


class MemberRole(models.TextChoices):
    CHAIR = "chair", "Chủ tịch Hội đồng / Bí thư"
    VICE_CHAIR = "vice_chair", "Phó Chủ tịch Hội đồng / Phó Bí thư"
    MEMBER = "member", "Ủy viên"
    SECRETARY = "secretary", "Thư ký"


class Attendance(models.TextChoices):
    PRESENT = "present", "Có mặt"
    WRITTEN = "written", "Vắng, có ý kiến bằng văn bản"
    ABSENT = "absent", "Vắng"


SHARE = [MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(100))]


class Council(models.Model):
    organiser = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="councils", verbose_name="cấp ủy"
    )
    name = models.CharField("tên hội đồng", max_length=255, help_text="Ví dụ: Ban Thường vụ Quận ủy Tây Hồ.")
    heading_body = models.CharField(
        "cơ quan đứng tên trên giấy tờ",
        max_length=255,
        blank=True,
        help_text="Ví dụ: Quận ủy Tây Hồ (bên Đảng) hoặc Ủy ban nhân dân phường Tây Hồ (bên chính quyền). "
        "Để trống: tên cấp ủy tổ chức.",
    )
    # Defaults of issue [H]: quorum two thirds of all members; a candidate needs more than half of all
    # members (present votes plus written opinions); two ballots at most (Bắc Ninh QĐ 86/2025 and the
    # like under NĐ 152/2025).
    quorum_numerator = models.PositiveSmallIntegerField("số có mặt tối thiểu: tử số", default=2)
    quorum_denominator = models.PositiveSmallIntegerField(
        "số có mặt tối thiểu: mẫu số",
        default=3,
        validators=[MinValueValidator(1)],
        help_text="Mặc định 2/3 tổng số thành viên.",
    )
    pass_share = models.DecimalField(
        "tỷ lệ đồng ý để được đề nghị (% tổng số thành viên, phải vượt quá)",
        max_digits=5,
        decimal_places=2,
        default=Decimal(50),
        validators=SHARE,
    )
    max_ballots = models.PositiveSmallIntegerField(
        "số lần bỏ phiếu tối đa cho một nội dung", default=2, validators=[MinValueValidator(1)]
    )
    history = HistoricalRecords(verbose_name="lịch sử hội đồng (kiểm toán)")

    class Meta:
        verbose_name = "hội đồng thi đua – khen thưởng"
        verbose_name_plural = "hội đồng thi đua – khen thưởng"
        ordering = ["organiser__path", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.quorum_numerator < 1 or self.quorum_numerator > self.quorum_denominator:
            raise ValidationError(
                {
                    "quorum_numerator": "Số có mặt tối thiểu là một phần của tổng số (ví dụ 2/3): "
                    "tử số từ 1 đến mẫu số."
                }
            )
        if self.max_ballots > 5:
            raise ValidationError({"max_ballots": "Tối đa 5 lần bỏ phiếu cho một nội dung."})

    @property
    def issuer_name(self):
        """The body whose heading the meeting's papers carry."""
        return self.heading_body or self.organiser.name


class CouncilRule(models.Model):
    """A stricter share for one award type (80% or 90% of all members for the titles NĐ 98/2023 Điều 30
    khoản 7 named) and the most awards of that type one meeting may propose."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="rules", verbose_name="hội đồng"
    )
    award_type = models.ForeignKey(
        "awards.AwardType", on_delete=models.PROTECT, related_name="+", verbose_name="hình thức khen thưởng"
    )
    pass_share = models.DecimalField(
        "tỷ lệ đồng ý tối thiểu (% tổng số thành viên)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=SHARE,
        help_text="Để trống: theo tỷ lệ chung của hội đồng.",
    )
    max_awards = models.PositiveIntegerField(
        "số được đề nghị tối đa mỗi cuộc họp", null=True, blank=True, help_text="Để trống: không giới hạn."
    )
    history = HistoricalRecords(verbose_name="lịch sử quy định của hội đồng (kiểm toán)")

    class Meta:
        verbose_name = "quy định theo hình thức khen thưởng"
        verbose_name_plural = "quy định theo hình thức khen thưởng"
        constraints = [models.UniqueConstraint(fields=["council", "award_type"], name="council_rule_unique")]

    def __str__(self):
        return f"{self.council} — {self.award_type}"

    def clean(self):
        # A rule per award type is stricter than the council's share, never laxer.
        if self.pass_share is not None and self.council_id and self.pass_share <= self.council.pass_share:
            raise ValidationError(
                {
                    "pass_share": "Tỷ lệ riêng phải cao hơn tỷ lệ chung của hội đồng "
                    f"({self.council.pass_share.normalize():f}%)."
                }
            )


class CouncilMember(models.Model):
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="members", verbose_name="hội đồng"
    )
    name = models.CharField("họ và tên", max_length=255)
    position = models.CharField("chức vụ", max_length=255, blank=True)
    role = models.CharField("vai trò", max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    order = models.PositiveSmallIntegerField("thứ tự", default=100)
    active = models.BooleanField("đang là thành viên", default=True)
    history = HistoricalRecords(verbose_name="lịch sử thành viên hội đồng (kiểm toán)")

    class Meta:
        verbose_name = "thành viên hội đồng"
        verbose_name_plural = "thành viên hội đồng"
        ordering = ["council", "order", "pk"]

    def __str__(self):
        return f"{self.name} — {self.get_role_display()}"


class Meeting(models.Model):
    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="meetings", verbose_name="hội đồng"
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="meetings", verbose_name="phong trào"
    )
    date = models.DateField("ngày họp")
    starts_at = models.TimeField("giờ bắt đầu", null=True, blank=True)
    place = models.CharField("địa điểm", max_length=255, blank=True)
    chair = models.ForeignKey(
        CouncilMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="chủ trì",
    )
    secretary = models.ForeignKey(
        CouncilMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="thư ký",
    )
    members_total = models.PositiveSmallIntegerField("tổng số thành viên hội đồng", editable=False, default=0)
    conclusion = models.TextField("kết luận của chủ trì", blank=True)
    # The council's rules as they stood at the first ballot (``council.rules_of``): a later change of
    # the council never rewrites a past meeting's results or papers.
    rules_used = models.JSONField("quy định đã áp dụng", default=dict, blank=True, editable=False)
    history = HistoricalRecords(verbose_name="lịch sử cuộc họp xét khen thưởng (kiểm toán)")

    class Meta:
        verbose_name = "cuộc họp xét khen thưởng"
        verbose_name_plural = "cuộc họp xét khen thưởng"
        ordering = ["-date", "pk"]

    def __str__(self):
        return f"Họp {self.council} ngày {self.date:%d/%m/%Y}"


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name="cuộc họp"
    )
    member = models.ForeignKey(
        CouncilMember, on_delete=models.PROTECT, related_name="+", verbose_name="thành viên"
    )
    status = models.CharField(
        "tham dự", max_length=20, choices=Attendance.choices, default=Attendance.PRESENT
    )

    class Meta:
        verbose_name = "thành phần dự họp"
        verbose_name_plural = "thành phần dự họp"
        ordering = ["meeting", "member__order", "member__pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique_member")]

    def __str__(self):
        return f"{self.member.name}: {self.get_status_display()}"


class Candidate(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="candidates", verbose_name="cuộc họp"
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, related_name="candidacies", verbose_name="hồ sơ"
    )
    award_type = models.ForeignKey(
        "awards.AwardType", on_delete=models.PROTECT, related_name="+", verbose_name="đề nghị hình thức"
    )
    order = models.PositiveSmallIntegerField("thứ tự trên phiếu")
    written_agree = models.PositiveSmallIntegerField("đồng ý bằng văn bản (thành viên vắng)", default=0)
    written_disagree = models.PositiveSmallIntegerField("không đồng ý bằng văn bản", default=0)
    chair_pick = models.BooleanField("chủ trì chọn khi bằng phiếu", default=False)
    passed = models.BooleanField("được đề nghị khen thưởng", null=True, editable=False)
    history = HistoricalRecords(verbose_name="lịch sử người được đưa ra xét (kiểm toán)")

    class Meta:
        verbose_name = "hồ sơ đưa ra xét"
        verbose_name_plural = "hồ sơ đưa ra xét"
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "entry", "award_type"], name="candidate_unique_entry"),
            models.UniqueConstraint(fields=["meeting", "order"], name="candidate_unique_order"),
        ]

    def __str__(self):
        return f"{self.order}. {self.entry} — {self.award_type.name}"


class Ballot(models.Model):
    """One round of voting: the paper ballots counted (issued, returned, spoilt, blank)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="ballots", verbose_name="cuộc họp"
    )
    number = models.PositiveSmallIntegerField("lần bỏ phiếu")
    issued = models.PositiveSmallIntegerField("số phiếu phát ra")
    returned = models.PositiveSmallIntegerField("số phiếu thu về")
    spoilt = models.PositiveSmallIntegerField("số phiếu không hợp lệ", default=0)
    blank = models.PositiveSmallIntegerField("số phiếu trắng", default=0)
    history = HistoricalRecords(verbose_name="lịch sử kiểm phiếu (kiểm toán)")

    class Meta:
        verbose_name = "lần bỏ phiếu"
        verbose_name_plural = "lần bỏ phiếu"
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="ballot_unique_number")]

    def __str__(self):
        return f"Lần bỏ phiếu thứ {self.number}"

    @property
    def valid(self):
        return self.returned - self.spoilt


class Vote(models.Model):
    ballot = models.ForeignKey(
        Ballot, on_delete=models.CASCADE, related_name="votes", verbose_name="lần bỏ phiếu"
    )
    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="votes", verbose_name="hồ sơ"
    )
    agree = models.PositiveSmallIntegerField("đồng ý")
    disagree = models.PositiveSmallIntegerField("không đồng ý")
    history = HistoricalRecords(verbose_name="lịch sử kết quả phiếu (kiểm toán)")

    class Meta:
        verbose_name = "kết quả phiếu"
        verbose_name_plural = "kết quả phiếu"
        constraints = [models.UniqueConstraint(fields=["ballot", "candidate"], name="vote_unique_candidate")]

    def __str__(self):
        return f"{self.candidate}: {self.agree} đồng ý, {self.disagree} không đồng ý"
