"""One scoping rule for the whole board's admin (issue [F] 1–3; DESIGN.md, "Roles").

Every ``ModelAdmin`` of the board inherits ``BoardScopeMixin`` (through ``BoardAdmin``) and says, in
``unit_path``, how a row reaches the unit that owns it (``"campaign__organiser"`` for an entry, ``""`` for
a unit itself). From that one attribute:

- the list, the change form, history, exports and actions read only the rows of the organisers at or
  under the reviewer's board units (closed units included: a board reorganised away reads its archive);
- every foreign-key and many-to-many choice, and so every autocomplete answer and every "not a valid
  choice" message, is narrowed by the related model's own admin: one may pick only what one may see;
- related list filters offer only the values present in the scoped rows;
- add, change and delete need a board membership of an open unit (the archive is read-only: 403, never a
  write), and rows the subclass calls final (``is_final``: a closed campaign's records) are read-only for
  the board; an administrator (superuser) may still correct them, giving a reason kept in the history.
"""

import logging

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied
from django.db import DataError, models
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string

from tayho_danvan.lib.history import ScopedHistoryAdmin
from tayho_danvan.lib.keyset import CappedPaginator
from tayho_danvan.lib.records import is_valid_key

from .models import MembershipRole, Unit
from .scoping import role_units

logger = logging.getLogger(__name__)


def board_units(user):
    """Queryset of the units whose records ``user`` reads in the admin: the subtrees of their board
    memberships, closed units included (one query; empty for a user with no board role)."""
    return Unit.objects.subtree_of(*role_units(user, MembershipRole.REVIEWER, include_closed=True))


def board_acts(user):
    """True for a superuser and for a board member of an open unit; a board whose unit closed in a
    reorganisation only reads (no query beyond the user's memberships, read once per request)."""
    return user.is_superuser or bool(role_units(user, MembershipRole.REVIEWER))


