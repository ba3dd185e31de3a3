"""The registration form of an entry (DESIGN.md, "Entry"), for unit staff in the browser."""

from django import forms

from units.models import Unit

from .choices import EntryKind, Field, SubjectKind
from .models import Entry
from .services import FORM_FIELDS


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        # Indent by depth so the tree reads at a glance in the drop-down.
        return "\u00a0\u00a0" * max(unit.depth - 2, 0) + unit.name


class EntryForm(forms.ModelForm):
    unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        label="Đơn vị đăng ký",
        error_messages={
            "required": "Hãy chọn đơn vị đăng ký.",
            "invalid_choice": "Đơn vị này không thuộc phạm vi của bạn.",
        },
    )
    kind = forms.ChoiceField(
        choices=EntryKind.choices,
        label="Loại",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Hãy chọn mô hình hay điển hình.",
            "invalid_choice": "Loại không hợp lệ.",
        },
    )
    field = forms.ChoiceField(
        choices=[("", "— Chọn lĩnh vực —"), *Field.choices],
        label="Lĩnh vực",
        error_messages={
            "required": "Hãy chọn một trong bốn lĩnh vực.",
            "invalid_choice": "Lĩnh vực phải là một trong bốn lĩnh vực của phong trào.",
        },
    )
    subject_kind = forms.ChoiceField(
        choices=[("", "—"), *SubjectKind.choices], label="Điển hình là", required=False
    )

    class Meta:
        model = Entry
        fields = ["unit", *FORM_FIELDS]
        widgets = {
            "start_date": forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in (
                    "new_hard_task",
                    "situation",
                    "objectives",
                    "content_method",
                    "place_target_group",
                    "forces",
                    "resources",
                    "milestones",
                    "expected_outputs",
                    "sustainability",
                    "self_assessment",
                )
            },
        }
        error_messages = {
            "title": {"required": "Hãy nhập tên mô hình hoặc điển hình."},
            "start_date": {"invalid": "Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy, ví dụ 15/02/2024."},
        }

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["start_date"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]

    def _post_clean(self):
        # The services run the model's validation inside their transaction; here we only check the
        # exemplar's subject so that the error shows next to its field before anything is written.
        if self.cleaned_data.get("kind") == EntryKind.EXEMPLAR:
            if not self.cleaned_data.get("subject_kind"):
                self.add_error("subject_kind", "Điển hình cần ghi rõ là cá nhân hay tập thể.")
            if not (self.cleaned_data.get("subject_name") or "").strip():
                self.add_error("subject_name", "Điển hình cần ghi họ tên cá nhân hoặc tên tập thể.")

    def entry_fields(self):
        """The cleaned registration fields, as keyword arguments for the services."""
        return {name: self.cleaned_data[name] for name in FORM_FIELDS if name in self.cleaned_data}
