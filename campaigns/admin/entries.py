"""The board's entry admin: filters, the change form with optimistic locking, and the review actions
(accept, return with a reason, evaluate). Scoped to the campaigns the reviewer may review
(``units.admin_scope``, through the campaign); every state change goes through ``campaigns.services``.
The awards floor adds "Đưa vào quyết định khen thưởng" on top (``awards.admin.entries``).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from units.admin import UnaccentedSearchMixin

from .. import permissions
from ..choices import Evaluation
from ..models import Entry, EntryEvent, Evidence
from ..services import review
from .filters import CampaignFilter, EvaluationFilter, SubtreeFilter
from .judging import ScoringMixin
from .scope import CampaignRecordAdmin
from .spreadsheets import EntrySpreadsheetMixin


class EntryEventInline(admin.TabularInline):
    model = EntryEvent
    extra = 0
    can_delete = False
    fields = ("at", "actor", "from_state", "to_state", "comment")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EvidenceInline(admin.TabularInline):
    """The unit's evidence files, read-only, downloaded through the same scoped view as in the browser."""

    model = Evidence
    extra = 0
    can_delete = False
    fields = ("download", "size", "note", "uploaded_by", "uploaded_at", "removed_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")

    @admin.display(description="tệp")
    def download(self, obj):
        url = reverse("evidence_download", args=[obj.entry_id, obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.original_name)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="Lý do trả lại",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Cần ghi lý do trả lại để đơn vị biết cần bổ sung gì."},
    )


class EntryAdminForm(forms.ModelForm):
    """The board's change form: saved only if nobody changed the entry since it was opened."""

    version = forms.CharField(widget=forms.HiddenInput, required=False, label="Phiên bản")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # The admin saves inside one transaction: this row lock holds until the save is done.
            current = Entry.objects.select_for_update().get(pk=self.instance.pk)
            if cleaned.get("version") != current.version:
                raise ValidationError(review.conflict_message(current), code="conflict")
        return cleaned


class EvaluationForm(forms.Form):
    result = forms.ChoiceField(
        label="Kết quả đánh giá",
        choices=[("", "— Chọn —"), *Evaluation.choices],
        error_messages={"required": "Hãy chọn kết quả đánh giá."},
    )
    comment = forms.CharField(label="Nhận xét", widget=forms.Textarea(attrs={"rows": 3}), required=False)


