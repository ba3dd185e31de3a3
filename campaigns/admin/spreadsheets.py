"""Excel in the board's admin: import entries (django-import-export's preview and confirmation, all or
nothing), export the filtered list, and download an import template (bare or pre-filled for a unit).

The same code as the commands: ``campaigns.spreadsheets.resources.EntryResource`` and
``campaigns.spreadsheets.entries``. Import and export each need their own permission
(``campaigns.import_entry``, ``export_entry``).
"""

import datetime
import tempfile

from django import forms
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from import_export.admin import ImportMixin
from import_export.forms import ConfirmImportForm, ImportForm

from tayho_danvan.lib import excel
from tayho_danvan.lib.excel import XLSX_CONTENT_TYPE, CheckedXLSX, ImportFileError
from units.models import Unit

from .. import permissions
from ..choices import CampaignState
from ..models import Campaign
from ..services import exports
from ..spreadsheets import entries as entry_sheets
from ..spreadsheets.resources import EntryResource, check_rows
from .exports import queued_response

IMPORT_FOLDER = "nhap-excel"  # in the default storage, shared by every app server
SHOWN_ERRORS = 100  # bad rows listed on the preview page; the rest are counted
# Rows of one file imported through the admin: each valid row costs about 15 ms of checks, so 2,000
# keep a preview well inside gunicorn's 60 s; a bigger file goes in parts, or through import_entries.
ADMIN_MAX_ROWS = 2_000
STALE_AFTER = datetime.timedelta(hours=24)


def purge_stale_imports(now=None):
    """Delete uploaded files whose preview was never confirmed (older than ``STALE_AFTER``); returns
    how many were deleted. A confirmed import deletes its own file at once.
    """
    now = now or timezone.now()
    if not default_storage.exists(IMPORT_FOLDER):
        return 0
    removed = 0
    for name in default_storage.listdir(IMPORT_FOLDER)[1]:
        path = f"{IMPORT_FOLDER}/{name}"
        if now - default_storage.get_modified_time(path) > STALE_AFTER:
            default_storage.delete(path)
            removed += 1
    return removed


def _xlsx_response(write, filename):
    """Write a workbook into a temporary file (``write(out)`` returns the row count) and send it;
    the file is deleted when the response closes it.
    """
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    count = write(handle)
    handle.seek(0)
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
    response["X-Row-Count"] = str(count)
    return response


class CampaignImportForm(ImportForm):
    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.none(),
        label="Nhập vào phong trào",
        error_messages={"required": "Hãy chọn phong trào.", "invalid_choice": "Phong trào không hợp lệ."},
    )
    field_order = ["campaign", "import_file", "format"]

    def __init__(self, formats, resources, campaigns=None, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["campaign"].queryset = campaigns if campaigns is not None else Campaign.objects.none()
        self.fields["import_file"].help_text = (
            "Tệp .xlsx theo mẫu (cùng tiêu đề cột với tệp xuất). Dòng có “Mã hồ sơ” cập nhật hồ sơ đó; "
            "dòng không có mã tạo hồ sơ mới và gửi Ban Dân vận. Có một dòng lỗi thì không ghi gì."
        )

    def clean_import_file(self):
        """The whole file is checked here, before django-import-export stores it: what is refused
        never reaches the storage, and an oversized upload is refused by its size alone.
        """
        upload = self.cleaned_data["import_file"]
        if upload.size > excel.MAX_UPLOAD_BYTES:
            limit = excel.MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"Tệp “{upload.name}” nặng quá {limit} MB; hãy chia nhỏ tệp.")
        data = upload.read()
        upload.seek(0)
        try:
            headers, rows = excel.read_xlsx(data, upload.name, expected=EntryResource.headers())
            check_rows(headers, rows)
            if len(rows) > ADMIN_MAX_ROWS:
                raise ImportFileError(
                    f"Tệp “{upload.name}” có {len(rows)} dòng; mỗi lần nhập trong trang quản trị tối đa "
                    f"{ADMIN_MAX_ROWS} dòng. Hãy chia tệp thành nhiều phần."
                )
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


