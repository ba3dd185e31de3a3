"""The board's campaign admin: a campaign's dates and quota rules, and its stage moved by actions
through ``services.stages.change_campaign_state``. Scoped to the campaigns the reviewer reviews.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from tayho_danvan.lib.history import ScopedHistoryAdmin

from .. import permissions
from ..choices import CampaignState
from ..models import Campaign, QuotaRule
from ..services import stages


class QuotaRuleInline(admin.TabularInline):
    model = QuotaRule
    extra = 0


def _state_action(name, to, description):
    """An admin action that moves the selected campaigns to state ``to`` through the service."""

    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        done = 0
        for campaign in queryset:
            try:
                stages.change_campaign_state(campaign=campaign, to=to, by=request.user)
                done += 1
            except ValidationError as error:
                for message in error.messages:
                    modeladmin.message_user(request, message, messages.ERROR)
        if done:
            modeladmin.message_user(request, f"Đã chuyển {done} phong trào sang “{CampaignState(to).label}”.")

    action.__name__ = name
    return action


@admin.register(Campaign)
class CampaignAdmin(ScopedHistoryAdmin):
    list_display = (
        "title", "organiser", "year", "registration_opens", "registration_closes", "state", "report_link",
    )  # fmt: skip
    list_filter = ("year", "state")

    @admin.display(description="báo cáo")
    def report_link(self, campaign):
        return format_html(
            '<a href="{}">Xem báo cáo</a> · <a href="{}">Excel</a>',
            reverse("report_page", args=[campaign.pk]),
            reverse("report_workbook", args=[campaign.pk]),
        )

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

    def get_actions(self, request):
        return super().get_actions(request) if permissions.acts_as_reviewer(request.user) else {}

    def has_change_permission(self, request, obj=None):
        return permissions.acts_as_reviewer(request.user) and super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser decides which unit organises a campaign; the board runs it.
        if request.user.is_superuser:
            return self.readonly_fields
        return (*self.readonly_fields, "organiser")
