"""The board's judging in the admin (issue [H]): the rubric of each campaign and entry kind, the
reviewers and what each scores, and the scoring pages (``ScoringMixin`` on the entry admin): the queue,
one entry's sheet beside its text and evidence (save and next), the chair's finalisation, the ranking.
Every write goes through ``campaigns.services.judging`` and ``classing``.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from units.models import MembershipRole, Unit

from .. import permissions
from ..choices import CampaignState, EntryState, Evaluation, Field, SheetKind, SheetState
from ..models import Criterion, Reviewer, Rubric, Scoresheet
from ..services import classing, judging
from .filters import CampaignFilter
from .scope import CampaignRecordAdmin


def is_scored(rubric):
    """True once anyone has scored on ``rubric``: its criteria then keep their meaning and maxima."""
    return (
        rubric is not None
        and Scoresheet.objects.filter(entry__campaign_id=rubric.campaign_id, entry__kind=rubric.kind).exists()
    )


# Points typed as the office writes them ("20,5"), shown the same way.
LOCALIZED_POINTS = {models.DecimalField: {"localize": True}}


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ("order", "name", "guidance", "max_points")
    formfield_overrides = LOCALIZED_POINTS

    def has_add_permission(self, request, obj=None):
        return not is_scored(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not is_scored(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not is_scored(obj) and super().has_delete_permission(request, obj)


@admin.register(Rubric)
class RubricAdmin(CampaignRecordAdmin):
    """The criteria of a campaign's models or exemplars; made from last year's or the default by
    ``judging.set_up_rubrics`` (the campaign's action, or the first scoring page)."""

    list_display = ("__str__", "kind", "passed_from", "outstanding_from", "bonus_max", "penalty_max")
    list_filter = (CampaignFilter, "kind")
    list_select_related = ("campaign__organiser",)
    inlines = [CriterionInline]
    formfield_overrides = LOCALIZED_POINTS

    def change_view(self, request, object_id, form_url="", extra_context=None):
        rubric = self.get_queryset(request).filter(pk=object_id if str(object_id).isdigit() else None).first()
        if rubric is not None and is_scored(rubric) and request.method == "GET":
            self.message_user(
                request,
                "Đã có phiếu chấm (của đơn vị hoặc của Ban) theo bộ tiêu chí này: tiêu chí và điểm tối đa "
                "giữ nguyên để mọi phiếu cùng một thang điểm.",
                messages.INFO,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_readonly_fields(self, request, obj=None):
        # A rubric scored against keeps its criteria's meaning: the campaign and kind never move.
        return ("campaign", "kind") if obj is not None else ()

    def is_final(self, rubric):
        """Closed campaign, or scores given on it: changing a maximum would change every total."""
        return super().is_final(rubric) or is_scored(rubric)


class ReviewerForm(forms.ModelForm):
    fields = forms.MultipleChoiceField(
        label="chấm các lĩnh vực",
        choices=Field.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Để trống: mọi lĩnh vực.",
    )

    class Meta:
        model = Reviewer
        fields = ("campaign", "user", "is_chair", "wards", "fields")

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        campaigns = permissions.reviewable_campaigns(request.user).select_related("organiser")
        if self.instance.pk:  # the row's own campaign, read-only once it has sheets
            campaigns = campaigns.filter(pk=self.instance.campaign_id)
        if "campaign" in self.fields:
            self.fields["campaign"].queryset = campaigns
        organisers = list({c.organiser.pk: c.organiser for c in campaigns}.values())
        if "user" in self.fields:  # read-only once the reviewer has sheets: they stay theirs
            # The board's own members score.
            board = Unit.objects.subtree_of(*organisers) if organisers else Unit.objects.none()
            self.fields["user"].queryset = (
                get_user_model()
                .objects.filter(memberships__role=MembershipRole.REVIEWER, memberships__unit__in=board)
                .distinct()
                .order_by("first_name", "username")
            )
            self.fields["user"].label_from_instance = lambda u: (
                f"{u.get_full_name() or u.username} ({u.username})"
            )
        # The wards offered: the units directly under the organisers (a city: its few hundred wards).
        direct = Unit.objects.none()
        for organiser in organisers:
            direct |= Unit.objects.filter(path__startswith=organiser.path, depth=organiser.depth + 1)
        if "wards" in self.fields:  # all read-only on a closed campaign
            self.fields["wards"].queryset = direct.active().order_by("path")
            self.fields[
                "wards"
            ].help_text = "Để trống: mọi đơn vị. Giữ Ctrl (Cmd trên Mac) để chọn nhiều đơn vị."

    def clean_is_chair(self):
        # The constraint is checked only with the campaign in the form; it is read-only once scored.
        is_chair = self.cleaned_data.get("is_chair")
        campaign = self.cleaned_data.get("campaign") or getattr(self.instance, "campaign", None)
        if is_chair and campaign is not None:
            other = Reviewer.objects.filter(campaign=campaign, is_chair=True).exclude(pk=self.instance.pk)
            if other.exists():
                raise ValidationError(
                    f"Phong trào này đã có trưởng ban ({other.first()}): bỏ chọn ở người kia trước."
                )
        return is_chair

    def clean_wards(self):
        wards = self.cleaned_data["wards"]
        campaign = self.cleaned_data.get("campaign") or getattr(self.instance, "campaign", None)
        if campaign is not None:
            organiser = campaign.organiser
            outside = [
                w for w in wards if w.depth != organiser.depth + 1 or not w.path.startswith(organiser.path)
            ]
            if outside:
                raise ValidationError(
                    f"Chỉ phân công các đơn vị trực thuộc {organiser}: {', '.join(map(str, outside))}."
                )
        return wards


@admin.register(Reviewer)
class ReviewerAdmin(CampaignRecordAdmin):
    """Who scores what: a board member, the wards and fields assigned (empty: all), the chair."""

    form = ReviewerForm
    list_display = ("__str__", "campaign", "is_chair", "assigned")
    list_filter = (CampaignFilter, "is_chair")
    list_select_related = ("campaign__organiser", "user")

    def get_readonly_fields(self, request, obj=None):
        # A reviewer's sheets are theirs: once they have any, the person on the row does not change.
        if obj is not None and obj.sheets.exists():
            return ("campaign", "user")
        return ()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"__init__": _with_request(form.__init__, request)})

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("wards")

    @admin.display(description="phân công")
    def assigned(self, reviewer):
        wards = ", ".join(w.short_name or w.name for w in reviewer.wards.all()) or "mọi đơn vị"
        fields = ", ".join(reviewer.field_labels()) or "mọi lĩnh vực"
        return f"{wards}; {fields}"