class CampaignConfirmImportForm(ConfirmImportForm):
    campaign = forms.ModelChoiceField(queryset=Campaign.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, campaigns=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns if campaigns is not None else Campaign.objects.none()


class EntryXLSX(CheckedXLSX):
    """The checked format, told the entries' headers: it finds them below a title or notes and in any
    Unicode form or tone placement."""

    expected = tuple(EntryResource.headers())


class EntrySpreadsheetMixin(ImportMixin):
    """For ``EntryAdmin``: import through django-import-export, export and templates of our own."""

    resource_classes = [EntryResource]
    import_form_class = CampaignImportForm
    confirm_form_class = CampaignConfirmImportForm
    import_export_change_list_template = "admin/campaigns/entry/change_list.html"

    def get_import_formats(self):
        return [EntryXLSX]

    def get_tmp_storage_class_kwargs(self):
        return {"MEDIA_FOLDER": IMPORT_FOLDER}

    def write_to_tmp_storage(self, import_file, input_format):
        purge_stale_imports()
        return super().write_to_tmp_storage(import_file, input_format)

    def _campaigns(self, request):
        return permissions.reviewable_campaigns(request.user).select_related("organiser")

    def _import_campaigns(self, request):
        # A closed campaign's entries are final: nothing is imported into it.
        return self._campaigns(request).exclude(state=CampaignState.CLOSED)

    def get_import_form_kwargs(self, request):
        return {**super().get_import_form_kwargs(request), "campaigns": self._import_campaigns(request)}

    def get_confirm_form_kwargs(self, request, import_form=None):
        return {
            **super().get_confirm_form_kwargs(request, import_form),
            "campaigns": self._import_campaigns(request),
        }

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["campaign"] = import_form.cleaned_data["campaign"].pk
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        campaign = form.cleaned_data.get("campaign") if form is not None and form.is_valid() else None
        file_name = ""
        if form is not None and form.is_valid():
            upload = form.cleaned_data.get("import_file")
            file_name = upload.name if upload else form.cleaned_data.get("original_file_name", "")
        return {"campaign": campaign, "user": request.user, "file_name": file_name}

    def get_import_data_kwargs(self, **kwargs):
        # All or nothing even if the data changed between the preview and the confirmation.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def import_action(self, request, **kwargs):
        """The preview lists the first ``SHOWN_ERRORS`` bad rows and says how many there are: a file of
        thousands of bad rows gives a page that opens, not tens of megabytes of rows."""
        response = super().import_action(request, **kwargs)
        result = (getattr(response, "context_data", None) or {}).get("result")
        if result is not None and len(result.invalid_rows) > SHOWN_ERRORS:
            total = len(result.invalid_rows)
            result.invalid_rows = result.invalid_rows[:SHOWN_ERRORS]
            messages.warning(
                request,
                f"Tệp có {total} dòng lỗi; dưới đây là {SHOWN_ERRORS} dòng lỗi đầu tiên. Không có gì được "
                "ghi. Hãy sửa các dòng lỗi trong tệp (thường cùng một lỗi) rồi tải lên lại.",
            )
        return response

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ImportFileError):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def process_import(self, request, **kwargs):
        """Confirmation; a second click, a purged preview or a tampered form gets a message, not a 500."""
        try:
            return super().process_import(request, **kwargs)
        except (FileNotFoundError, IndexError, ValueError, KeyError):
            messages.error(
                request,
                "Không tìm thấy tệp đang chờ xác nhận (đã nhập rồi, hoặc đã quá hạn). Hãy tải tệp lên lại.",
            )
            return HttpResponseRedirect(reverse("admin:campaigns_entry_import"))

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # Rows that passed the preview failed at confirmation (someone changed the data meanwhile):
            # everything was rolled back.
            report = entry_sheets.report_of(result)
            messages.error(request, "Không nhập gì: dữ liệu đã thay đổi từ lúc xem trước. Hãy nhập lại tệp.")
            for problem in report.problems[:20]:
                column = f", cột “{problem.column}”" if problem.column else ""
                messages.error(request, f"Dòng {problem.row}{column}: {problem.message}")
            return HttpResponseRedirect(reverse("admin:campaigns_entry_import"))
        return super().process_result(result, request)

    # Export and templates -------------------------------------------------------------------------

    def has_export_permission(self, request):
        return request.user.has_perm("campaigns.export_entry")

    def get_urls(self):
        extra = [
            path("xuat-excel/", self.admin_site.admin_view(self.export_view), name="campaigns_entry_export"),
            path(
                "mau-nhap/<int:campaign_pk>/",
                self.admin_site.admin_view(self.template_view),
                name="campaigns_entry_template",
            ),
        ]
        return extra + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "has_export_permission": self.has_export_permission(request),
            "template_campaigns": list(self._campaigns(request).order_by("-year")[:5]),
        }
        return super().changelist_view(request, extra_context)

    def export_view(self, request):
        """The changelist as filtered and searched, streamed into an xlsx file; a list of
        ``EXPORT_BACKGROUND_ROWS`` rows or more is made by the task worker instead, and the user is
        sent to its page (progress, then the download)."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        try:
            queryset = self.get_changelist_instance(request).get_queryset(request)
        except (IncorrectLookupParameters, ValidationError, ValueError):
            messages.error(request, "Bộ lọc không hợp lệ; đã bỏ lọc. Hãy lọc lại rồi xuất.")
            return HttpResponseRedirect(reverse("admin:campaigns_entry_changelist"))
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        filename = f"mo-hinh-dien-hinh-{stamp}.xlsx"
        count = queryset.count()
        if exports.in_background(count):
            return queued_response(
                request,
                kind="entries",
                title=f"Mô hình, điển hình: {count:n} hồ sơ",
                filename=filename,
                queryset=queryset,
                rows_total=count,
            )
        return _xlsx_response(lambda out: entry_sheets.export_entries(out, queryset), filename)

    def template_view(self, request, campaign_pk):
        """The import template of a campaign; ``?don_vi=CODE`` pre-fills one row per quota place."""
        if not (self.has_import_permission(request) or self.has_export_permission(request)):
            raise PermissionDenied
        campaign = get_object_or_404(self._campaigns(request), pk=campaign_pk)
        unit = None
        if request.GET.get("don_vi"):
            unit = get_object_or_404(
                Unit.objects.subtree_of(campaign.organiser, include_self=False), code=request.GET["don_vi"]
            )
        suffix = f"-{slugify(unit.code)}" if unit else ""
        return _xlsx_response(
            lambda out: entry_sheets.write_template(out, campaign, unit),
            f"mau-nhap-{campaign.year}{suffix}.xlsx",
        )
