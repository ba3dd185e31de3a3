"""The awards floor's answers to the campaigns floor's signals (``campaigns.signals``)."""

from django.dispatch import receiver
from django.urls import reverse

from campaigns.signals import Outcome, entry_outcome_holders, entry_outcomes, unit_pages

from .models import Award


@receiver(entry_outcomes, dispatch_uid="awards.entry_outcomes")
def awards_of_entries(sender, entries, **kwargs):
    """Each entry's awards, with the decision's number, date and issuer and a link to its certificate
    (one query for all ``entries``).
    """
    awards = (
        Award.objects.filter(entry__in=entries)
        .select_related("decision__award_type")
        .order_by("decision__date", "decision__number", "position")
    )
    answer = {}
    for award in awards:
        decision = award.decision
        answer.setdefault(award.entry_id, []).append(
            Outcome(
                text=(
                    f"{decision.award_type.name} theo Quyết định số {decision.number} ngày "
                    f"{decision.date:%d/%m/%Y} của {decision.issuer_name} (số sổ vàng {award.position})"
                ),
                url=reverse("award_certificate", args=[award.pk]),
                url_label=f"In {decision.award_type.name.lower()}",
            )
        )
    return answer


@receiver(entry_outcome_holders, dispatch_uid="awards.entry_outcome_holders")
def awarded_entries(sender, entries, campaign, **kwargs):
    """The ids of those of ``entries`` (of ``campaign``) holding an award of the campaign's decisions (a
    subquery; nothing is run here)."""
    return Award.objects.filter(decision__campaign=campaign, entry__in=entries).values("entry_id")


@receiver(unit_pages, dispatch_uid="awards.unit_pages")
def unit_reports(sender, unit, campaigns, **kwargs):
    """The unit's own slice of each campaign's report (no query); the organiser's page links to the
    whole report instead."""
    return [
        Outcome(
            text=f"Báo cáo năm {campaign.year} của đơn vị",
            url=reverse("unit_report", args=[unit.code, campaign.pk])
            if campaign.organiser_id != unit.pk
            else reverse("report_page", args=[campaign.pk]),
            url_label=f"Xem báo cáo năm {campaign.year}",
        )
        for campaign in campaigns
    ]