def _with_request(init, request):
    def __init__(self, *args, **kwargs):
        init(self, *args, request=request, **kwargs)

    return __init__


class ScoringMixin:
    """The scoring pages, on the entry admin (its scope: another organiser's entry answers 404)."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("cham-diem/", wrap(self.score_queue_view), name="campaigns_entry_score_queue"),
            path("<int:pk>/cham-diem/", wrap(self.score_view), name="campaigns_entry_score"),
            path("xep-hang/<int:campaign_pk>/", wrap(self.ranking_view), name="campaigns_entry_ranking"),
            *super().get_urls(),
        ]

    def _reviewer_rows(self, request):
        return (
            Reviewer.objects.filter(user=request.user, campaign__state=CampaignState.EVALUATING)
            .select_related("campaign__organiser")
            .prefetch_related("wards")
        )

    def _queue(self, reviewer):
        own = Scoresheet.objects.filter(entry=OuterRef("pk"), kind=SheetKind.REVIEWER, reviewer=reviewer)
        unit_own = Scoresheet.objects.filter(entry=OuterRef("pk"), kind=SheetKind.SELF)
        return (
            judging.entries_to_score(reviewer)
            .select_related("unit")
            .annotate(
                own_state=Subquery(own.values("state")[:1]),
                own_total=Subquery(own.values("total")[:1]),
                # The chair classes only what the unit assessed (by criteria or, before [H], in words).
                self_scored=Exists(unit_own),
            )
        )

    def score_queue_view(self, request):
        """The entries each of the user's reviewer roles scores, with where they stand."""
        queues = []
        for reviewer in self._reviewer_rows(request):
            entries = list(self._queue(reviewer))
            # A classed entry is no longer scored: it waits for no one.
            waiting = [e for e in entries if e.own_state not in SheetState.done and not e.evaluation]
            queues.append({"reviewer": reviewer, "entries": entries, "waiting": waiting})
        context = {
            **self.admin_site.each_context(request),
            "title": "Chấm điểm hồ sơ",
            "opts": self.model._meta,
            "queues": queues,
            "States": SheetState,
        }
        return TemplateResponse(request, "admin/campaigns/entry/score_queue.html", context)

    def _next_url(self, reviewer, after):
        """The scoring page of the first entry after ``after`` in the reviewer's queue not yet done."""
        entries = list(self._queue(reviewer).values_list("pk", "own_state", "evaluation"))
        ids = [pk for pk, _, _ in entries]
        start = ids.index(after.pk) + 1 if after.pk in ids else 0
        for pk, state, evaluation in entries[start:] + entries[:start]:
            if state not in SheetState.done and not evaluation and pk != after.pk:
                return reverse("admin:campaigns_entry_score", args=[pk])
        return reverse("admin:campaigns_entry_score_queue")

    def score_view(self, request, pk):
        """One entry's scoring: its text and evidence beside the criteria; save and next."""
        entry = get_object_or_404(
            self.get_queryset(request).select_related("campaign__organiser", "unit"), pk=pk
        )
        reviewer = judging.reviewer_of(request.user, entry.campaign)
        if reviewer is None and not classing.is_chair(request.user, entry.campaign):
            self.message_user(
                request, "Bạn không có tên trong danh sách người chấm của phong trào này.", messages.ERROR
            )
            return HttpResponseRedirect(reverse("admin:campaigns_entry_score_queue"))
        rubric = judging.rubric_of(entry)
        sheet = judging.reviewer_sheet(entry, reviewer) if reviewer else None
        errors = []
        if request.method == "POST":
            self.check_may_write(request, entry)
            do = request.POST.get("do")
            try:
                done, go = self._score_post(request, entry, reviewer, rubric, do)
            except ValidationError as error:
                errors = error.messages
            else:
                self.message_user(request, done, messages.SUCCESS)
                return HttpResponseRedirect(go)
        own_done = sheet is not None and sheet.state in SheetState.done
        chair = classing.is_chair(request.user, entry.campaign)
        judgement = classing.judgement_of(entry) if own_done or (chair and reviewer is None) else None
        covered = reviewer is not None and judging.covers_entry(reviewer, entry)
        may_finalise = (
            chair and entry.campaign.state == CampaignState.EVALUATING and entry.state == EntryState.ACCEPTED
        )
        posted = request.POST if errors else None
        context = {
            **self.admin_site.each_context(request),
            "title": f"Chấm điểm: {entry}",
            "opts": self.model._meta,
            "entry": entry,
            "reviewer": reviewer,
            "rubric": rubric,
            "rows": _rows(rubric, sheet, judging.self_sheet(entry), posted),
            "sheet": sheet,
            "posted": posted,
            "errors": errors,
            "conflict": judging.conflict_of(request.user, entry) if reviewer else None,
            "may_score": judging.can_score(entry)
            and covered
            and (sheet is None or sheet.state != SheetState.ABSTAINED),
            "covered": covered,
            "self_assessed": bool(entry.self_assessment.strip()),
            "waiting_reviewers": classing.not_yet_scored_by(entry) if may_finalise and judgement else [],
            "judgement": judgement,
            "may_finalise": may_finalise,
            # Best class first, as the chair reads them.
            "evaluations": [
                (e.value, e.label) for e in (Evaluation.OUTSTANDING, Evaluation.PASSED, Evaluation.NOT_PASSED)
            ],
            "evidence": entry.evidence.filter(removed_at__isnull=True),
            "States": SheetState,
        }
        return TemplateResponse(request, "admin/campaigns/entry/score.html", context)

    def _score_post(self, request, entry, reviewer, rubric, do):
        """Carry out the scoring page's button ``do``; returns (message, where to go next)."""
        here = reverse("admin:campaigns_entry_score", args=[entry.pk])
        post = request.POST
        if do == "finalise":
            entry = classing.finalise_entry(
                entry=entry,
                by=request.user,
                result=post.get("result") or None,
                reason=post.get("reason", ""),
                comment=post.get("comment", ""),
            )
            return f"Đã chốt xếp loại “{entry}”: {entry.get_evaluation_display()}.", here
        if reviewer is None:
            raise ValidationError("Bạn không có tên trong danh sách người chấm của phong trào này.")
        if do == "abstain":
            judging.abstain(
                entry=entry, reviewer=reviewer, by=request.user, reason=post.get("abstain_reason", "")
            )
            return f"Đã ghi nhận bạn không chấm “{entry}”.", self._next_url(reviewer, entry)
        if do not in ("next", "draft"):
            raise ValidationError("Thao tác không hợp lệ.")
        scores = {
            criterion.pk: judging.Points(
                post.get(f"points_{criterion.pk}", ""), post.get(f"reason_{criterion.pk}", "")
            )
            for criterion in rubric.criteria.all()
        }
        sheet = judging.score_entry(
            entry=entry,
            reviewer=reviewer,
            by=request.user,
            scores=scores,
            bonus=post.get("bonus", ""),
            bonus_reason=post.get("bonus_reason", ""),
            penalty=post.get("penalty", ""),
            penalty_reason=post.get("penalty_reason", ""),
            comment=post.get("comment", ""),
            submit=do == "next",
        )
        if do == "draft":
            if sheet.state == SheetState.SUBMITTED:
                total = judging.points_text(sheet.total)
                return f"Đã lưu phần sửa phiếu đã nộp của “{entry}”: {total} điểm.", here
            return f"Đã lưu nháp phiếu chấm “{entry}”.", here
        total = judging.points_text(sheet.total)
        return f"Đã nộp phiếu chấm “{entry}”: {total} điểm.", self._next_url(reviewer, entry)

    def ranking_view(self, request, campaign_pk):
        """The campaign's scored entries ranked per kind and field: averages, spread, the class."""
        campaign = get_object_or_404(permissions.reviewable_campaigns(request.user), pk=campaign_pk)
        # Scoring is blind: a reviewer with entries still to score would read the others' totals here.
        reviewer = judging.reviewer_of(request.user, campaign)
        if (
            reviewer is not None
            and not reviewer.is_chair
            and campaign.state == CampaignState.EVALUATING
            and judging.waiting_for(request.user)
        ):
            self.message_user(
                request,
                "Bảng xếp hạng mở cho bạn khi bạn đã nộp phiếu (hoặc ghi nhận không chấm) mọi hồ sơ được "
                "phân công.",
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:campaigns_entry_score_queue"))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Xếp hạng theo điểm — {campaign}",
            "opts": self.model._meta,
            "campaign": campaign,
            "groups": classing.ranking(campaign),
        }
        return TemplateResponse(request, "admin/campaigns/entry/ranking.html", context)


def _rows(rubric, sheet, own, posted):
    """One row a criterion for the scoring form: the criterion, the unit's own score and explanation,
    and what the form shows (posted values after an error, else the reviewer's saved ones)."""
    mine = {score.criterion_id: score for score in sheet.scores.all()} if sheet else {}
    theirs = {score.criterion_id: score for score in own.scores.all()} if own else {}
    rows = []
    for criterion in rubric.criteria.all():
        saved = mine.get(criterion.pk)
        if posted is not None:
            points, reason = (
                posted.get(f"points_{criterion.pk}", ""),
                posted.get(f"reason_{criterion.pk}", ""),
            )
        else:
            points = judging.points_text(saved.points) if saved else ""
            reason = saved.reason if saved else ""
        rows.append(
            {"criterion": criterion, "own": theirs.get(criterion.pk), "points": points, "reason": reason}
        )
    return rows
