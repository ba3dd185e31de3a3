"""The entries list's search and filters (django-filter): unaccented search, unit (with its subtree),
field, kind and state.
"""

import django_filters
from django import forms

from tayho_danvan.lib.records import is_valid_key
from units.collation import fold
from units.models import Unit

from .choices import EntryKind, EntryState, Field
from .forms import UnitChoiceField, vietnamese_null_character_message
from .models import Entry


class UnitSubtreeFilter(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField

    def filter(self, queryset, value):
        # A ward chosen means the ward and its cells: staff think of a ward's entries as one list.
        return queryset.filter(unit__path__startswith=value.path) if value else queryset


class EntryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Tìm theo tên", method="search")
    unit = UnitSubtreeFilter(label="Đơn vị", queryset=Unit.objects.none(), empty_label="Tất cả đơn vị")
    field = django_filters.ChoiceFilter(
        label="Lĩnh vực", choices=Field.choices, empty_label="Tất cả lĩnh vực"
    )
    kind = django_filters.ChoiceFilter(label="Loại", choices=EntryKind.choices, empty_label="Cả hai loại")
    state = django_filters.ChoiceFilter(
        label="Trạng thái", choices=EntryState.choices, empty_label="Mọi trạng thái"
    )

    class Meta:
        model = Entry
        fields = ["q", "unit", "field", "kind", "state"]

    def __init__(self, *args, units, shown_units=None, **kwargs):
        """``units``: every unit one may filter by (checked when chosen); ``shown_units``: those the
        drop-down lists (default: all of ``units``), plus the one chosen if it is not among them."""
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = units
        vietnamese_null_character_message(self.form)
        if shown_units is not None:
            field = self.form.fields["unit"]
            shown = list(shown_units)
            chosen = self.data.get("unit", "") if self.data else ""
            if is_valid_key(chosen) and all(str(u.pk) != chosen for u in shown):
                shown += list(units.filter(pk=int(chosen)))
            field.widget.choices = [("", field.empty_label)] + [
                (u.pk, field.label_from_instance(u)) for u in shown
            ]
        self.form.fields["q"].widget = forms.TextInput(
            attrs={"type": "search", "placeholder": "ví dụ: nhat tan, bua com nghia tinh"}
        )

    def search(self, queryset, name, value):
        """Case and accent blind: "nhat tan" finds "Nhật Tân"; the unit's name is searched too (it is in
        the entry's folded ``search_text``)."""
        for word in fold(value).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset
