"""Units and memberships in the admin: the tree readable at a glance, unaccented search."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from . import services
from .collation import fold
from .models import Membership, Unit


class UnaccentedSearchMixin:
    """Search the folded ``search_text`` column: "nhat tan" finds "Nhật Tân", "dang" finds "Đặng"."""

    search_fields = ("search_text",)

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        for word in fold(search_term).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset, False


@admin.register(Unit)
class UnitAdmin(UnaccentedSearchMixin, TreeAdmin):
    form = movenodeform_factory(Unit, exclude=("successors",))
    list_display = ("name", "code", "kind", "valid_from", "valid_to")
    list_filter = ("kind", ("valid_to", admin.EmptyFieldListFilter))
    search_help_text = "Tìm theo tên hoặc mã, gõ có dấu hay không dấu đều được."
    readonly_fields = ("successor_list",)

    @admin.display(description="đơn vị kế thừa")
    def successor_list(self, unit):
        return ", ".join(str(u) for u in unit.successors.all()) or "—"


class MembershipAdminForm(admin.ModelAdmin.form):
    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("unit")
        if unit is not None and not unit.is_active:
            raise ValidationError({"unit": f"Đơn vị “{unit}” đã ngừng hoạt động; không thể phân quyền."})
        return cleaned


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    form = MembershipAdminForm
    list_display = ("user", "unit", "role", "created_at")
    list_filter = ("role",)
    list_select_related = ("user", "unit")
    autocomplete_fields = ("user", "unit")
    search_fields = ("user__username", "user__first_name", "user__last_name", "unit__search_text")

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        try:
            saved = services.add_membership(user=obj.user, unit=obj.unit, role=obj.role)
        except ValidationError as error:  # pragma: no cover - the form's clean catches it first
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        obj.pk = saved.pk
