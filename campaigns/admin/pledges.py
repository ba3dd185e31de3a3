"""The board's admin for the pledge (items, signatures recorded on a unit's behalf) and the plan targets
(edited in bulk in the list). Scoped to the campaigns the reviewer reviews.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.forms.models import construct_instance
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from units.admin_scope import BoardInlineMixin

from ..models import Pledge, PledgeItem, PledgeSignature, Target
from ..services import pledges
from .filters import CampaignFilter
from .scope import CampaignRecordAdmin


class PledgeItemInline(BoardInlineMixin, admin.TabularInline):
    """The pledge's articles; frozen once a unit has signed them (what was signed stays what it says)."""

    model = PledgeItem
    extra = 0

    def frozen(self, pledge):
        return pledge.signatures.exists()


class PledgeSignatureInline(admin.TabularInline):
    model = PledgeSignature
    extra = 0
    can_delete = False
    fields = ("unit", "signer_name", "signer_position", "signed_on", "recorded_by")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Pledge)
class PledgeAdmin(CampaignRecordAdmin):
    list_display = ("__str__", "campaign", "signed_count")
    inlines = [PledgeItemInline, PledgeSignatureInline]
    readonly_fields = ("print_link", "unsigned")

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("campaign__organiser")
        return queryset.annotate(signed=Count("signatures"))

    @admin.display(description="số đơn vị đã ký", ordering="signed")
    def signed_count(self, pledge):
        return pledge.signed

    @admin.display(description="bản in")
    def print_link(self, pledge):
        if not pledge.pk:
            return "—"
        return format_html(
            '<a href="{}">Xem, in giao ước</a>', reverse("pledge_print", args=[pledge.campaign_id])
        )

    @admin.display(description="đơn vị chưa ký")
    def unsigned(self, pledge):
        if not pledge.pk:
            return "—"
        names = list(pledges.unsigned_units(pledge).values_list("name", flat=True))
        return format_html_join(", ", "{}", ((n,) for n in names)) if names else "Tất cả đã ký."


class SignatureForm(forms.ModelForm):
    class Meta:
        model = PledgeSignature
        fields = ("pledge", "unit", "signer_name", "signer_position", "signed_on")

    def _post_clean(self):
        # The service checks and writes (one door); here only its refusals are put on the form.
        adding = self.instance.pk is None
        self.instance = construct_instance(self, self.instance, self._meta.fields)
        data, signature = self.cleaned_data, self.instance
        if self.errors or not signature.pledge_id or not signature.unit_id:
            return
        if adding:
            existing = PledgeSignature.objects.filter(pledge=signature.pledge, unit=signature.unit).first()
            if existing is not None:
                self.add_error(
                    "unit",
                    f"{existing.unit} đã ký ngày {existing.signed_on:%d/%m/%Y} ({existing.signer_name}); "
                    "hãy mở chữ ký đó để sửa.",
                )
                return
        try:
            pledges.check_signature(
                pledge=signature.pledge,
                unit=signature.unit,
                **{k: data.get(k) for k in ("signer_name", "signer_position", "signed_on")},
            )
        except ValidationError as error:
            self._update_errors(error)


@admin.register(PledgeSignature)
class PledgeSignatureAdmin(CampaignRecordAdmin):
    """The board records a signature on a unit's behalf (a paper signed at the launch)."""

    campaign_path = "pledge__campaign"

    form = SignatureForm
    list_display = ("unit", "pledge", "signer_name", "signer_position", "signed_on", "recorded_by")
    list_select_related = ("unit", "pledge__campaign", "recorded_by")

    def get_readonly_fields(self, request, obj=None):
        # A signature belongs to one unit's pledge: another unit signs with a signature of its own.
        return ("pledge", "unit") if obj else ()

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = pledges.sign_pledge(
            pledge=obj.pledge,
            unit=obj.unit,
            signer_name=data["signer_name"],
            signer_position=data["signer_position"],
            signed_on=data["signed_on"],
            by=request.user,
        )
        obj.pk, obj.recorded_by, obj.recorded_at = saved.pk, saved.recorded_by, saved.recorded_at


@admin.register(Target)
class TargetAdmin(CampaignRecordAdmin):
    """Plan targets: planned and achieved typed straight into the list, many at a time."""

    # The columns typed into stay on screen at 1280 px: numbers in narrow boxes, the campaign by its year.
    list_display = ("order", "name", "measure", "planned", "achieved", "status_label", "year")
    list_display_links = ("name",)
    list_editable = ("planned", "achieved")
    list_filter = (CampaignFilter,)
    list_select_related = ("campaign__organiser",)
    list_per_page = 100

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DecimalField):
            kwargs["localize"] = True  # "12,5" as typed in Vietnam
            kwargs["error_messages"] = {
                "invalid": db_field.error_messages["invalid"],
                "max_decimal_places": "Ghi số thập phân bằng dấu phẩy (ví dụ 12,5), không dùng dấu chấm "
                "để tách hàng nghìn (ghi 1000, không ghi 1.000).",
                "max_digits": "Số quá lớn.",
            }
            field = super().formfield_for_dbfield(db_field, request, **kwargs)
            field.widget.attrs.update(size=8, **{"class": "narrow-number"})
            return field
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="năm", ordering="campaign__year")
    def year(self, target):
        return target.campaign.year

    @admin.display(description="kết quả")
    def status_label(self, target):
        return target.status.label
