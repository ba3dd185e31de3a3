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
from tayho_danvan.lib.records import is_valid_key
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


def _int(post, name, label="", default="0"):
    """A count typed into the tally: a whole number from 0 to 9999, else ``ValidationError`` naming it
    (``label``). An empty box counts as ``default`` (``None``: left empty)."""
    text = (post.get(name) or "").strip()
    if not text:
        if default is None:
            return None
        text = default
    if not (text.isascii() and text.isdigit()):
        raise ValidationError(f"{label or 'Số phiếu'}: “{text}” không phải là số phiếu (số nguyên từ 0).")
    if len(text) > 4:
        raise ValidationError(f"{label or 'Số phiếu'}: “{text}” quá lớn (tối đa 9999 phiếu).")
    return int(text)


def _keys(values):
    """The ids among ``values`` (text from the form) that can be keys; the rest are ignored."""
    return [int(v) for v in values if is_valid_key(v)]


@admin.register(Meeting)
class MeetingAdmin(CampaignRecordAdmin):
    list_display = ("__str__", "campaign", "place", "members_total")
    list_select_related = ("council", "campaign__organiser")
    fields = ("council", "campaign", "date", "starts_at", "place", "chair", "secretary", "conclusion")
    change_form_template = "admin/awards/meeting/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        # Once voted, the meeting's council and campaign are what the ballots were counted against.
        if obj is not None and obj.ballots.exists():
            return ("council", "campaign")
        return ()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        def clean(self):
            cleaned = form.clean(self)
            council = cleaned.get("council") or (self.instance.council if self.instance.council_id else None)
            for name in ("chair", "secretary"):
                member = cleaned.get(name)
                if member is not None and council is not None and member.council_id != council.pk:
                    self.add_error(name, f"{member.name} không phải thành viên của {council}.")
            return cleaned

        return type(form.__name__, (form,), {"clean": clean})

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
        ballots = list(meeting.ballots.prefetch_related("votes"))
        typed = request.POST if errors else {}
        # The tally as typed comes back after a refusal: the secretary corrects one box, not all.
        tally = [
            {
                "candidate": c,
                "agree": typed.get(f"agree_{c.pk}", ""),
                "disagree": typed.get(f"disagree_{c.pk}", ""),
                "written_agree": typed.get(f"written_agree_{c.pk}", "0"),
                "written_disagree": typed.get(f"written_disagree_{c.pk}", "0"),
            }
            for c in candidates
        ]
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
            "ballots": ballots,
            "tally": tally,
            "more_ballots": len(ballots) < council_service.rules_of(meeting)["max_ballots"],
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
                if key.startswith("member_") and is_valid_key(key.removeprefix("member_"))
            }
            if not statuses:  # a form without its members' rows would mark everyone absent
                raise ValidationError("Hãy chọn tình trạng tham dự của các thành viên.")
            council_service.record_attendance(meeting=meeting, by=request.user, statuses=statuses)
            quorum = council_service.quorum_of(meeting)
            return f"Đã ghi thành phần dự họp: có mặt {quorum.present}/{quorum.total}."
        if do == "candidates":
            chosen = post.get("award_type", "")
            award_type = AwardType.objects.filter(pk=chosen).first() if is_valid_key(chosen) else None
            if award_type is None:
                raise ValidationError("Hãy chọn hình thức khen thưởng đề nghị.")
            ids = _keys(post.getlist("entry"))
            entries = list(meeting.campaign.entries.filter(pk__in=ids))
            if not entries:
                raise ValidationError("Hãy chọn ít nhất một hồ sơ trong bảng xếp hạng.")
            made = council_service.put_candidates(
                meeting=meeting, by=request.user, candidates=[(entry, award_type) for entry in entries]
            )
            return f"Đã đưa {len(made)} hồ sơ ra xét, đề nghị {award_type.name}."
        if do == "ballot":
            candidates = list(meeting.candidates.select_related("entry"))
            first = not meeting.ballots.exists()
            votes, written, problems = {}, {}, []
            for c in candidates:
                label = f"{c.order}. {c.entry}"
                try:
                    agree = _int(post, f"agree_{c.pk}", label, default=None)
                    disagree = _int(post, f"disagree_{c.pk}", label, default=None)
                    if first:
                        written[c.pk] = (
                            _int(post, f"written_agree_{c.pk}", f"{label} (văn bản)"),
                            _int(post, f"written_disagree_{c.pk}", f"{label} (văn bản)"),
                        )
                except ValidationError as error:
                    problems.extend(error.messages)
                    continue
                if agree is None and disagree is None:
                    # A second ballot re-votes some candidates: the rows left empty are not voted on.
                    if first:
                        problems.append(f"{label}: hãy ghi số phiếu đồng ý và không đồng ý (0 nếu không có).")
                    continue
                votes[c.pk] = (agree or 0, disagree or 0)
            if problems:
                raise ValidationError(problems)
            ballot = council_service.record_ballot(
                meeting=meeting,
                by=request.user,
                issued=_int(post, "issued", "Số phiếu phát ra"),
                returned=_int(post, "returned", "Số phiếu thu về"),
                spoilt=_int(post, "spoilt", "Số phiếu không hợp lệ"),
                blank=_int(post, "blank", "Số phiếu trắng"),
                votes=votes,
                written=written or None,
            )
            return f"Đã ghi kết quả kiểm phiếu lần {ballot.number}."
        if do == "remove":
            chosen = post.get("candidate", "")
            removed = council_service.remove_candidate(
                meeting=meeting, by=request.user, candidate_id=int(chosen) if is_valid_key(chosen) else None
            )
            return f"Đã bỏ “{removed.entry}” khỏi danh sách xét."
        if do == "tie":
            picks = _keys(post.getlist("pick"))
            council_service.break_tie(meeting=meeting, by=request.user, picks=picks)
            return "Đã ghi lựa chọn của chủ trì."
        raise ValidationError("Thao tác không hợp lệ.")

    def paper_view(self, request, pk, paper):
        """A paper of the meeting to print (``?in=1``) or to edit in Word (``.docx``)."""
        meeting = self._meeting(request, pk)
        return meeting_papers.response(request, meeting, paper)
