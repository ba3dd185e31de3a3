"""The audit history in the admin (django-simple-history), scoped and in Vietnamese.

Every admin that shows history inherits ``ScopedHistoryAdmin``: the history of an object answers 404
unless the object is in the admin's own scoped queryset (a reviewer of another organiser sees nothing),
and changes are listed with field labels and displayed values, not column names and codes.
"""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.http import Http404
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from .records import is_valid_key

HISTORY_TYPES = {"+": "Tạo mới", "~": "Sửa", "-": "Xóa"}


def _display(field, value):
    if value in (None, ""):
        return "—"
    # Times in Hà Nội time as offices write them, never a UTC timestamp with microseconds.
    if isinstance(value, datetime.datetime):
        return (
            f"{timezone.localtime(value):%d/%m/%Y %H:%M}"
            if timezone.is_aware(value)
            else f"{value:%d/%m/%Y %H:%M}"
        )
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    if field is not None and field.is_relation:
        related = field.related_model.objects.filter(pk=value).first()
        return str(related) if related else value
    return value


class ScopedHistoryAdmin(SimpleHistoryAdmin):
    object_history_list_template = "admin/history_list.html"
    object_history_form_template = "admin/history_form.html"

    def _check_scope(self, request, object_id, version_id=None):
        # Ids typed into the address ("abc", a 30-digit number) are a 404, never a 500.
        valid = is_valid_key(object_id, self.model._meta.pk) and (
            version_id is None or is_valid_key(version_id)
        )
        if not valid or not self.get_queryset(request).filter(pk=object_id).exists():
            raise Http404("Không tìm thấy.")

    def history_view(self, request, object_id, extra_context=None):
        self._check_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_scope(request, object_id, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def render_history_view(self, request, template, context, **kwargs):
        page = context.get("page_obj")
        for record in page.object_list if page is not None else []:
            record.vi_type = HISTORY_TYPES.get(record.history_type, record.history_type)
            record.vi_changes = []
            previous = record.prev_record
            if previous is None:
                continue
            # Compared field by field: simple-history's own diff skips non-editable fields, and the
            # workflow fields (state, evaluation…) are what an audit is read for.
            for tracked in previous.tracked_fields:
                old, new = getattr(previous, tracked.attname), getattr(record, tracked.attname)
                if old == new:
                    continue
                try:
                    field = self.model._meta.get_field(tracked.name)
                    label = str(field.verbose_name)
                except FieldDoesNotExist:
                    field, label = None, tracked.name
                record.vi_changes.append((label, _display(field, old), _display(field, new)))
        return super().render_history_view(request, template, context, **kwargs)
