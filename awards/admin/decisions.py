"""Award types, ceremonies, decisions and awards in the board's admin; award lists to Excel."""

from pathlib import PurePath

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from import_export.admin import ExportMixin

from campaigns.admin.exports import queued_response
from campaigns.admin.scope import CampaignRecordAdmin
from campaigns.services import evidence, exports
from tayho_danvan.lib.excel import ImportFileError, TextSafeXLSX
from units.admin_scope import BoardScopeMixin, _or_bad_request
from units.collation import fold

from ..documents.annex import annex_order, annex_response
from ..documents.certificates import certificates
from ..models import Award, AwardType, Ceremony, Decision
from ..spreadsheets.people import HEADERS as PEOPLE_HEADERS
from ..spreadsheets.people import import_people
from ..spreadsheets.resources import AwardListResource, award_list_queryset
from .decision_awards import DecisionAwardsMixin


@admin.register(AwardType)
class AwardTypeAdmin(BoardScopeMixin, admin.ModelAdmin):
    """Award types are shared reference data (the decree's forms of commendation): no organiser's."""

    list_display = ("name", "level", "default_issuer")


@admin.register(Ceremony)
class CeremonyAdmin(CampaignRecordAdmin):
    list_display = ("title", "date", "place", "campaign")


class DecisionForm(forms.ModelForm):
    """The decision's form: its scan is checked like evidence (size, content, PDF or picture)."""

    class Meta:
        model = Decision
        fields = (
            "campaign", "award_type", "number", "date", "issuer_name", "signer_name", "signer_position",
            "ceremony", "scanned_file",
        )  # fmt: skip

    def clean_scanned_file(self):
        upload = self.cleaned_data.get("scanned_file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the file already kept
            evidence.check_scan(upload)
        return upload


class ScanInput(forms.ClearableFileInput):
    """The scan's link points at the admin's scoped download, never at a ``/media/`` address."""

    def __init__(self, *args, download_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.download_url = download_url

    def format_value(self, value):
        if value and self.download_url:
            return _ScanLink(self.download_url)
        return super().format_value(value)


class _ScanLink(str):
    url = None

    def __new__(cls, url):
        link = super().__new__(cls, "Tải bản quét")
        link.url = url
        return link


class PeopleUploadForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx)", error_messages={"required": "Hãy chọn tệp."})


@admin.register(Decision)
class DecisionAdmin(DecisionAwardsMixin, CampaignRecordAdmin):
    form = DecisionForm
    list_display = ("number", "date", "award_type", "issuer_name", "year")  # narrow: the campaign by its year
    list_filter = ("campaign__year", "award_type")
    list_select_related = ("award_type", "campaign__organiser")
    actions = ("download_award_list", "print_certificates")
    readonly_fields = ("people_import_link",)

    @admin.display(description="năm", ordering="campaign__year")
    def year(self, decision):
        return decision.campaign.year

    def get_changeform_initial_data(self, request):
        """A new decision starts from the board's last one (award type, issuer, signer, campaign) and
        takes the award type's default issuer when another type is asked for (``?award_type=ID``).
        """
        initial = super().get_changeform_initial_data(request)
        last = self.get_queryset(request).order_by("-date", "-pk").first()
        if last is not None:
            initial.setdefault("award_type", last.award_type_id)
            initial.setdefault("issuer_name", last.issuer_name)
            initial.setdefault("signer_name", last.signer_name)
            initial.setdefault("signer_position", last.signer_position)
            initial.setdefault("campaign", last.campaign_id)
        award_type = str(initial.get("award_type", ""))
        chosen = AwardType.objects.filter(pk=award_type).first() if award_type.isdigit() else None
        if chosen is not None and chosen.default_issuer and (last is None or last.award_type_id != chosen.pk):
            initial["issuer_name"] = chosen.default_issuer
        initial.setdefault("date", timezone.localdate())
        return initial

    @admin.display(description="cá nhân, tập thể")
    def people_import_link(self, decision):
        if not decision.pk:
            return "Lưu quyết định trước, rồi nhập danh sách cá nhân, tập thể."
        url = reverse("admin:awards_decision_people", args=[decision.pk])
        return format_html('<a href="{}">Nhập cá nhân, tập thể từ Excel</a>', url)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "scanned_file" in form.base_fields:
            url = reverse("admin:awards_decision_scan", args=[obj.pk]) if obj and obj.scanned_file else None
            form.base_fields["scanned_file"].widget = ScanInput(download_url=url)
        return form

    def scan_view(self, request, pk):
        """The decision's scan, for whoever reads the decision (archive boards included)."""
        decision = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, decision) or not decision.scanned_file:
            raise Http404("Không có bản quét.")
        try:
            handle = decision.scanned_file.open("rb")
        except FileNotFoundError as exc:
            raise Http404("Không tìm thấy tệp bản quét.") from exc
        suffix = PurePath(decision.scanned_file.name).suffix
        name = f"quyet-dinh-{slugify(fold(decision.number))}{suffix}"
        return FileResponse(handle, as_attachment=True, filename=name)

    def get_urls(self):
        view = self.admin_site.admin_view(self.people_view)
        annex = self.admin_site.admin_view(self.annex_view)
        return [
            path(
                "<int:pk>/ban-quet/", self.admin_site.admin_view(self.scan_view), name="awards_decision_scan"
            ),
            path("<int:pk>/nhap-ca-nhan/", view, name="awards_decision_people"),
            path("<int:pk>/danh-sach.xlsx", annex, name="awards_decision_annex"),
            *super().get_urls(),
        ]

    def annex_view(self, request, pk):
        """One decision's annex as Excel, from a link (the message after awards are added to it)."""
        decision = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, decision):
            raise PermissionDenied
        queryset = self.get_queryset(request).filter(pk=decision.pk)
        return self.download_award_list(request, queryset)

    def people_view(self, request, pk):
        """Upload a sheet of individuals and collectives for one decision (all rows or none)."""
        decision = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, decision):
            raise PermissionDenied
        form = PeopleUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                created = import_people(
                    upload.read(), decision=decision, by=request.user, file_name=upload.name
                )
            except (ValidationError, ImportFileError) as error:
                for message in getattr(error, "messages", [str(error)]):
                    form.add_error(None, message)
            else:
                self.message_user(
                    request, f"Đã thêm {len(created)} khen thưởng vào {decision}.", messages.SUCCESS
                )
                return redirect("admin:awards_decision_change", decision.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Nhập cá nhân, tập thể — {decision}",
            "form": form,
            "decision": decision,
            "headers": PEOPLE_HEADERS,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/awards/decision/people_import.html", context)

    @admin.action(description="Tải danh sách khen thưởng (Excel)", permissions=["view"])
    def download_award_list(self, request, queryset):
        """The annexes of the chosen decisions; with ``EXPORT_BACKGROUND_ROWS`` awards or more, made
        by the task worker and followed on the file's page."""
        numbers = "-".join(slugify(fold(number)) for number in queryset.values_list("number", flat=True)[:3])
        filename = f"danh-sach-khen-thuong-{numbers}.xlsx"
        count = Award.objects.filter(decision__in=queryset).count()
        if exports.in_background(count):
            return queued_response(
                request,
                kind="annex",
                title=f"Phụ lục quyết định {numbers}: {count:n} khen thưởng",
                filename=filename,
                queryset=queryset,
                rows_total=count,
            )
        return annex_response(annex_order(queryset), filename)

    @admin.action(
        description="In giấy khen, bằng khen (mỗi khen thưởng một trang A4 ngang)", permissions=["view"]
    )
    def print_certificates(self, request, queryset):
        decisions = annex_order(queryset)
        return TemplateResponse(
            request, "awards/certificates.html", {"certificates": certificates(decisions)}
        )


@admin.register(Award)
class AwardAdmin(ExportMixin, CampaignRecordAdmin):
    campaign_path = "decision__campaign"
    resource_classes = [AwardListResource]
    export_formats = [TextSafeXLSX]
    list_display = ("position", "recipient_name", "recipient_kind", "unit", "decision")
    list_filter = ("decision__campaign__year", "decision", "recipient_kind")
    list_select_related = ("unit", "decision")
    # Picked by search among what the board may see (the raw-id box showed any row's name by its id).
    autocomplete_fields = ("entry", "unit")
    # Newest decision first, then its list in order, read from the (decision, position) index.
    ordering = ("-decision_id", "position")

    def get_export_filename(self, request, queryset, file_format):
        return f"danh-sach-khen-thuong-{timezone.localdate():%Y-%m-%d}.{file_format.get_extension()}"

    def get_export_queryset(self, request):
        return award_list_queryset(super().get_export_queryset(request))

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        # django-import-export builds the whole list in memory before sending it (a minute for a
        # city's 20,000 awards, past the server's timeout): a long list is made by the task worker,
        # with the columns the form chose.
        count = queryset.count()
        if not exports.in_background(count):
            return super()._do_file_export(file_format, request, queryset, export_form=export_form)
        return queued_response(
            request,
            kind="award-list",
            title=f"Danh sách khen thưởng: {count:n} khen thưởng",
            filename=self.get_export_filename(request, queryset, file_format),
            queryset=queryset,
            params={"fields": self.get_export_resource_fields_from_form(export_form) or []},
            rows_total=count,
        )

    def export_action(self, request):
        # The export form reads the list's filters from the address: "?decision__id__exact=abc" is a
        # bad request, not a 500.
        parent = super()
        return _or_bad_request(request, lambda: parent.export_action(request))
