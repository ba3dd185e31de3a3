"""Units and memberships in the admin: the tree readable at a glance, unaccented search."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import path
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from . import accounts, services
from .admin_scope import BoardScopeMixin
from .collation import fold
from .models import Membership, Unit


class UnaccentedSearchMixin:
    """Search the folded ``search_text`` column: "nhat tan" finds "Nhật Tân", "dang" finds "Đặng"."""

    search_fields = ("search_text",)

    MAX_WORDS = 10  # a search of thousands of words is no search; it would overflow SQLite's parser

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        for word in fold(search_term[:300]).split()[: self.MAX_WORDS]:
            queryset = queryset.filter(search_text__contains=word)
        return queryset, False


@admin.register(Unit)
class UnitAdmin(UnaccentedSearchMixin, BoardScopeMixin, TreeAdmin):
    """The unit tree: a board reads its own organisers' subtrees; only an administrator changes it."""

    unit_path = ""
    form = movenodeform_factory(Unit, exclude=("successors",))
    list_display = ("name", "code", "kind", "valid_from", "valid_to")
    list_filter = ("kind", ("valid_to", admin.EmptyFieldListFilter))
    search_help_text = "Tìm theo tên hoặc mã, gõ có dấu hay không dấu đều được."
    readonly_fields = ("successor_list",)

    def get_urls(self):
        view = self.admin_site.admin_view(lambda request: accounts.accounts_view(self, request))
        return [path("tai-khoan/", view, name="units_unit_accounts"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        # treebeard marks only GET requests as tree views; a POST (an action) would fail in its template.
        request._treebeard_parent_id = getattr(request, "_treebeard_parent_id", None)
        return super().changelist_view(request, extra_context)

    def children_view(self, request, parent_id):
        # The tree's "children" JSON: a unit outside the reviewer's scope, or not a number, is a 404.
        if not parent_id.isdigit() or not self.get_queryset(request).filter(pk=parent_id).exists():
            raise Http404("Không tìm thấy đơn vị.")
        return super().children_view(request, parent_id)

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
class MembershipAdmin(BoardScopeMixin, admin.ModelAdmin):
    form = MembershipAdminForm
    unit_path = "unit"
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


admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    """Accounts are locked, never deleted: who accepted, returned or awarded what stays named in the
    audit trail (history rows and entry events keep the user; a delete would blank them)."""

    def has_delete_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "is_active" in form.base_fields:
            form.base_fields["is_active"].help_text = (
                "Tài khoản không xóa được, để nhật ký kiểm toán luôn ghi đúng ai đã làm gì: "
                "bỏ chọn ô này để khóa tài khoản của người đã nghỉ hoặc chuyển công tác."
            )
        return form
