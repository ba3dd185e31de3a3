"""The award action on the board's entry admin: "Đưa vào quyết định khen thưởng".

The entry admin belongs to the campaigns floor, which knows nothing of awards; this floor registers
the same admin again with the action added (Django's way of extending another app's admin).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from campaigns.admin import entries
from campaigns.models import Entry

from ..models import Decision
from ..services import award_entries
from ..templatetags.work_queue import WORK


class AwardForm(forms.Form):
    decision = forms.ModelChoiceField(
        queryset=Decision.objects.none(),
        label="Quyết định khen thưởng",
        error_messages={"required": "Hãy chọn quyết định.", "invalid_choice": "Quyết định không hợp lệ."},
    )

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions


class WorkFilter(admin.SimpleListFilter):
    """What waits for the board beyond review: results to rule on, passed entries not yet awarded (the
    links of the admin home's work queue, ``awards.templatetags.work_queue``).
    """

    title = "việc cần làm"
    parameter_name = "cho"

    def lookups(self, request, model_admin):
        return [("danh-gia", "Cần đánh giá kết quả"), ("khen-thuong", "Đạt, chưa đưa vào quyết định")]

    def queryset(self, request, queryset):
        if self.value() in WORK:
            return queryset.filter(WORK[self.value()]).distinct()
        return queryset


admin.site.unregister(Entry)


@admin.register(Entry)
class EntryAdmin(entries.EntryAdmin):
    actions = (*entries.EntryAdmin.actions, "add_to_decision")
    list_filter = (WorkFilter, *entries.EntryAdmin.list_filter)

    @admin.action(description="Đưa vào quyết định khen thưởng", permissions=["change"])
    def add_to_decision(self, request, queryset):
        decisions = Decision.objects.filter(campaign_id__in=queryset.values("campaign_id"))
        form = AwardForm(request.POST if "apply" in request.POST else None, decisions=decisions)
        if form.is_valid():
            try:
                created, skipped = award_entries(
                    decision=form.cleaned_data["decision"],
                    # Numbered in the tree's order (ward by ward), not the list's newest-first order.
                    entries=queryset.order_by("unit__path", "kind", "pk"),
                    by=request.user,
                )
            except ValidationError as error:
                for message in error.messages:
                    self.message_user(request, message, messages.ERROR)
                return None
            decision = form.cleaned_data["decision"]
            self.message_user(
                request,
                format_html(
                    '{} <a href="{}">Tải danh sách khen thưởng (Excel)</a> · <a href="{}">Mở quyết định</a>',
                    f"Đã thêm {len(created)} khen thưởng vào {decision}"
                    + (f"; {len(skipped)} hồ sơ đã có trong quyết định." if skipped else "."),
                    reverse("admin:awards_decision_annex", args=[decision.pk]),
                    reverse("admin:awards_decision_change", args=[decision.pk]),
                ),
                messages.SUCCESS,
            )
            return None
        return self._intermediate(
            request, queryset, form, "Đưa vào quyết định khen thưởng", "add_to_decision"
        )
