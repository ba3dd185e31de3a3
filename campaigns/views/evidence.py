"""Evidence files of an entry: upload, download (only for who may see the entry), remove."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from .. import permissions
from ..forms import EvidenceForm
from ..services import evidence as evidence_service
from .common import report_errors


@login_required
@require_POST
def evidence_upload(request, pk):
    entry = permissions.get_entry_for_staff_or_404(request.user, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        report_errors(request, form.errors)
        return redirect("entry_detail", pk=entry.pk)
    try:
        added = evidence_service.add_evidence(
            entry=entry, upload=form.cleaned_data["file"], by=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, f"Đã thêm minh chứng “{added.original_name}”.")
    return redirect("entry_detail", pk=entry.pk)


@login_required
def evidence_download(request, pk, evidence_pk):
    entry = permissions.get_entry_for_viewer_or_404(request.user, pk)
    items = entry.evidence.all()
    if not permissions.can_review_campaign(request.user, entry.campaign):
        items = items.filter(removed_at=None)  # the board still opens removed files; units do not
    item = get_object_or_404(items, pk=evidence_pk)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Không tìm thấy tệp minh chứng.") from exc
    return FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=item.content_type
    )


@login_required
@require_POST
def evidence_remove(request, pk, evidence_pk):
    entry = permissions.get_entry_for_staff_or_404(request.user, pk)
    item = get_object_or_404(entry.evidence, pk=evidence_pk)
    if item.removed_at is not None:
        messages.info(request, f"Minh chứng “{item.original_name}” đã được gỡ trước đó.")
        return redirect("entry_detail", pk=entry.pk)
    try:
        evidence_service.remove_evidence(evidence=item, by=request.user)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, f"Đã gỡ minh chứng “{item.original_name}”.")
    return redirect("entry_detail", pk=entry.pk)
