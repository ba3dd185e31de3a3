"""Awards added from the decision's own page (issue [K] 4): tick the evaluated entries not yet on it,
type individuals and collectives in rows; both through the one door (``awards.services``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.views.decorators.http import require_POST

from campaigns.choices import EntryState, Evaluation
from campaigns.models import Entry
from units.models import Unit

from ..models import RecipientKind
from ..services import award_entries, award_people

PEOPLE_ROWS = 5  # blank rows for individuals and collectives; more by saving and adding again
PEOPLE_FIELDS = ("kind", "name", "position", "unit", "achievement")


def candidates(decision):
    """Accepted entries of the decision's campaign ruled passed or outstanding and not on it yet."""
    return (
        Entry.objects.filter(
            campaign_id=decision.campaign_id,
            state=EntryState.ACCEPTED,
            evaluation__in=[Evaluation.PASSED, Evaluation.OUTSTANDING],
        )
        .exclude(awards__decision=decision)
        .select_related("unit")
        .order_by("unit__path", "kind", "title")
    )


def units_of(decision):
    """The units under the decision's organiser in tree order (one query), each with ``label``: its
    name indented by depth so the cells read under their ward in the drop-down."""
    organiser = decision.campaign.organiser
    units = list(
        Unit.objects.filter(path__startswith=organiser.path, depth__gt=organiser.depth).order_by("path")
    )
    for unit in units:
        unit.label = "\u00a0\u00a0\u00a0" * (unit.depth - organiser.depth - 1) + unit.name
    return units


class DecisionAwardsMixin:
    """For ``DecisionAdmin``: the two forms under the decision's change form and their views."""

    change_form_template = "admin/awards/decision/change_form.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        decision = (
            self.get_queryset(request)
            .filter(pk=object_id if str(object_id).isdigit() else None)
            .select_related("campaign__organiser")
            .first()
        )
        if decision is not None and self.has_change_permission(request, decision):
            extra_context = {
                **(extra_context or {}),
                "award_candidates": candidates(decision),
                "people_rows": range(1, PEOPLE_ROWS + 1),
                "people_kinds": [RecipientKind.INDIVIDUAL, RecipientKind.COLLECTIVE],
                "people_units": units_of(decision),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        add_entries = self.admin_site.admin_view(require_POST(self.add_entries_view))
        add_people = self.admin_site.admin_view(require_POST(self.add_people_view))
        return [
            path("<int:pk>/them-ho-so/", add_entries, name="awards_decision_add_entries"),
            path("<int:pk>/them-ca-nhan/", add_people, name="awards_decision_add_people"),
            *super().get_urls(),
        ]

    def _decision_for_change(self, request, pk):
        decision = get_object_or_404(self.get_queryset(request).select_related("campaign__organiser"), pk=pk)
        if not self.has_change_permission(request, decision):
            raise PermissionDenied
        return decision

    def add_entries_view(self, request, pk):
        decision = self._decision_for_change(request, pk)
        chosen = [value for value in request.POST.getlist("entry") if value.isdigit()]
        entries = list(candidates(decision).filter(pk__in=chosen))
        if not entries:
            message = (
                "Các hồ sơ đã chọn đã có trong quyết định này (trang vừa mở đã cũ)."
                if chosen
                else "Chưa chọn hồ sơ nào để khen thưởng."
            )
            self.message_user(request, message, messages.WARNING)
            return redirect("admin:awards_decision_change", decision.pk)
        try:
            created, _ = award_entries(decision=decision, entries=entries, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                self.message_user(request, message, messages.ERROR)
        else:
            names = ", ".join(f"“{award.recipient_name}”" for award in created[:5])
            self.message_user(request, f"Đã thêm {len(created)} khen thưởng vào {decision}: {names}.")
        return redirect("admin:awards_decision_change", decision.pk)

    def add_people_view(self, request, pk):
        decision = self._decision_for_change(request, pk)
        units = {str(u.pk): u for u in units_of(decision)}
        recipients, problems = [], []
        for row in range(1, PEOPLE_ROWS + 1):
            value = {key: request.POST.get(f"{key}_{row}", "").strip() for key in PEOPLE_FIELDS}
            if not value["name"]:
                if value["position"] or value["unit"] or value["achievement"]:
                    problems.append(f"Dòng {row}: thiếu họ tên cá nhân hoặc tên tập thể.")
                continue
            unit = units.get(value["unit"])
            if unit is None:
                problems.append(f"Dòng {row}: hãy chọn đơn vị của “{value['name']}”.")
                continue
            recipients.append({**value, "unit": unit})
        try:
            if problems:
                raise ValidationError(problems)
            if not recipients:
                raise ValidationError("Chưa ghi họ tên cá nhân hay tên tập thể nào.")
            created = award_people(decision=decision, recipients=recipients, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                self.message_user(request, message, messages.ERROR)
        else:
            if created:
                names = ", ".join(f"“{award.recipient_name}”" for award in created)
                self.message_user(request, f"Đã thêm {len(created)} khen thưởng vào {decision}: {names}.")
            else:
                self.message_user(
                    request,
                    f"Không thêm gì: những người, tập thể này đã có trong {decision}.",
                    messages.WARNING,
                )
        return redirect("admin:awards_decision_change", decision.pk)
