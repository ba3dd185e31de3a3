"""The registration form of an entry (DESIGN.md, "Entry"), for unit staff in the browser."""

import uuid

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.template.defaultfilters import filesizeformat

from tayho_danvan.lib.records import is_valid_key
from units.models import Unit

from .choices import EntryKind, EntryState, Field, SubjectKind
from .models import TEXT_FIELDS, Entry
from .services import evidence
from .services.registration import FORM_FIELDS

NULL_CHARACTER_MESSAGE = "Nội dung có ký tự lạ (ký tự rỗng NUL), thường do dán từ tệp hỏng; hãy gõ lại ô này."


def vietnamese_null_character_message(form):
    """Django's own "Null characters are not allowed." has no Vietnamese translation: replace it."""
    for field in form.fields.values():
        for validator in field.validators:
            if isinstance(validator, ProhibitNullCharactersValidator):
                validator.message = NULL_CHARACTER_MESSAGE


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        # Indent by depth so the tree reads at a glance in the drop-down.
        return "\u00a0\u00a0" * max(unit.depth - 2, 0) + unit.name


def model_label(entry):
    """How a model to replicate is named in choices: title, unit and year (needs unit and campaign)."""
    return f"{entry.title} — {entry.unit.short_name or entry.unit.name} ({entry.campaign.year})"


class ModelChoiceWithYear(forms.ModelChoiceField):
    def label_from_instance(self, entry):
        return model_label(entry)


class SearchedSelect(forms.Select):
    """A drop-down that holds only the empty choice and the chosen one; the search box beside it asks the
    server for the rest (``static/js/once.js``, ``data-search``). The page stays the same size however
    many models the organiser has (issue [E]: every accepted model as an option made a 56 MB form).
    """

    def optgroups(self, name, value, attrs=None):
        field = getattr(self.choices, "field", None) or self._field
        self._field = field
        chosen = [v for v in value if v and is_valid_key(v)]  # a 30-digit "id" never reaches the database
        options = [("", field.empty_label)]
        if chosen:
            options += [(o.pk, field.label_from_instance(o)) for o in field.queryset.filter(pk__in=chosen)]
        every, self.choices = self.choices, options
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = every


def replicable_models(campaign, exclude=None):
    """Accepted models of ``campaign``'s organiser, any year: what a model may replicate (one query)."""
    models = (
        Entry.objects.filter(
            campaign__organiser_id=campaign.organiser_id, kind=EntryKind.MODEL, state=EntryState.ACCEPTED
        )
        .select_related("unit", "campaign")
        .order_by("-campaign__year", "title")
    )
    return models.exclude(pk=exclude.pk) if exclude is not None else models


