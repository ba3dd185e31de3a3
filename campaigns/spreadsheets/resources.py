"""Entries as spreadsheet rows, both ways (DESIGN.md, "Interfaces that stay stable").

One resource, ``EntryResource``, gives the Vietnamese headers of the export, of the import template and
of the import itself, so that an exported file, edited and imported back, updates those entries and
creates no twin. Every write of an import goes through the one door: ``registration.register_entry`` and
``submit_entry`` for a new row (the quota is checked there), ``review.correct_entry`` for a change.
"""

import datetime
import unicodedata

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from import_export import fields, resources, widgets

from tayho_danvan.lib.documents import normal_text
from tayho_danvan.lib.excel import ImportFileError
from tayho_danvan.lib.records import is_valid_key
from units.collation import fold
from units.models import Unit

from ..choices import CampaignState, EntryKind, EntryState, Evaluation, SubjectKind
from ..choices import Field as EntryField
from ..models import Campaign, Entry
from ..services import registration, review

ID = "Mã hồ sơ"
UNIT_CODE = "Mã đơn vị"
KIND = "Loại"
FIELD = "Lĩnh vực"
TITLE = "Tên mô hình / điển hình"
VERSION = "Phiên bản (không sửa)"
REQUIRED_HEADERS = (UNIT_CODE, KIND, FIELD, TITLE)
PREFETCH_CHUNK = 2_000  # keys per query when an import reads its entries and units up front


def check_rows(headers, rows):
    """Refuse, before any row is imported, a header row that is not ours and rows that name the same
    entry twice (the last would silently win). Raises ``ImportFileError`` naming columns and Excel rows.
    """
    known = set(EntryResource.headers())
    present = [h for h in headers if h]
    missing = [h for h in REQUIRED_HEADERS if h not in present]
    unknown = [h for h in present if h not in known]
    doubled = sorted({h for h in present if present.count(h) > 1})
    if missing or unknown or doubled:
        parts = []
        if missing:
            parts.append("thiếu cột " + ", ".join(f"“{h}”" for h in missing))
        if unknown:
            parts.append("có cột lạ " + ", ".join(f"“{h}”" for h in unknown))
        if doubled:
            parts.append("cột bị lặp " + ", ".join(f"“{h}”" for h in doubled))
        raise ImportFileError(
            f"Dòng tiêu đề không đúng mẫu: {'; '.join(parts)}. Hãy dùng tệp mẫu tải từ trang quản trị "
            "hoặc một tệp đã xuất ra."
        )
    seen, repeats = {}, []
    index = {h: i for i, h in enumerate(headers)}
    for number, row in zip(getattr(rows, "numbers", range(2, len(rows) + 2)), rows, strict=True):
        raw_id = row[index[ID]] if ID in index else None
        if raw_id not in (None, ""):
            key = ("id", str(raw_id).strip())
        else:
            key = tuple(normal_text(str(row[index[h]] or "")) for h in (UNIT_CODE, KIND, TITLE))
        if key in seen:
            repeats.append(f"dòng {number} trùng dòng {seen[key]}")
        else:
            seen[key] = number
    if repeats:
        raise ImportFileError(
            "Tệp có dòng trùng nhau (cùng mã hồ sơ, hoặc cùng đơn vị, loại và tên): "
            + "; ".join(repeats[:10])
            + "."
        )


class ChoiceLabelWidget(widgets.Widget):
    """A choice written by its Vietnamese label ("Văn hóa – xã hội"), read back with or without accents."""

    def __init__(self, choices, what, required=True):
        super().__init__()
        self.choices, self.what, self.required = choices, what, required
        self.by_text = {}
        for value, label in choices.choices:
            self.by_text[fold(label)] = value
            self.by_text[fold(value)] = value

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            if self.required:
                raise ValueError(f"Thiếu {self.what}.")
            return ""
        try:
            return self.by_text[fold(text).replace("-", "–")]
        except KeyError:
            try:
                return self.by_text[fold(text)]
            except KeyError:
                labels = "; ".join(label for _, label in self.choices.choices)
                raise ValueError(
                    f"“{text}” không phải {self.what} hợp lệ; chọn một trong: {labels}."
                ) from None

    def render(self, value, obj=None, **kwargs):
        if obj is not None and getattr(obj, "pk", 1) is None:
            return ""  # a row not yet imported has no state, result or reason of its own
        return self.choices(value).label if value else ""


class TextWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return unicodedata.normalize("NFC", str(value).strip())

    def render(self, value, obj=None, **kwargs):
        return value or ""


