"""The board's admin: campaigns with their quotas, entries with filters and review actions.

Every queryset is scoped to the campaigns the reviewer may review (``permissions.reviewable_*``);
every state change goes through ``campaigns.services``.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.forms.models import construct_instance
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from awards.models import Decision
from awards.services import award_entries
from units.admin import UnaccentedSearchMixin
from units.models import Unit

from . import permissions, quotas, services
from .choices import CampaignState, EntryKind
from .models import Campaign, Entry, EntryEvent, Evidence, QuotaOverride, QuotaRule


class QuotaRuleInline(admin.TabularInline):
    model = QuotaRule
    extra = 0


def _state_action(name, to, description):
    """An admin action that moves the selected campaigns to state ``to`` through the service."""

    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        campaigns = list(queryset)
        for campaign in campaigns:
            services.change_campaign_state(campaign=campaign, to=to, by=request.user)
        modeladmin.message_user(
            request, f"Đã chuyển {len(campaigns)} phong trào sang “{CampaignState(to).label}”."
        )

    action.__name__ = name
    return action


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("title", "organiser", "year", "registration_opens", "registration_closes", "state")
    list_filter = ("year", "state")
    inlines = [QuotaRuleInline]
    list_select_related = ("organiser",)
    search_fields = ("title",)

    readonly_fields = ("state",)
    actions = [
        _state_action("open_registration", CampaignState.OPEN, "Mở đăng ký"),
        _state_action("start_implementation", CampaignState.IN_PROGRESS, "Chuyển sang triển khai"),
        _state_action("start_evaluation", CampaignState.EVALUATING, "Chuyển sang đánh giá"),
        _state_action("close_campaign", CampaignState.CLOSED, "Kết thúc phong trào"),
    ]

    def get_queryset(self, request):
        return permissions.reviewable_campaigns(request.user).select_related("organiser")

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser decides which unit organises a campaign; the board runs it.
        if request.user.is_superuser:
            return self.readonly_fields
        return (*self.readonly_fields, "organiser")


class CampaignFilter(admin.SimpleListFilter):
    title = "phong trào"
    parameter_name = "campaign"

    def lookups(self, request, model_admin):
        return [
            (c.pk, str(c)) for c in permissions.reviewable_campaigns(request.user).select_related("organiser")
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not str(self.value()).isdigit() or len(str(self.value())) > 18:
            return queryset.none()
        return queryset.filter(campaign_id=self.value())


class SubtreeFilter(admin.SimpleListFilter):
    """An organiser's ward or direct organisation, with every unit under it."""

    title = "đơn vị (gồm cả cấp dưới)"
    parameter_name = "subtree"

    def lookups(self, request, model_admin):
        organisers = [
            c.organiser for c in permissions.reviewable_campaigns(request.user).select_related("organiser")
        ]
        if not organisers:
            return []
        condition = Q()
        for organiser in {o.pk: o for o in organisers}.values():
            condition |= Q(path__startswith=organiser.path, depth=organiser.depth + 1)
        return [(u.code, u.name) for u in Unit.objects.filter(condition).order_by("path")]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        unit = Unit.objects.filter(code=self.value()).first()
        return queryset.filter(unit__path__startswith=unit.path) if unit else queryset.none()


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


class AwardForm(forms.Form):
    decision = forms.ModelChoiceField(
        queryset=Decision.objects.none(),
        label="Quyết định khen thưởng",
        error_messages={"required": "Hãy chọn quyết định.", "invalid_choice": "Quyết định không hợp lệ."},
    )

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions


@admin.register(Entry)
class EntryAdmin(UnaccentedSearchMixin, admin.ModelAdmin):
    list_display = ("title", "unit", "kind", "field", "state", "campaign")
    list_filter = (CampaignFilter, SubtreeFilter, "kind", "field", "state", "unit__kind")
    list_select_related = ("unit", "campaign__organiser")
    search_help_text = "Tìm theo tên mô hình, điển hình, người được nêu; gõ có dấu hay không dấu đều được."
    actions = ("accept_selected", "return_selected", "add_to_decision")
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
    )
    list_per_page = 50
    autocomplete_fields = ("continued_from", "replicates")

    def get_queryset(self, request):
        return permissions.reviewable_entries(request.user)

    def has_add_permission(self, request):
        # Units register in the browser; the board reviews.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _apply(self, request, queryset, transition, **kwargs):
        done, failed = 0, []
        for entry in queryset.select_related("campaign", "unit"):
            try:
                transition(entry=entry, by=request.user, **kwargs)
                done += 1
            except ValidationError as error:
                failed.extend(error.messages)
        if done:
            self.message_user(request, f"Đã xử lý {done} hồ sơ.", messages.SUCCESS)
        for message in failed:
            self.message_user(request, message, messages.ERROR)

    @admin.action(description="Duyệt các hồ sơ đã chọn", permissions=["change"])
    def accept_selected(self, request, queryset):
        self._apply(request, queryset, services.accept_entry)

    @admin.action(description="Trả lại các hồ sơ đã chọn (ghi lý do)", permissions=["change"])
    def return_selected(self, request, queryset):
        form = ReturnForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._apply(request, queryset, services.return_entry, reason=form.cleaned_data["reason"])
            return None
        return self._intermediate(request, queryset, form, "Trả lại hồ sơ", "return_selected")

    @admin.action(description="Đưa vào quyết định khen thưởng", permissions=["change"])
    def add_to_decision(self, request, queryset):
        decisions = Decision.objects.filter(campaign_id__in=queryset.values("campaign_id"))
        form = AwardForm(request.POST if "apply" in request.POST else None, decisions=decisions)
        if form.is_valid():
            try:
                created, skipped = award_entries(
                    decision=form.cleaned_data["decision"], entries=queryset, by=request.user
                )
            except ValidationError as error:
                for message in error.messages:
                    self.message_user(request, message, messages.ERROR)
                return None
            self.message_user(
                request,
                f"Đã thêm {len(created)} khen thưởng vào {form.cleaned_data['decision']}"
                + (f"; {len(skipped)} hồ sơ đã có trong quyết định." if skipped else "."),
                messages.SUCCESS,
            )
            return None
        return self._intermediate(
            request, queryset, form, "Đưa vào quyết định khen thưởng", "add_to_decision"
        )

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


