"""An entry's pages: register, read, edit, and the unit's own transitions (submit, withdraw, restore,
carry into this year). Each change goes through ``campaigns.services``; each view scopes first.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from tayho_danvan.lib import documents
from units.models import MembershipRole
from units.scoping import get_unit_for_staff_or_404, role_units

from .. import permissions
from ..choices import EntryKind, EntryState
from ..forms import EntryForm, EvidenceForm
from ..models import Entry
from ..services import registration
from ..services.common import DuplicateEntry
from ..signals import outcomes_of
from . import scores
from .common import add_service_errors, report_errors


def _add_errors(form, error):
    """A service's errors on the form; a twin of an existing entry links to it."""
    if isinstance(error, DuplicateEntry):
        existing = error.existing
        form.add_error(
            "title",
            format_html(
                '{} <a href="{}">Mở hồ sơ “{}”</a>',
                error.messages[0],
                reverse("entry_detail", args=[existing.pk]),
                existing.title,
            ),
        )
    else:
        add_service_errors(form, error)


def _form_page(request, form, *, unit, campaign, entry):
    return render(
        request,
        "campaigns/entry_form.html",
        {"form": form, "unit": unit, "campaign": campaign, "entry": entry},
    )


def _saved(request, entry, message):
    messages.success(request, message)
    if "submit" in request.POST:
        return _submit(request, entry)
    return redirect("entry_detail", pk=entry.pk)


@login_required
def entry_create(request, code):
    """Register a new model or exemplar (a draft), for the unit or any unit under it."""
    unit = get_unit_for_staff_or_404(request.user, code)
    campaign = permissions.current_campaign_for(unit)
    if campaign is None or not campaign.registration_is_open():
        notice = campaign.registration_notice() if campaign else "Chưa có phong trào nào."
        messages.error(request, notice)
        return redirect("unit_detail", code=unit.code)
    units = registration.units_for_registration(campaign, [unit])
    initial = {"unit": unit, "kind": request.GET.get("kind", EntryKind.MODEL)}
    form = EntryForm(request.POST or None, units=units, campaign=campaign, initial=initial)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data.get("form_token")
        earlier = registration.find_by_form_token(campaign=campaign, form_token=token, by=request.user)
        try:
            if earlier is None:
                # "Lưu và gửi" registers and sends in one transaction: a refused send (the quota is
                # full) leaves no draft behind, and the form keeps what was typed.
                with transaction.atomic():
                    entry = registration.register_entry(
                        campaign=campaign,
                        unit=form.cleaned_data["unit"],
                        by=request.user,
                        form_token=token,
                        **form.entry_fields(),
                    )
                    if "submit" in request.POST:
                        entry = registration.submit_entry(entry=entry, by=request.user)
                        messages.success(request, f"Đã lưu và gửi “{entry}” tới Ban Dân vận.")
                        return redirect("entry_detail", pk=entry.pk)
                message = f"Đã lưu bản nháp “{entry}”."
            elif permissions.can_edit_entry(request.user, earlier):
                # The same form posted again (a double click, or Back then Save): it updates the
                # entry it made instead of making a twin or losing what was typed.
                entry = registration.update_entry(
                    entry=earlier, by=request.user, unit=form.cleaned_data["unit"], **form.entry_fields()
                )
                message = f"Phiếu này đã được lưu thành hồ sơ “{entry}”; đã cập nhật nội dung mới."
            else:
                changed = any(getattr(earlier, k) != v for k, v in form.entry_fields().items())
                messages.warning(
                    request,
                    f"Phiếu này đã được gửi trước đó thành hồ sơ “{earlier}”."
                    + (
                        " Nội dung vừa sửa không được lưu: hồ sơ đã gửi chỉ sửa được khi Ban Dân vận trả lại."
                        if changed
                        else ""
                    ),
                )
                return redirect("entry_detail", pk=earlier.pk)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _saved(request, entry, message)
    return _form_page(request, form, unit=unit, campaign=campaign, entry=None)


@login_required
def entry_detail(request, pk):
    entry = permissions.get_entry_for_viewer_or_404(request.user, pk)
    return render(request, "campaigns/entry_detail.html", detail_context(request, entry))


def detail_context(request, entry, posted=None):
    """The entry page's context for ``request.user``; ``posted``: the self-score form as typed, shown
    back with its errors (``scores.entry_self_score``)."""
    user = request.user
    current = permissions.current_campaign_for(entry.unit)
    can_change_evidence = permissions.can_change_evidence(user, entry)
    continuations = list(entry.continuations.select_related("campaign"))
    events = list(entry.events.select_related("actor"))
    can_self_assess = permissions.can_self_assess(user, entry)
    return {
        **scores.score_context(entry, can_self_assess=can_self_assess, posted=posted),
        "entry": entry,
        "events": events,
        "evidence": entry.evidence.filter(removed_at=None).select_related("uploaded_by"),
        "evidence_form": EvidenceForm() if can_change_evidence else None,
        "can_change_evidence": can_change_evidence,
        "can_edit": permissions.can_edit_entry(user, entry),
        "can_submit": permissions.can_submit_entry(user, entry),
        "can_withdraw": permissions.can_withdraw_entry(user, entry),
        "can_restore": permissions.can_restore_entry(user, entry),
        "can_self_assess": can_self_assess,
        "continue_into": (
            current
            if permissions.can_continue_entry(user, entry, current)
            and not any(c.campaign_id == current.pk for c in continuations)
            else None
        ),
        "continuations": continuations,
        "notice": entry.campaign.registration_notice(),
        "outcomes": outcomes_of([entry]).get(entry.pk, []),
        # The last move into "accepted", read from the history the page shows anyway.
        "accepted_event": next(
            (e for e in reversed(events) if e.to_state == EntryState.ACCEPTED != e.from_state), None
        ),
    }


