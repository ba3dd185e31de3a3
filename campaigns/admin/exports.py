"""The board's made files (issue [E]): a big export is made by the task worker, and its page in the
admin shows how far it has got and offers the file once made. Each user sees only their own files
(``campaigns.permissions.exports_of``); the files are read from the default storage, so any app
server answers.
"""

from django.contrib import admin, messages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from ..choices import ExportState
from ..models import ExportFile
from ..permissions import exports_of, get_export_or_404
from ..services import exports

# After this long in the queue the page says the worker may not be running.
WAITING_HINT_SECONDS = 120


def queued_response(request, *, title, **wanted):
    """Ask for a file in the background as ``request.user`` (``exports.request_export`` with
    ``wanted``: kind, filename, queryset, params, rows_total) and send them to its page with a message.
    ``title`` gets the time of asking, so two files of one list stay apart in the list of files.
    """
    stamp = f"{timezone.localtime():%H:%M %d/%m/%Y}"
    export = exports.request_export(user=request.user, title=f"{title} ({stamp})", **wanted)
    messages.info(request, "Danh sách lớn: tệp đang được tạo ở nền, trang này cho biết tiến độ.")
    return HttpResponseRedirect(reverse("admin:campaigns_exportfile_change", args=[export.pk]))


@admin.register(ExportFile)
class ExportFileAdmin(admin.ModelAdmin):
    list_display = ("title", "state", "progress", "requested_at", "download")
    list_filter = ("state",)
    ordering = ("-requested_at", "-pk")

    # Anyone who works in the admin may follow their own files; nobody edits one.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (obj is None or obj.requested_by_id == request.user.pk)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return exports_of(request.user)

    @admin.display(description="tiến độ")
    def progress(self, export):
        if export.rows_total:
            return f"{export.rows_done:n}/{export.rows_total:n} dòng ({export.percent}%)"
        return f"{export.rows_done:n} dòng"

    @admin.display(description="tệp")
    def download(self, export):
        if export.state != ExportState.DONE:
            return "—"
        url = reverse("admin:campaigns_exportfile_download", args=[export.pk])
        return format_html('<a href="{}">Tải về ({})</a>', url, filesizeformat(export.size or 0))

    def get_urls(self):
        return [
            path(
                "<str:pk>/tai-ve/",
                self.admin_site.admin_view(self.download_view),
                name="campaigns_exportfile_download",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The file's page: its progress (the page reloads itself until the file is made) and, once
        made, the download button. Another user's file, or no file, is a 404."""
        export = get_export_or_404(request.user, object_id)
        finished = export.state in ExportState.finished
        waited = (export.started_at is None) and (
            (timezone.now() - export.requested_at).total_seconds() > WAITING_HINT_SECONDS
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": export.title,
            "export": export,
            "finished": finished,
            "waited": waited and not finished,
            "States": ExportState,
        }
        return TemplateResponse(request, "admin/campaigns/exportfile/status.html", context)

    def download_view(self, request, pk):
        export = get_export_or_404(request.user, pk)
        if export.state != ExportState.DONE or not export.file:
            raise Http404("Tệp chưa tạo xong.")
        try:
            handle = export.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404("Tệp đã bị xoá; hãy xuất lại.") from exc
        return FileResponse(handle, as_attachment=True, filename=export.filename)
