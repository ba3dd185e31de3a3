"""The board's campaign admin: a campaign's dates and quota rules, and its stage moved by actions
through ``services.stages.change_campaign_state``. Scoped to the campaigns the reviewer reviews.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.template.response import TemplateResponse

from units.admin_scope import BoardAdmin, BoardInlineMixin

from ..choices import CampaignState, EntryState
from ..models import Campaign, QuotaRule
from ..services import judging, stages


class QuotaRuleInline(BoardInlineMixin, admin.TabularInline):
    model = QuotaRule
    extra = 0


def _state_action(name, to, description):
    """An admin action that moves the selected campaigns to state ``to`` through the service."""

    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        if "apply" not in request.POST:
            # A stage change locks or opens every ward at once: say what it freezes, then confirm.
            return _confirm_page(modeladmin, request, queryset, name, to)
        done = 0
        for campaign in queryset:
            try:
                before = campaign.state
                if stages.change_campaign_state(campaign=campaign, to=to, by=request.user).state != before:
                    done += 1
            except ValidationError as error:
                for message in error.messages:
                    modeladmin.message_user(request, message, messages.ERROR)
        if done:
            modeladmin.message_user(request, f"Đã chuyển {done} phong trào sang “{CampaignState(to).label}”.")

    action.__name__ = name
    return action


def _confirm_page(modeladmin, request, queryset, action, to):
    campaigns = queryset.select_related("organiser").annotate(
        drafts=Count("entries", filter=Q(entries__state=EntryState.DRAFT)),
        returned=Count("entries", filter=Q(entries__state=EntryState.RETURNED)),
        pending=Count("entries", filter=Q(entries__state__in=EntryState.awaiting_review)),
        accepted=Count("entries", filter=Q(entries__state=EntryState.ACCEPTED)),
        unevaluated=Count("entries", filter=Q(entries__state=EntryState.ACCEPTED, entries__evaluation="")),
    )
    rows = []
    for campaign in campaigns:
        problem = stages.move_problem(campaign, to, request.user)
        # A campaign already at ``to`` is allowed (a no-op) but gives the button nothing to do.
        rows.append((campaign, problem or _effect(campaign, to), problem is None and campaign.state != to))
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": f"Chuyển sang “{CampaignState(to).label}”?",
        "rows": rows,
        "any_allowed": any(allowed for _, _, allowed in rows),
        "action_to": to,
        "action": action,
        "opts": modeladmin.model._meta,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/campaigns/campaign/confirm_stage.html", context)


def _effect(campaign, to):
    """What moving ``campaign`` (annotated with its entry counts) to ``to`` does to the wards, in words."""
    if campaign.state == to:
        return "Đang ở giai đoạn này: không thay đổi gì."
    if campaign.state == CampaignState.CLOSED:
        return (
            "Mở lại phong trào đã kết thúc (chỉ quản trị hệ thống làm được), "
            f"về “{CampaignState(to).label}”: "
            "các quyết định, khen thưởng, chỉ tiêu và chữ ký giao ước đã chốt sẽ lại sửa, xóa được. "
            "Hãy ghi lý do mở lại vào hồ sơ lưu."
        )
    if to == CampaignState.OPEN:
        return (
            f"Mở đăng ký cho mọi đơn vị từ {campaign.registration_opens:%d/%m/%Y} đến hết ngày "
            f"{campaign.registration_closes:%d/%m/%Y}: bản nháp và hồ sơ bị trả lại lại sửa, gửi được."
        )
    parts = []
    if campaign.state == CampaignState.OPEN:
        parts.append(
            f"Khóa đăng ký của mọi đơn vị: {campaign.drafts} bản nháp và {campaign.returned} hồ sơ bị "
            f"trả lại sẽ không sửa, gửi được nữa; {campaign.pending} hồ sơ chờ duyệt vẫn duyệt được."
        )
    if to == CampaignState.PLANNED:
        parts.append("Phong trào trở về giai đoạn chuẩn bị; các đơn vị chưa đăng ký được.")
    elif to == CampaignState.IN_PROGRESS:
        parts.append(f"Các đơn vị triển khai {campaign.accepted} hồ sơ đã duyệt.")
    elif to == CampaignState.EVALUATING:
        parts.append(
            f"Ban Dân vận ghi kết quả đánh giá: {campaign.unevaluated} trong {campaign.accepted} hồ sơ "
            "đã duyệt chưa có kết quả."
        )
    elif to == CampaignState.CLOSED:
        left = (
            f" {campaign.unevaluated} hồ sơ đã duyệt chưa có kết quả đánh giá."
            if campaign.unevaluated
            else ""
        )
        parts.append("Kết quả và khen thưởng được chốt; chỉ quản trị hệ thống mở lại được." + left)
    return " ".join(parts)


@admin.register(Campaign)
class CampaignAdmin(BoardAdmin):
    list_display = (
        "title", "organiser", "year", "registration_opens", "registration_closes", "state",
    )  # fmt: skip
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
        "set_up_rubrics",
    ]

    @admin.action(description="Lập bộ tiêu chí chấm điểm (chép từ năm trước)", permissions=["change"])
    def set_up_rubrics(self, request, queryset):
        """Each selected campaign's rubrics, made where missing (``judging.set_up_rubrics``)."""
        for campaign in queryset.select_related("organiser"):
            judging.set_up_rubrics(campaign=campaign)
            self.message_user(
                request,
                f"{campaign}: đã có bộ tiêu chí chấm mô hình và bộ tiêu chí chấm điển hình; "
                "sửa ở mục “Bộ tiêu chí chấm điểm”.",
            )

    unit_path = "organiser"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organiser")

    def is_final(self, campaign):
        # Closed: its results and awards are decided; only an administrator reopens it (stages).
        return campaign.state == CampaignState.CLOSED

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser decides which unit organises a campaign; the board runs it.
        if request.user.is_superuser:
            return self.readonly_fields
        return (*self.readonly_fields, "organiser")