@login_required
def entry_print(request, pk):
    """The registration sheet of one entry on A4, to sign and file: what the unit registered, in the
    form's sections, under the unit's own Party heading (DESIGN.md, "Documents")."""
    entry = permissions.get_entry_for_viewer_or_404(request.user, pk)
    unit, organiser = entry.unit, entry.campaign.organiser
    body_above = documents.party_body_of(unit.parent.name) if unit.parent else ""
    place = documents.place_of(unit.name, organiser.short_name or organiser.name)
    # Dated when the unit registered the entry, not when the sheet is printed.
    registered_on = timezone.localdate(entry.submitted_at or entry.created_at)
    sections = [
        (title, [(Entry._meta.get_field(name), getattr(entry, name)) for name in names])
        for title, kind, names in EntryForm.SECTIONS
        if not kind or kind == entry.kind
    ]
    return render(
        request,
        "campaigns/entry_print.html",
        {
            "entry": entry,
            "issuer_lines": documents.issuer_lines(unit.name, state=False, body_above=body_above),
            "dated": documents.date_in_words(registered_on, place),
            "sections": sections,
        },
    )


@login_required
def entry_edit(request, pk):
    entry = permissions.get_entry_for_staff_or_404(request.user, pk)
    if not permissions.can_edit_entry(request.user, entry):
        hint = (
            "Hồ sơ đã gửi chỉ sửa được khi Ban Dân vận trả lại; nếu cần sửa gấp, hãy rút hồ sơ, "
            "khôi phục thành bản nháp, sửa rồi gửi lại."
            if entry.state in EntryState.awaiting_review and entry.campaign.registration_is_open()
            else entry.campaign.registration_notice()
        )
        messages.error(
            request, f"Hồ sơ này hiện không sửa được (trạng thái “{entry.get_state_display()}”). {hint}"
        )
        return redirect("entry_detail", pk=entry.pk)
    units = registration.units_for_registration(
        entry.campaign, role_units(request.user, MembershipRole.STAFF)
    )
    form = EntryForm(request.POST or None, instance=entry, units=units, campaign=entry.campaign)
    if request.method == "POST" and form.is_valid():
        try:
            entry = registration.update_entry(
                entry=entry,
                by=request.user,
                unit=form.cleaned_data["unit"],
                expected_version=form.cleaned_data.get("version") or None,
                **form.entry_fields(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _saved(request, entry, "Đã lưu thay đổi.")
    return _form_page(request, form, unit=entry.unit, campaign=entry.campaign, entry=entry)


def _submit(request, entry):
    if entry.state in EntryState.counted_as_registered:
        messages.info(request, f"“{entry}” đã được gửi trước đó ({entry.get_state_display().lower()}).")
        return redirect("entry_detail", pk=entry.pk)
    try:
        entry = registration.submit_entry(entry=entry, by=request.user)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, f"Đã gửi “{entry}” tới Ban Dân vận.")
    return redirect("entry_detail", pk=entry.pk)


@login_required
@require_POST
def entry_submit(request, pk):
    return _submit(request, permissions.get_entry_for_staff_or_404(request.user, pk))


@login_required
@require_POST
def entry_withdraw(request, pk):
    entry = permissions.get_entry_for_staff_or_404(request.user, pk)
    try:
        entry = registration.withdraw_entry(
            entry=entry, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, f"Đã rút “{entry}”: hồ sơ không còn tính vào chỉ tiêu.")
    return redirect("entry_detail", pk=entry.pk)


@login_required
@require_POST
def entry_restore(request, pk):
    entry = permissions.get_entry_for_staff_or_404(request.user, pk)
    if entry.state != EntryState.WITHDRAWN:
        messages.info(request, f"“{entry}” không ở trạng thái đã rút, không cần khôi phục.")
        return redirect("entry_detail", pk=entry.pk)
    try:
        entry = registration.restore_entry(entry=entry, by=request.user)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, f"Đã khôi phục “{entry}” thành bản nháp.")
    return redirect("entry_detail", pk=entry.pk)


@login_required
@require_POST
def entry_continue(request, pk):
    """Carry an earlier year's entry into the unit's current campaign, as a draft, in one click."""
    source = permissions.get_entry_for_staff_or_404(request.user, pk)
    campaign = permissions.current_campaign_for(source.unit)
    existing = campaign and source.continuations.filter(campaign=campaign).first()
    if existing:
        messages.info(request, f"“{source}” đã được tiếp nối sang năm {campaign.year}: đây là hồ sơ đó.")
        return redirect("entry_detail", pk=existing.pk)
    if not permissions.can_continue_entry(request.user, source, campaign):
        messages.error(
            request,
            "Không tiếp nối được hồ sơ này sang năm nay. "
            + (campaign.registration_notice() if campaign else ""),
        )
        return redirect("entry_detail", pk=source.pk)
    try:
        entry = registration.continue_entry(source=source, campaign=campaign, by=request.user)
    except ValidationError as error:
        report_errors(request, error)
        return redirect("entry_detail", pk=source.pk)
    messages.success(
        request, f"Đã tạo bản nháp năm {campaign.year} tiếp nối “{source}”. Hãy xem lại rồi gửi."
    )
    return redirect("entry_detail", pk=entry.pk)


@login_required
@require_POST
def entry_self_assess(request, pk):
    """The unit's self-assessment of an accepted entry's results, before the board rules on them."""
    entry = permissions.get_entry_for_staff_or_404(request.user, pk)
    try:
        registration.record_self_assessment(
            entry=entry, text=request.POST.get("self_assessment", ""), by=request.user
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, "Đã lưu phần tự đánh giá.")
    return redirect("entry_detail", pk=entry.pk)
