"""List filters of the board's admin, scoped to the campaigns the reviewer may review."""

from django.contrib import admin
from django.db.models import Q

from units.models import Unit

from .. import permissions
from ..choices import Evaluation


class CampaignFilter(admin.SimpleListFilter):
    title = "phong trào"
    parameter_name = "campaign"

    def lookups(self, request, model_admin):
        return [
            (c.pk, str(c)) for c in permissions.reviewable_campaigns(request.user).select_related("organiser")
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not str(self.value()).isdigit() or len(str(self.value())) > 18:
            return queryset.none()
        return queryset.filter(campaign_id=self.value())


class SubtreeFilter(admin.SimpleListFilter):
    """An organiser's ward or direct organisation, with every unit under it."""

    title = "đơn vị (gồm cả cấp dưới)"
    parameter_name = "subtree"

    def lookups(self, request, model_admin):
        organisers = [
            c.organiser for c in permissions.reviewable_campaigns(request.user).select_related("organiser")
        ]
        if not organisers:
            return []
        condition = Q()
        for organiser in {o.pk: o for o in organisers}.values():
            condition |= Q(path__startswith=organiser.path, depth=organiser.depth + 1)
        return [(u.code, u.name) for u in Unit.objects.filter(condition).order_by("path")]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        unit = Unit.objects.filter(code=self.value()).first()
        return queryset.filter(unit__path__startswith=unit.path) if unit else queryset.none()


class EvaluationFilter(admin.SimpleListFilter):
    """The board's ruling, with "not yet evaluated" as a choice of its own."""

    title = "kết quả đánh giá"
    parameter_name = "evaluation"

    def lookups(self, request, model_admin):
        return [("none", "Chưa đánh giá"), *Evaluation.choices]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(evaluation="")
        if self.value() in Evaluation.values:
            return queryset.filter(evaluation=self.value())
        return queryset
