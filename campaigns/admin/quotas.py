"""The board's quota overrides in the admin: one unit's maximum lifted, with a reason
(DESIGN.md, "Quotas").
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.forms.models import construct_instance

from units.models import Unit

from .. import permissions
from ..choices import EntryKind
from ..models import QuotaOverride
from ..services import common, quotas
from .filters import CampaignFilter
from .scope import CampaignRecordAdmin

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
        # ``quotas.override_quota`` validates and writes (one door), updating a unit's existing
        # override rather than tripping the model's unique check; only the scope is checked here.
        self.instance = construct_instance(self, self.instance, self._meta.fields)
        campaign, unit = (
            self.instance.campaign_id and self.instance.campaign,
            self.instance.unit_id and self.instance.unit,
        )
        if campaign and unit:
            try:
                common.check_unit_in_campaign(campaign, unit)
            except ValidationError as error:
                self.add_error("unit", error.error_dict["unit"])


@admin.register(QuotaOverride)
class QuotaOverrideAdmin(CampaignRecordAdmin):
    """The board lifts one unit's maximum, with a reason; every save goes through
    ``quotas.override_quota`` so who and when are recorded.
    """

    list_display = ("unit", "campaign", "models_max", "exemplars_max", "reason", "decided_by", "decided_at")
    list_filter = (CampaignFilter,)
    list_select_related = ("unit", "campaign__organiser", "decided_by")
    readonly_fields = ("decided_by", "decided_at")

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
        saved = quotas.override_quota(
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
