"""Unit staff's pages in the browser: their unit, its entries and quotas, registration and submission.

Every view scopes through ``campaigns.permissions`` / ``units.scoping``: what the user may not see
answers 404, what they may see but not change answers with a message and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from units.models import MembershipRole
from units.scoping import get_unit_for_staff_or_404, role_units

from . import permissions, quotas, services
from .choices import EntryKind
from .forms import EntryForm
from .models import Entry


def _messages_of(error):
    return error.messages if isinstance(error, ValidationError) else [str(error)]


def _add_service_errors(form, error):
    """Put a service's ``ValidationError`` on the form: per field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def home(request):
    """Send each role where it works: staff to their unit, the board to the admin, leaders to reports."""
    staff_units = role_units(request.user, MembershipRole.STAFF)
    if len(staff_units) == 1:
        return redirect("unit_detail", code=staff_units[0].code)
    if staff_units:
        return render(request, "campaigns/choose_unit.html", {"units": staff_units})
    if permissions.is_reviewer(request.user):
        return redirect("admin:index")
    if permissions.is_leader(request.user):
        return redirect("leader_home")
    return render(request, "campaigns/no_role.html", status=403)


@login_required
def leader_home(request):
    if not permissions.is_leader(request.user):
        raise Http404("Không tìm thấy trang.")
    return render(
        request, "campaigns/leader_home.html", {"units": role_units(request.user, MembershipRole.LEADER)}
    )


@login_required
def unit_detail(request, code):
    """The unit's page: the current campaign's entries of the unit and every unit under it, with quotas."""
    unit = get_unit_for_staff_or_404(request.user, code)
    campaign = permissions.current_campaign_for(unit)
    context = {"unit": unit, "campaign": campaign}
    if campaign is not None:
        units = unit.subtree().active()
        context.update(
            quota_rows=quotas.unit_quotas(campaign, units),
            entries=Entry.objects.filter(campaign=campaign, unit__in=units)
            .select_related("unit")
            .order_by("unit__path", "kind", "pk"),
            registration_open=campaign.registration_is_open(),
            kinds=EntryKind,
        )
    return render(request, "campaigns/unit_detail.html", context)


@login_required
def entry_create(request, code):
    """Register a new model or exemplar (a draft), for the unit or any unit under it."""
    unit = get_unit_for_staff_or_404(request.user, code)
    campaign = permissions.current_campaign_for(unit)
    if campaign is None or not campaign.registration_is_open():
        messages.error(request, "Phong trào hiện không nhận đăng ký.")
        return redirect("unit_detail", code=unit.code)
    units = services.units_for_registration(campaign, [unit])
    initial = {"unit": unit, "kind": request.GET.get("kind", EntryKind.MODEL)}
    form = EntryForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.register_entry(
                campaign=campaign, unit=form.cleaned_data["unit"], by=request.user, **form.entry_fields()
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, f"Đã lưu bản nháp “{entry}”.")
            if "submit" in request.POST:
                return _submit(request, entry)
            return redirect("entry_detail", pk=entry.pk)
    return render(
        request,
        "campaigns/entry_form.html",
        {"form": form, "unit": unit, "campaign": campaign, "entry": None},
    )


@login_required
def entry_detail(request, pk):
    entry = permissions.get_entry_for_staff_or_404(request.user, pk)
    events = entry.events.select_related("actor")
    return render(
        request,
        "campaigns/entry_detail.html",
        {
            "entry": entry,
            "events": events,
            "can_edit": permissions.can_edit_entry(request.user, entry),
            "can_submit": permissions.can_submit_entry(request.user, entry),
        },
    )


@login_required
def entry_edit(request, pk):
    entry = permissions.get_entry_for_staff_or_404(request.user, pk)
    if not permissions.can_edit_entry(request.user, entry):
        messages.error(request, "Hồ sơ này hiện không sửa được (đã gửi, hoặc đã hết thời gian đăng ký).")
        return redirect("entry_detail", pk=entry.pk)
    units = services.units_for_registration(entry.campaign, role_units(request.user, MembershipRole.STAFF))
    form = EntryForm(request.POST or None, instance=entry, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.update_entry(
                entry=entry, by=request.user, unit=form.cleaned_data["unit"], **form.entry_fields()
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            if "submit" in request.POST:
                return _submit(request, entry)
            return redirect("entry_detail", pk=entry.pk)
    return render(
        request,
        "campaigns/entry_form.html",
        {"form": form, "unit": entry.unit, "campaign": entry.campaign, "entry": entry},
    )


@login_required
@require_POST
def entry_submit(request, pk):
    entry = permissions.get_entry_for_staff_or_404(request.user, pk)
    return _submit(request, entry)


def _submit(request, entry):
    try:
        entry = services.submit_entry(entry=entry, by=request.user)
    except ValidationError as error:
        for message in _messages_of(error):
            messages.error(request, message)
    else:
        messages.success(request, f"Đã gửi “{entry}” tới Ban Dân vận.")
    return redirect("entry_detail", pk=entry.pk)