OVERRIDE_CEILING = 50  # no unit registers more than this; also keeps typos out of a small-integer column


class QuotaOverrideForm(forms.ModelForm):
    class Meta:
        model = QuotaOverride
        fields = ("campaign", "unit", "models_max", "exemplars_max", "reason")
        help_texts = {
            "reason": "Bắt buộc. Muốn trở lại chỉ tiêu chung, hãy sửa số tối đa về mức chung và ghi lý do.",
        }

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        if "campaign" in self.fields:  # absent once saved: campaign and unit are then read-only
            campaigns = permissions.reviewable_campaigns(request.user).select_related("organiser")
            self.fields["campaign"].queryset = campaigns
            organisers = {c.organiser.pk: c.organiser for c in campaigns}.values()
            self.fields["unit"].queryset = Unit.objects.subtree_of(*organisers, include_self=False).active()
        for name in ("models_max", "exemplars_max"):
            self.fields[name].max_value = OVERRIDE_CEILING
            self.fields[name].validators.append(MaxValueValidator(OVERRIDE_CEILING))
            self.fields[name].widget.attrs["max"] = OVERRIDE_CEILING

    def _post_clean(self):
        # ``services.override_quota`` validates and writes (one door), updating a unit's existing
        # override rather than tripping the model's unique check; only the scope is checked here.
        self.instance = construct_instance(self, self.instance, self._meta.fields)
        campaign, unit = (
            self.instance.campaign_id and self.instance.campaign,
            self.instance.unit_id and self.instance.unit,
        )
        if campaign and unit:
            try:
                services.check_unit_in_campaign(campaign, unit)
            except ValidationError as error:
                self.add_error("unit", error.error_dict["unit"])


@admin.register(QuotaOverride)
class QuotaOverrideAdmin(admin.ModelAdmin):
    """The board lifts one unit's maximum, with a reason; every save goes through
    ``services.override_quota`` so who and when are recorded.
    """

    list_display = ("unit", "campaign", "models_max", "exemplars_max", "reason", "decided_by", "decided_at")
    list_filter = (CampaignFilter,)
    list_select_related = ("unit", "campaign__organiser", "decided_by")
    readonly_fields = ("decided_by", "decided_at")

    def get_queryset(self, request):
        return (
            super().get_queryset(request).filter(campaign__in=permissions.reviewable_campaigns(request.user))
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, form=QuotaOverrideForm, **kwargs)

        class ScopedForm(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, request=request, **kw)

        return ScopedForm

    def get_readonly_fields(self, request, obj=None):
        # An override belongs to one unit in one campaign: changing either would be a new override.
        return (*self.readonly_fields, "campaign", "unit") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = services.override_quota(
            campaign=obj.campaign,
            unit=obj.unit,
            models_max=data["models_max"],
            exemplars_max=data["exemplars_max"],
            reason=data["reason"],
            by=request.user,
        )
        counts = quotas.registered_counts(saved.campaign, [saved.unit_id])
        for kind, label in EntryKind.choices:
            if counts.get((saved.unit_id, kind), 0) > saved.maximum(kind):
                self.message_user(
                    request,
                    f"Lưu ý: {saved.unit} đã đăng ký {counts[(saved.unit_id, kind)]} {label.lower()}, "
                    f"nhiều hơn mức tối đa mới ({saved.maximum(kind)}); các hồ sơ đó vẫn giữ nguyên.",
                    messages.WARNING,
                )
        # The admin's redirect and log entry name the row the service wrote (new or updated).
        obj.pk, obj.decided_by, obj.decided_at = saved.pk, saved.decided_by, saved.decided_at

    def has_delete_permission(self, request, obj=None):
        return False