class _ValidChoicesOnly:
    """An autocomplete box re-rendered with a posted value that is no key (``replicates=abc``) shows
    nothing selected instead of failing."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        # A foreign key names the field it points to; a many-to-many points to the primary key.
        target = remote.model._meta.get_field(
            getattr(remote, "field_name", None) or remote.model._meta.pk.name
        )
        return super().optgroups(name, [v for v in value if is_valid_key(v, target)], attr)


class SafeAutocompleteSelect(_ValidChoicesOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_ValidChoicesOnly, AutocompleteSelectMultiple):
    pass


def scope_to_board(queryset, user, unit_path):
    """``queryset`` narrowed to the rows ``user`` reads in the admin: ``unit_path`` leads from the
    model to its owning ``Unit`` (``""``: the rows are units; ``None``: shared reference data, all rows)."""
    if user.is_superuser or unit_path is None:
        return queryset
    units = board_units(user)
    if unit_path == "":
        return queryset.filter(pk__in=units)
    return queryset.filter(**{f"{unit_path}__in": units})


class BoardScopeMixin:
    """The rule above, for a ``ModelAdmin`` (put it before the admin class it extends)."""

    unit_path = None  # see the module's docstring; ``None`` only for shared reference data
    # Lists of a city's million rows: a capped count and no second count of the unfiltered total.
    paginator = CappedPaginator
    show_full_result_count = False

    def get_queryset(self, request):
        return scope_to_board(super().get_queryset(request), request.user, self.unit_path)

    def is_final(self, obj):
        """True when ``obj`` may no longer change (a closed campaign's record); subclasses say when."""
        return False

    def may_write(self, request, obj=None):
        """The board acts (an open unit), and ``obj`` (if given) is not final, or the user is a superuser."""
        if not board_acts(request.user):
            return False
        return obj is None or request.user.is_superuser or not self.is_final(obj)

    def has_add_permission(self, request, *args):
        return self.may_write(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self.may_write(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.may_write(request, obj) and super().has_delete_permission(request, obj)

    def _related_scope(self, request, db_field, kwargs):
        if "queryset" in kwargs:
            return kwargs
        related = self.admin_site._registry.get(db_field.remote_field.model)
        if related is not None:
            kwargs["queryset"] = related.get_queryset(request)
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = self._related_scope(request, db_field, kwargs)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs = self._related_scope(request, db_field, kwargs)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_list_filter(self, request):
        # A plain related filter lists every row of the related table, another organiser's included.
        filters = []
        for item in super().get_list_filter(request):
            if isinstance(item, str) and "__" not in item:
                field = self.model._meta.get_field(item)
                if isinstance(field, models.ForeignKey | models.ManyToManyField):
                    item = (item, admin.RelatedOnlyFieldListFilter)
            filters.append(item)
        return filters

    def get_form(self, request, obj=None, change=False, **kwargs):
        # An administrator correcting a final record says why; the reason is kept in its history.
        if obj is not None and obj.pk and request.user.is_superuser and self.is_final(obj):
            base = kwargs.get("form", self.form)
            reason = forms.CharField(
                label="Lý do sửa (bắt buộc: hồ sơ đã chốt)",
                max_length=100,
                error_messages={"required": "Hồ sơ của phong trào đã kết thúc: hãy ghi lý do sửa."},
            )
            kwargs["form"] = type("FinalCorrectionForm", (base,), {"change_reason": reason})
        return super().get_form(request, obj, change=change, **kwargs)

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get("change_reason") if hasattr(form, "cleaned_data") else None
        if reason:
            obj._change_reason = reason  # django-simple-history writes it on the history row
        super().save_model(request, obj, form, change)

    def get_changelist_form(self, request, **kwargs):
        # Lists edited in place (targets): Django asks for the change permission once for the whole
        # list, so each final row's fields are disabled here; disabled fields ignore what is posted.
        form = super().get_changelist_form(request, **kwargs)
        if request.user.is_superuser:
            return form
        model_admin = self

        class FinalRowsReadOnly(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, **kw)
                if self.instance.pk and model_admin.is_final(self.instance):
                    for field in self.fields.values():
                        field.disabled = True

        return FinalRowsReadOnly

    def changelist_view(self, request, extra_context=None):
        return _or_bad_request(
            request, lambda: super(BoardScopeMixin, self).changelist_view(request, extra_context)
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return _or_bad_request(
            request,
            lambda: super(BoardScopeMixin, self).changeform_view(request, object_id, form_url, extra_context),
        )

    def check_may_write(self, request, obj=None):
        """Raise ``PermissionDenied`` (403) unless ``may_write``: for the admin's own extra views."""
        if not self.may_write(request, obj):
            raise PermissionDenied


def _or_bad_request(request, view):
    """``view()`` rendered now, or the 400 page when a value typed into the address or the form cannot
    reach the database (a 25-digit id or year overflows it, a text where a number belongs): a bad
    request, never a 500."""
    try:
        response = view()
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        return response
    except (OverflowError, DataError, ValueError) as error:
        # Logged: a ValueError of our own making would show here too, and must be seen.
        logger.warning("bad admin request %s: %r", request.get_full_path(), error)
        return HttpResponseBadRequest(render_to_string("400.html", request=request))


class BoardAdmin(BoardScopeMixin, ScopedHistoryAdmin):
    """A board's ``ModelAdmin`` with audit history: set ``unit_path`` (and ``is_final`` if any)."""


class BoardInlineMixin:
    """For an inline under a board admin: writes follow the parent's ``may_write`` (archive, finality);
    ``frozen(parent)`` adds the inline's own rule (pledge items once a unit has signed)."""

    def frozen(self, parent):
        return False

    def _may_write(self, request, parent):
        parent_admin = self.admin_site._registry.get(self.parent_model)
        if parent_admin is not None and not parent_admin.may_write(request, parent):
            return False
        return parent is None or request.user.is_superuser or not self.frozen(parent)

    def has_add_permission(self, request, obj=None):
        return self._may_write(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_write(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_write(request, obj) and super().has_delete_permission(request, obj)
