"""The council in the board's admin (issue [H] 5, 6): the council with its members and rules, and the
meeting's own page — attendance and quorum, candidates from the ranking, the secretary's tally of each
ballot, the outcome with the chair's tie-break, and the documents to print and sign. Every write goes
through ``awards.services.council``.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from campaigns.admin.scope import CampaignRecordAdmin
from campaigns.choices import EntryState, Evaluation
from campaigns.services import classing
from units.admin_scope import BoardScopeMixin

from ..documents import meeting_papers
from ..models import Attendance, AwardType, Council, CouncilMember, CouncilRule, Meeting
from ..services import council as council_service


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    fields = ("order", "name", "position", "role", "active")


class CouncilRuleInline(admin.TabularInline):
    model = CouncilRule
    extra = 0
    fields = ("award_type", "pass_share", "max_awards")


@admin.register(Council)
class CouncilAdmin(BoardScopeMixin, admin.ModelAdmin):
    """The council of an organiser, its members and its voting rules (defaults of issue [H])."""

    unit_path = "organiser"
    list_display = ("name", "organiser", "quorum", "pass_share", "max_ballots")
    inlines = [CouncilMemberInline, CouncilRuleInline]
    fields = (
        "organiser",
        "name",
        "heading_body",
        "quorum_numerator",
        "quorum_denominator",
        "pass_share",
        "max_ballots",
    )

    @admin.display(description="số có mặt tối thiểu")
    def quorum(self, council):
        return f"{council.quorum_numerator}/{council.quorum_denominator} tổng số"


def _int(post, name):
    """A count typed into the tally: a whole number from 0, else ``ValidationError`` naming the box."""
    text = (post.get(name) or "0").strip()
    if not text.isdigit() or len(text) > 4:
        raise ValidationError(f"“{text}” không phải là số phiếu (số nguyên từ 0).")
    return int(text)


@admin.register(Meeting)
class MeetingAdmin(CampaignRecordAdmin):
    list_display = ("__str__", "campaign", "place", "members_total")
    list_select_related = ("council", "campaign__organiser")
    fields = ("council", "campaign", "date", "starts_at", "place", "chair", "secretary", "conclusion")
    change_form_template = "admin/awards/meeting/change_form.html"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "council":
            kwargs["queryset"] = self.admin_site._registry[Council].get_queryset(request)
        if db_field.name in ("chair", "secretary"):
            councils = self.admin_site._registry[Council].get_queryset(request)
            kwargs["queryset"] = CouncilMember.objects.filter(council__in=councils, active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/dieu-hanh/", wrap(self.conduct_view), name="awards_meeting_conduct"),
            path("<int:pk>/giay-to/<slug:paper>/", wrap(self.paper_view), name="awards_meeting_paper"),
            *super().get_urls(),
        ]

    def _meeting(self, request, pk):
        return get_object_or_404(
            self.get_queryset(request).select_related(
                "council__organiser", "campaign__organiser", "chair", "secretary"
            ),
            pk=pk,
        )

    def conduct_view(self, request, pk):
        """The meeting as it happens: attendance, candidates, each ballot's tally, the outcome."""
        meeting = self._meeting(request, pk)
        errors = []
        if request.method == "POST":
            self.check_may_write(request, meeting)
            try:
                done = self._conduct(request, meeting, request.POST.get("do"))
            except ValidationError as error:
                errors = error.messages
            else:
                self.message_user(request, done, messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:awards_meeting_conduct", args=[meeting.pk]))
        members = list(CouncilMember.objects.filter(council=meeting.council, active=True))
        statuses = {a.member_id: a.status for a in meeting.attendance.all()}
        candidates = list(meeting.candidates.select_related("entry__unit", "award_type"))
        shown = {(c.entry_id, c.award_type_id) for c in candidates}
        ranked = [
            (
                kind,
                field,
                [row for row in rows if row.entry.evaluation in (Evaluation.PASSED, Evaluation.OUTSTANDING)],
            )
            for kind, field, rows in classing.ranking(meeting.campaign)
        ]
        outcomes = council_service.outcomes(meeting) if meeting.ballots.exists() else []
        context = {
            **self.admin_site.each_context(request),
            "title": f"Điều hành: {meeting}",
            "opts": self.model._meta,
            "meeting": meeting,
            "members": [(m, statuses.get(m.pk, Attendance.ABSENT)) for m in members],
            "attendance_choices": Attendance.choices,
            "quorum": council_service.quorum_of(meeting),
            "candidates": candidates,
            "ranked": [(k, f, rows) for k, f, rows in ranked if rows],
            "shown": shown,
            "award_types": AwardType.objects.all(),
            "ballots": list(meeting.ballots.prefetch_related("votes")),
            "outcomes": outcomes,
            "ties": [o for o in outcomes if o.passed is None or o.candidate.chair_pick],
            "errors": errors,
            "posted": request.POST if errors else None,
            "papers": meeting_papers.PAPERS,
            "may_write": self.may_write(request, meeting),
            "accepted": EntryState.ACCEPTED,
        }
        return TemplateResponse(request, "admin/awards/meeting/conduct.html", context)

    def _conduct(self, request, meeting, do):
        post = request.POST
        if do == "attendance":
            statuses = {
                int(key.removeprefix("member_")): value
                for key, value in post.items()
                if key.startswith("member_") and key.removeprefix("member_").isdigit()
            }
            council_service.record_attendance(meeting=meeting, by=request.user, statuses=statuses)
            quorum = council_service.quorum_of(meeting)
            return f"Đã ghi thành phần dự họp: có mặt {quorum.present}/{quorum.total}."
        if do == "candidates":
            award_type = AwardType.objects.filter(
                pk=post.get("award_type") if post.get("award_type", "").isdigit() else None
            ).first()
            if award_type is None:
                raise ValidationError("Hãy chọn hình thức khen thưởng đề nghị.")
            ids = [int(v) for v in post.getlist("entry") if v.isdigit()]
            entries = list(meeting.campaign.entries.filter(pk__in=ids))
            if not entries:
                raise ValidationError("Hãy chọn ít nhất một hồ sơ trong bảng xếp hạng.")
            made = council_service.put_candidates(
                meeting=meeting, by=request.user, candidates=[(entry, award_type) for entry in entries]
            )
            return f"Đã đưa {len(made)} hồ sơ ra xét, đề nghị {award_type.name}."
        if do == "ballot":
            candidates = list(meeting.candidates.all())
            first = not meeting.ballots.exists()
            voted = [c for c in candidates if first or f"agree_{c.pk}" in post]
            votes = {c.pk: (_int(post, f"agree_{c.pk}"), _int(post, f"disagree_{c.pk}")) for c in voted}
            written = (
                {
                    c.pk: (_int(post, f"written_agree_{c.pk}"), _int(post, f"written_disagree_{c.pk}"))
                    for c in voted
                }
                if first
                else None
            )
            ballot = council_service.record_ballot(
                meeting=meeting,
                by=request.user,
                issued=_int(post, "issued"),
                returned=_int(post, "returned"),
                spoilt=_int(post, "spoilt"),
                blank=_int(post, "blank"),
                votes=votes,
                written=written,
            )
            return f"Đã ghi kết quả kiểm phiếu lần {ballot.number}."
        if do == "tie":
            picks = [int(v) for v in post.getlist("pick") if v.isdigit()]
            council_service.break_tie(meeting=meeting, by=request.user, picks=picks)
            return "Đã ghi lựa chọn của chủ trì."
        raise ValidationError("Thao tác không hợp lệ.")

    def paper_view(self, request, pk, paper):
        """A paper of the meeting to print (``?in=1``) or to edit in Word (``.docx``)."""
        meeting = self._meeting(request, pk)
        return meeting_papers.response(request, meeting, paper)