class DayWidget(widgets.Widget):
    """Dates as dd/mm/yyyy text or real Excel dates; "31/02/2024" is refused, not guessed."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValueError(f"Ngày “{text}” không hợp lệ; ghi theo dạng dd/mm/yyyy, ví dụ 15/02/2024.")

    def render(self, value, obj=None, **kwargs):
        return value if value else ""  # the Excel writer formats dates as DD/MM/YYYY


class CampaignUnitWidget(widgets.Widget):
    """A unit by its code, only among the active units of the campaign's organiser's subtree."""

    def __init__(self):
        super().__init__()
        self.campaign = None
        self._units = {}

    def _scope(self):
        organiser = self.campaign.organiser
        return Unit.objects.active().filter(path__startswith=organiser.path, depth__gt=organiser.depth)

    def prefetch(self, values):
        """Look up the codes ``values`` (a column of the file) in one query, instead of one a row;
        a code typed in another case is still looked up on its own by ``clean``."""
        keys = {str(value).strip().lower() for value in values if value not in (None, "")}
        for start in range(0, len(keys), PREFETCH_CHUNK):
            chunk = sorted(keys)[start : start + PREFETCH_CHUNK]
            self._units.update({unit.code: unit for unit in self._scope().filter(code__in=chunk)})

    def clean(self, value, row=None, **kwargs):
        code = "" if value is None else str(value).strip()
        if not code:
            raise ValueError("Thiếu mã đơn vị.")
        # Codes are lowercase ("nhat-tan"); an office that types "Nhat-Tan" means the same unit.
        key = code.lower()
        if key not in self._units:
            self._units[key] = self._scope().filter(code__iexact=code).first()
        unit = self._units[key]
        if unit is None:
            raise ValueError(f"Không có đơn vị mã “{code}” trong phạm vi {self.campaign.organiser}.")
        return unit

    def render(self, value, obj=None, **kwargs):
        return value.code if value else ""


def _text(attribute, column_name):
    return fields.Field(attribute=attribute, column_name=column_name, widget=TextWidget())


def _shown(attribute, column_name, widget=None):
    """Exported for reading; ignored when a file is imported (the workflow decides these)."""
    return fields.Field(
        attribute=attribute, column_name=column_name, widget=widget or TextWidget(), readonly=True
    )


def _entry_key(raw_id):
    """The entry id a "Mã hồ sơ" cell holds ("12", 12.0), else ``None`` (blank, "abc", 1.5, 10**30)."""
    if raw_id in (None, ""):
        return None
    try:
        number = float(raw_id)
    except (TypeError, ValueError):
        return None
    if not number.is_integer() or not is_valid_key(str(int(number))):
        return None
    return int(number)


def _by_column(error):
    """``error`` keyed by field, as the report names columns: a conflict under "Phiên bản"."""
    if hasattr(error, "error_dict"):
        return error
    key = "version" if getattr(error, "code", None) == "conflict" else NON_FIELD_ERRORS
    return ValidationError({key: error.messages})


class EntryResource(resources.ModelResource):
    """One row per entry. Construct with ``campaign`` (the campaign imported into) and ``user`` (who
    imports, recorded in the history); both may be ``None`` for an export.
    """

    id = _shown("id", ID, widgets.IntegerWidget(coerce_to_string=False))
    unit = fields.Field(attribute="unit", column_name=UNIT_CODE, widget=CampaignUnitWidget())
    unit_name = _shown("unit__name", "Đơn vị")
    kind = fields.Field(attribute="kind", column_name=KIND, widget=ChoiceLabelWidget(EntryKind, "loại"))
    field = fields.Field(
        attribute="field", column_name=FIELD, widget=ChoiceLabelWidget(EntryField, "lĩnh vực")
    )
    title = _text("title", TITLE)
    new_hard_task = _text("new_hard_task", "Việc mới, việc khó")
    head_responsible = _text("head_responsible", "Người đứng đầu chịu trách nhiệm")
    situation = _text("situation", "Thực trạng và lý do")
    objectives = _text("objectives", "Mục tiêu")
    content_method = _text("content_method", "Nội dung và cách làm")
    place_target_group = _text("place_target_group", "Địa bàn, đối tượng")
    forces = _text("forces", "Lực lượng chủ trì và phối hợp")
    resources = _text("resources", "Nguồn lực")
    start_date = fields.Field(attribute="start_date", column_name="Ngày bắt đầu", widget=DayWidget())
    milestones = _text("milestones", "Các mốc thực hiện")
    expected_outputs = _text("expected_outputs", "Kết quả dự kiến")
    sustainability = _text("sustainability", "Tính bền vững, nhân rộng")
    subject_kind = fields.Field(
        attribute="subject_kind",
        column_name="Điển hình là",
        widget=ChoiceLabelWidget(SubjectKind, "loại điển hình (cá nhân/tập thể)", required=False),
    )
    subject_name = _text("subject_name", "Họ tên / tên tập thể")
    subject_position = _text("subject_position", "Chức vụ")
    state = _shown("state", "Trạng thái", ChoiceLabelWidget(EntryState, "trạng thái"))
    return_reason = _shown("return_reason", "Lý do trả lại")
    self_assessment = _shown("self_assessment", "Tự đánh giá")
    evaluation = _shown(
        "evaluation", "Kết quả đánh giá", ChoiceLabelWidget(Evaluation, "kết quả", required=False)
    )
    evaluation_comment = _shown("evaluation_comment", "Nhận xét của Ban Dân vận")
    version = _shown("version", VERSION)

    class Meta:
        model = Entry
        fields = (
            "id", "unit", "unit_name", "kind", "field", "title", "new_hard_task", "head_responsible",
            "situation", "objectives", "content_method", "place_target_group", "forces", "resources",
            "start_date", "milestones", "expected_outputs", "sustainability", "subject_kind",
            "subject_name", "subject_position", "state", "return_reason", "self_assessment", "evaluation",
            "evaluation_comment", "version",
        )  # fmt: skip
        export_order = fields
        import_id_fields = ()
        skip_unchanged = True
        # The preview lists only the rows that change something; unchanged ones are counted, not shown.
        report_skipped = False
        clean_model_instances = False  # the services validate, inside their transactions
        use_transactions = True

    def __init__(self, campaign=None, user=None, file_name="", **kwargs):
        super().__init__(**kwargs)
        self.campaign, self.user, self.file_name = campaign, user, file_name
        self.fields["unit"].widget.campaign = campaign
        self._row_of_entry = {}  # entry pk → Excel row number of the row that matched it
        self._entries = {}  # entry pk → Entry, read up front by before_import
        self._corrections = []  # (entry pk, version read, fields): written together by after_import
        self._index_of_entry = {}  # entry pk → (row index in the dataset, row) of the row changing it
        self._numbers = []
        self._found_by_title = False  # the current row was matched by its title, not its "Mã hồ sơ"

    @classmethod
    def headers(cls):
        return [field.column_name for field in cls().get_export_fields()]

    def get_queryset(self):
        return Entry.objects.filter(campaign=self.campaign).select_related("unit")

    def before_import(self, dataset, **kwargs):
        if self.campaign is None:
            raise ValidationError("Chưa chọn phong trào để nhập.")
        if self.campaign.state == CampaignState.CLOSED:
            raise ValidationError(f"“{self.campaign}” đã kết thúc: hồ sơ đã chốt, không nhập được nữa.")
        if transaction.get_connection().in_atomic_block:  # the import's own transaction (use_transactions)
            # Imports into one campaign run one at a time: a second one (another board member, a double
            # click on "Xác nhận nhập") waits here, then finds the entries the first made and creates
            # no twin. The lock is the campaign's row, held until this import's transaction ends.
            Campaign.objects.select_for_update().filter(pk=self.campaign.pk).first()
        self._numbers = getattr(dataset, "row_numbers", None) or list(range(2, len(dataset) + 2))
        self._row_of_entry = {}
        self._corrections, self._index_of_entry = [], {}
        # The file's entries and units, each read in a few queries rather than one query a row.
        self._entries = self._prefetch_entries(dataset[ID] if ID in dataset.headers else [])
        if UNIT_CODE in dataset.headers:
            self.fields["unit"].widget.prefetch(dataset[UNIT_CODE])

    def _prefetch_entries(self, raw_ids):
        """``{pk: Entry}`` of the campaign's entries named in the column ``raw_ids``."""
        pks = sorted({pk for pk in map(_entry_key, raw_ids) if pk is not None})
        found = {}
        for start in range(0, len(pks), PREFETCH_CHUNK):
            found.update(self.get_queryset().in_bulk(pks[start : start + PREFETCH_CHUNK]))
        return found

    def after_init_instance(self, instance, new, row, row_number=None, **kwargs):
        """Refuse a second row that means an entry another row already changes (one by its "Mã hồ sơ",
        one by its unit, kind and title): the later row would silently undo the earlier one."""
        if new or row_number is None:
            return
        number = self._numbers[row_number - 1]
        self._index_of_entry.setdefault(instance.pk, (row_number, row))
        earlier = self._row_of_entry.setdefault(instance.pk, number)
        if earlier != number:
            raise ValidationError(
                {"id": f"Dòng này và dòng {earlier} cùng chỉ hồ sơ {instance.pk}; hãy giữ lại một dòng."}
            )

    def after_import(self, dataset, result, **kwargs):
        """Write the corrections of every changed row at once (``review.correct_entries``; a refused
        one is reported on its row), then number rows as Excel does (``dataset.row_numbers``, from
        ``read_xlsx``, whatever stands above the header or between rows) and name columns by their
        headers."""
        self._write_corrections(result)
        numbers = self._numbers
        columns = {f.attribute: f.column_name for f in self.fields.values() if f.attribute}
        columns["id"] = ID
        for invalid in result.invalid_rows:
            invalid.number = numbers[invalid.number - 1]
            invalid.error_dict = {columns.get(key, key): value for key, value in invalid.error_dict.items()}
        for error_row in result.error_rows:
            error_row.number = numbers[error_row.number - 1]

    def _write_corrections(self, result):
        if not self._corrections:
            return
        note = f"nhập từ tệp {self.file_name}" if self.file_name else "nhập từ tệp Excel"
        try:
            review.correct_entries(corrections=self._corrections, by=self.user, note=note)
        except review.CorrectionsRefused as refused:
            for entry_id, error in refused.by_entry.items():
                index, row = self._index_of_entry[entry_id]
                result.append_invalid_row(index, row, _by_column(error))
        self._corrections = []

    def get_instance(self, instance_loader, row):
        """The entry a row means: by "Mã hồ sơ" if given, else by unit, kind and title (so a file
        imported twice finds the entries of the first time instead of making twins).
        """
        self._found_by_title = False
        raw_id = row.get(ID)
        if raw_id not in (None, ""):
            pk = _entry_key(raw_id)
            if pk is None:
                raise ValidationError({"id": f"Mã hồ sơ “{raw_id}” không hợp lệ."})
            entry = self._entries.get(pk)
            if entry is None:
                raise ValidationError({"id": f"Mã hồ sơ {pk} không thuộc phong trào {self.campaign}."})
            return entry
        try:
            unit = self.fields["unit"].clean(row)
            kind = self.fields["kind"].clean(row)
        except ValueError:
            return None  # a new row; import_instance reports the bad value next to its column
        # The title as the office typed it: another Unicode form, case, spacing or tone placement
        # ("hoà"/"hòa") still means the same entry, never a second one.
        key = normal_text(TextWidget().clean(row.get(TITLE)) or "")
        candidates = (
            self.get_queryset()
            .filter(unit=unit, kind=kind)
            .exclude(state=EntryState.WITHDRAWN)
            .order_by("pk")
        )
        entry = next((entry for entry in candidates if normal_text(entry.title) == key), None)
        self._found_by_title = entry is not None
        return entry

    def init_instance(self, row=None):
        # By id, not the object: django-import-export deep-copies each row's instance for its diff,
        # and a campaign object would drag its organiser and caches into every copy.
        return Entry(campaign_id=self.campaign.pk)

    def import_instance(self, instance, row, **kwargs):
        unit_before = instance.unit_id if instance.pk else None
        title_before = instance.title
        super().import_instance(instance, row, **kwargs)
        if self._found_by_title:
            # The title is what found the entry: the office's spelling of it ("hoà" for "hòa", another
            # case) is no change to record. Renaming needs the row's "Mã hồ sơ".
            instance.title = title_before
        if unit_before is not None and instance.unit_id != unit_before:
            raise ValidationError({"unit": "Không đổi được đơn vị của hồ sơ đã đăng ký qua tệp Excel."})

    def before_save_instance(self, instance, row, **kwargs):
        """A changed row exported before someone else's change would undo it: refuse it."""
        exported = row.get(VERSION)
        if instance.pk and exported not in (None, "") and str(exported) != instance.version:
            raise ValidationError(
                {
                    "version": f"Hồ sơ {instance.pk} đã thay đổi sau khi xuất tệp này (lúc "
                    f"{timezone.localtime(instance.updated_at):%H:%M %d/%m/%Y}); dòng này có thể ghi đè "
                    "thay đổi đó. Hãy xuất tệp mới rồi sửa lại."
                }
            )

    def do_instance_save(self, instance, is_create):
        values = {name: getattr(instance, name) for name in review.CORRECTABLE_FIELDS if name in self.fields}
        if is_create:
            with transaction.atomic():
                entry = registration.register_entry(
                    campaign=self.campaign, unit=instance.unit, by=self.user, **values
                )
                entry = registration.submit_entry(entry=entry, by=self.user)
            instance.pk = entry.pk
        else:
            # Written with every other changed row by after_import, under one lock of all of them;
            # the version is the entry's as read at the start of the import, so a change made since
            # (a ward saving its form meanwhile) is refused, not overwritten.
            self._corrections.append((instance.pk, instance.version, values))


class UnseenEntryResource(EntryResource):
    """``EntryResource`` for imports nobody previews (the command, a background import): the same rows
    and checks without the HTML diff of each row, which costs more than saving it (diff_match_patch
    on every changed text)."""

    class Meta(EntryResource.Meta):
        skip_html_diff = True