class EntryForm(forms.ModelForm):
    unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        label="Đơn vị đăng ký",
        empty_label="— Chọn đơn vị —",
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
    replicates = ModelChoiceWithYear(
        queryset=Entry.objects.none(),
        widget=SearchedSelect,
        required=False,
        label="Nhân rộng từ mô hình",
        empty_label="— Không (mô hình mới) —",
        help_text=(
            "Nếu mô hình này làm theo một mô hình đã được công nhận, hãy gõ tên mô hình đó vào ô tìm "
            "(không cần dấu) rồi chọn trong danh sách."
        ),
        error_messages={"invalid_choice": "Chỉ nhân rộng được từ một mô hình đã được duyệt."},
    )
    # The form's one-time token (a second POST finds the entry the first made) and the entry's version
    # when the form was opened (a save over someone else's newer change is refused).
    form_token = forms.UUIDField(
        widget=forms.HiddenInput,
        required=False,
        error_messages={"invalid": "Phiếu đăng ký không hợp lệ; hãy tải lại trang rồi nhập lại."},
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    # The form in sections, as the registration sheet reads; ``kind`` says which sections a kind shows
    # ("" for both). The self-assessment is not here: it has its own form when the campaign asks for it.
    SECTIONS = (
        ("Đơn vị và loại hồ sơ", "", ("unit", "kind")),
        (
            "Người, tập thể được nêu gương",
            EntryKind.EXEMPLAR,
            ("subject_kind", "subject_name", "subject_position"),
        ),
        ("Thông tin chung", "", ("title", "field", "new_hard_task", "head_responsible")),
        ("Nhân rộng", EntryKind.MODEL, ("replicates",)),
        (
            "Nội dung đăng ký",
            "",
            ("situation", "objectives", "content_method", "place_target_group", "forces", "resources"),
        ),
        ("Tiến độ và kết quả", "", ("start_date", "milestones", "expected_outputs", "sustainability")),
    )

    class Meta:
        model = Entry
        fields = ["unit", *(name for name in FORM_FIELDS if name != "self_assessment")]
        widgets = {
            "start_date": forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
            **{name: forms.Textarea(attrs={"rows": 3}) for name in TEXT_FIELDS},
        }
        help_texts = {
            "subject_name": "Chỉ điền khi đăng ký điển hình: họ tên cá nhân hoặc tên tập thể.",
            "subject_position": "Chỉ điền khi đăng ký điển hình là cá nhân.",
        }
        error_messages = {
            "title": {"required": "Hãy nhập tên mô hình hoặc điển hình."},
            "start_date": {"invalid": "Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy, ví dụ 15/02/2024."},
        }

    def __init__(self, *args, units, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["replicates"].queryset = replicable_models(
            campaign, exclude=self.instance.pk and self.instance
        )
        self.fields["start_date"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        self.campaign = campaign
        vietnamese_null_character_message(self)
        if self.instance.pk:
            del self.fields["form_token"]
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]
            self.fields["form_token"].initial = uuid.uuid4()

    def clean_start_date(self):
        start = self.cleaned_data.get("start_date")
        year = self.campaign.year
        if start is not None and not (year - 30 <= start.year <= year + 5):
            raise forms.ValidationError(
                f"Ngày bắt đầu {start:%d/%m/%Y} không hợp lý cho phong trào năm {year}; hãy kiểm tra lại năm."
            )
        return start

    def clean_replicates(self):
        replicates = self.cleaned_data.get("replicates")
        if replicates is not None and self.cleaned_data.get("kind") == EntryKind.EXEMPLAR:
            raise forms.ValidationError("Chỉ mô hình mới ghi được “nhân rộng từ mô hình”.")
        return replicates

    def _post_clean(self):
        # The services run the model's validation inside their transaction; here we only check the
        # exemplar's subject so that the error shows next to its field before anything is written.
        if self.cleaned_data.get("kind") == EntryKind.EXEMPLAR:
            if not self.cleaned_data.get("subject_kind"):
                self.add_error("subject_kind", "Điển hình cần ghi rõ là cá nhân hay tập thể.")
            if not (self.cleaned_data.get("subject_name") or "").strip():
                self.add_error("subject_name", "Điển hình cần ghi họ tên cá nhân hoặc tên tập thể.")

    def sections(self):
        """``[(title, kind, [bound field])]`` in the order the form shows them."""
        return [(title, kind, [self[name] for name in names]) for title, kind, names in self.SECTIONS]

    def entry_fields(self):
        """The cleaned registration fields, as keyword arguments for the services."""
        return {name: self.cleaned_data[name] for name in FORM_FIELDS if name in self.cleaned_data}


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label="Tệp minh chứng",
        error_messages={"required": "Hãy chọn một tệp.", "empty": "Tệp rỗng (0 byte). Hãy chọn lại tệp."},
        widget=forms.ClearableFileInput(attrs={"accept": evidence.ACCEPT_ATTRIBUTE}),
    )
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = filesizeformat(evidence.max_bytes())
        self.fields["file"].help_text = f"PDF, ảnh JPEG/PNG, Word hoặc Excel; tối đa {limit}."
        vietnamese_null_character_message(self)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content_type = evidence.check_upload(upload)
        return upload


class PledgeSignatureForm(forms.Form):
    signer_name = forms.CharField(
        label="Họ tên người ký", max_length=255, error_messages={"required": "Hãy ghi họ tên người ký."}
    )
    signer_position = forms.CharField(
        label="Chức vụ", max_length=255, error_messages={"required": "Hãy ghi chức vụ người ký."}
    )
    signed_on = forms.DateField(
        label="Ngày ký",
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={
            "required": "Hãy ghi ngày ký.",
            "invalid": "Ngày không hợp lệ; ghi theo dạng dd/mm/yyyy.",
        },
    )