@admin.register(Entry)
class EntryAdmin(ScoringMixin, UnaccentedSearchMixin, EntrySpreadsheetMixin, CampaignRecordAdmin):
    form = EntryAdminForm
    # Narrow enough for a 1280 px laptop: the campaign by its year, the title wrapping (admin.css).
    list_display = ("title", "unit_name", "kind", "field", "state", "evaluation", "year")
    list_filter = (CampaignFilter, SubtreeFilter, "unit__kind", "field", "kind", "state", EvaluationFilter)
    list_select_related = ("unit", "campaign__organiser")
    search_help_text = "Tìm theo tên mô hình, điển hình, người được nêu; gõ có dấu hay không dấu đều được."
    actions = ("accept_selected", "return_selected", "evaluate_selected")
    inlines = [EvidenceInline, EntryEventInline]
    # Kind and unit count against quotas, and the author is part of the record: not editable here.
    readonly_fields = (
        "campaign",
        "unit",
        "kind",
        "created_by",
        "state",
        "return_reason",
        "evaluation",
        "evaluation_comment",
        "submitted_at",
        "created_at",
        "continued_from",
        "self_assessment",  # the unit's own words: the board reads them, never writes them
    )
    list_per_page = 50
    autocomplete_fields = ("replicates",)
    # Newest first, by index: the tree order of a million entries is a sort of a million rows.
    ordering = ("-pk",)

    @admin.display(description="năm", ordering="campaign__year")
    def year(self, entry):
        return entry.campaign.year

    @admin.display(description="đơn vị", ordering="unit__name")
    def unit_name(self, entry):
        return entry.unit.name

    def save_model(self, request, obj, form, change):
        """Board corrections go through ``review.correct_entry`` (an event names what changed)."""
        values = {n: form.cleaned_data[n] for n in form.changed_data if n in review.CORRECTABLE_FIELDS}
        if values:
            review.correct_entry(entry=obj, by=request.user, **values)

    def has_add_permission(self, request):
        # Units register in the browser; the board reviews.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_formset_kwargs(self, request, obj, inline, prefix):
        # The evidence and history lists are read-only: whatever is posted for them is never read.
        # The form is rebuilt from the rows that exist, so a tampered row ("evidence-0-id=abc") cannot
        # reach the page (it failed there with a 500).
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if "data" in kwargs and isinstance(inline, EvidenceInline | EntryEventInline):
            ids = list(inline.model.objects.filter(entry=obj).values_list("pk", flat=True))
            data = {f"{prefix}-TOTAL_FORMS": str(len(ids)), f"{prefix}-INITIAL_FORMS": str(len(ids))}
            data |= {f"{prefix}-{index}-id": str(pk) for index, pk in enumerate(ids)}
            kwargs["data"], kwargs["files"] = data, {}
        return kwargs

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The review buttons above the form: what this reviewer may do to this entry now.
        entry = (
            self.get_queryset(request)
            .filter(pk=object_id if str(object_id).isdigit() else None)
            .select_related("campaign")
            .first()
        )
        if entry is not None:
            extra_context = {
                **(extra_context or {}),
                "can_accept_or_return": permissions.can_accept_or_return(request.user, entry),
                "can_evaluate": permissions.can_evaluate(request.user, entry),
                "evaluation_choices": Evaluation.choices,
                "review_url": reverse("admin:campaigns_entry_review", args=[entry.pk]),
                "entry_version": entry.version,
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        review_view = self.admin_site.admin_view(require_POST(self.review_view))
        return [
            path("<int:pk>/xet-duyet/", review_view, name="campaigns_entry_review"),
            *super().get_urls(),
        ]

    def review_view(self, request, pk):
        """Accept, return with a reason, or evaluate one entry from its own page, through the same doors
        as the list's actions; a reviewer who opened an older version is told instead of overwriting.
        """
        entry = get_object_or_404(self.get_queryset(request).select_related("campaign", "unit"), pk=pk)
        if not self.has_change_permission(request, entry):
            raise PermissionDenied
        version = request.POST.get("version") or None
        do = request.POST.get("do")
        try:
            if do == "accept":
                review.accept_entry(entry=entry, by=request.user, expected_version=version)
                done = f"Đã duyệt “{entry}”."
            elif do == "return":
                review.return_entry(
                    entry=entry,
                    by=request.user,
                    reason=request.POST.get("reason", ""),
                    expected_version=version,
                )
                done = f"Đã trả lại “{entry}” cho {entry.unit}, kèm lý do."
            elif do == "evaluate":
                entry = review.evaluate_entry(
                    entry=entry,
                    by=request.user,
                    result=request.POST.get("result", ""),
                    comment=request.POST.get("comment", ""),
                    expected_version=version,
                )
                done = f"Đã đánh giá “{entry}”: {entry.get_evaluation_display()}."
            else:
                raise ValidationError("Thao tác không hợp lệ.")
        except ValidationError as error:
            for message in error.messages:
                self.message_user(request, message, messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:campaigns_entry_change", args=[entry.pk]))

    def _apply(self, request, queryset, transition, *, done_message, **kwargs):
        """Run ``transition(entry=…, by=…, **kwargs)`` on each entry; one message naming what was done
        to which entries (``done_message`` holds "{n}" and "{titles}"), one per refusal. ``kwargs`` may
        hold callables of the entry, for values that differ per entry.
        """
        done, failed = [], []
        for entry in queryset.select_related("campaign", "unit"):
            values = {name: value(entry) if callable(value) else value for name, value in kwargs.items()}
            try:
                transition(entry=entry, by=request.user, **values)
                done.append(entry)
            except ValidationError as error:
                failed.extend(error.messages)
        if done:
            titles = ", ".join(f"“{entry}”" for entry in done[:5]) + (" …" if len(done) > 5 else "")
            self.message_user(request, done_message.format(n=len(done), titles=titles), messages.SUCCESS)
        for message in failed:
            self.message_user(request, message, messages.ERROR)

    @admin.action(description="Duyệt các hồ sơ đã chọn", permissions=["change"])
    def accept_selected(self, request, queryset):
        self._apply(request, queryset, review.accept_entry, done_message="Đã duyệt {n} hồ sơ: {titles}.")

    @admin.action(description="Trả lại các hồ sơ đã chọn (ghi lý do)", permissions=["change"])
    def return_selected(self, request, queryset):
        form = ReturnForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._apply(
                request,
                queryset,
                review.return_entry,
                done_message="Đã trả lại {n} hồ sơ cho đơn vị, kèm lý do: {titles}.",
                reason=form.cleaned_data["reason"],
            )
            return None
        return self._intermediate(request, queryset, form, "Trả lại hồ sơ", "return_selected")

    @admin.action(description="Đánh giá kết quả (Đạt / Không đạt / Tiêu biểu)", permissions=["change"])
    def evaluate_selected(self, request, queryset):
        form = EvaluationForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._apply(
                request,
                queryset,
                review.evaluate_entry,
                done_message="Đã đánh giá {n} hồ sơ: {titles}.",
                result=form.cleaned_data["result"],
                comment=form.cleaned_data["comment"],
                # What the reviewer saw when choosing: a newer change wins over this action.
                expected_version=lambda entry: request.POST.get(f"version_{entry.pk}") or None,
            )
            return None
        return self._intermediate(request, queryset, form, "Đánh giá kết quả", "evaluate_selected")

    def _intermediate(self, request, queryset, form, title, action):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "entries": queryset.select_related("unit"),
            "action": action,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/campaigns/entry/action_form.html", context)
