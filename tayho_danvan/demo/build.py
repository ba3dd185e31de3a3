"""The demo: Tây Hồ as it was in 2023–2024 (DESIGN.md, "Demo data"; the article in shared/seed/), built
through the apps' own services so the demo obeys every rule the users do. Entry point: ``seed``.
"""

import datetime

from django.db import transaction

from campaigns.choices import CampaignState
from campaigns.models import Campaign, QuotaRule
from campaigns.services import stages
from units.models import UnitKind

from .ba_dinh import seed_ba_dinh
from .council import council_2023
from .tree import DEMO_PASSWORD, build_tree, users
from .year_2023 import awards_2023, register_year, registration_plan
from .year_2024 import seed_2024
from .year_end import city_award_and_individuals, evaluate_2023, pledge_2024, targets_2023

DEFAULT_QUOTAS = {  # unit kind: (models min, models max, exemplars min, exemplars max); the article
    UnitKind.DIRECT_ORGANISATION: (1, 2, 1, 1),
    UnitKind.WARD_COMMITTEE: (2, 3, 3, 3),
    UnitKind.CELL: (1, 1, 1, 1),
}


def _campaign(district, year, *, state, opens, closes, launch):
    campaign, _ = Campaign.objects.get_or_create(
        organiser=district,
        year=year,
        defaults=dict(
            title=f"Phong trào thi đua “Dân vận khéo” năm {year}",
            launch_date=launch,
            registration_opens=opens,
            registration_closes=closes,
            results_due=max(datetime.date(year, 11, 30), closes),
            state=state,
        ),
    )
    for kind, (m_min, m_max, e_min, e_max) in DEFAULT_QUOTAS.items():
        QuotaRule.objects.get_or_create(
            campaign=campaign,
            unit_kind=kind,
            defaults=dict(models_min=m_min, models_max=m_max, exemplars_min=e_min, exemplars_max=e_max),
        )
    return campaign


@transaction.atomic
def seed(today=None):
    """Build the demo; idempotent (a second run finds everything and adds nothing).

    Returns ``{"logins": [(username, role, unit)], "password": str, "campaigns": [Campaign]}``.
    """
    today = today or datetime.date.today()
    district, wards, direct = build_tree()
    logins, reviewer = users(district, wards)

    c2023 = _campaign(
        district,
        2023,
        state=CampaignState.OPEN,
        opens=datetime.date(2023, 1, 20),
        closes=datetime.date(2023, 3, 31),
        launch=datetime.date(2023, 1, 20),
    )
    if not c2023.entries.exists():
        register_year(c2023, registration_plan(c2023, wards, direct), reviewer, accept=True, day=20)
    decision = awards_2023(c2023, reviewer)
    awarded = set(decision.awards.exclude(entry=None).values_list("entry_id", flat=True))
    city_award_and_individuals(c2023, decision, reviewer)
    evaluate_2023(c2023, reviewer, awarded)
    council_2023(c2023, decision, reviewer)
    targets_2023(c2023)
    c2023 = stages.change_campaign_state(campaign=c2023, to=CampaignState.CLOSED, by=reviewer)

    # The 2024 campaign stays open for the demo: its window reaches past today so staff can register.
    closes = max(datetime.date(2024, 3, 31), today + datetime.timedelta(days=365))
    c2024 = _campaign(
        district,
        2024,
        state=CampaignState.OPEN,
        opens=datetime.date(2024, 1, 19),
        closes=closes,
        launch=datetime.date(2024, 1, 19),
    )
    seed_2024(c2023, c2024, wards, reviewer)
    pledge_2024(c2024, reviewer)
    # A neighbouring organiser with its own board and wards: two organisers side by side, each blind
    # to the other (issue [F] 12).
    logins += seed_ba_dinh((datetime.date(2024, 1, 19), closes), _campaign)
    return {"logins": logins, "password": DEMO_PASSWORD, "campaigns": [c2023, c2024]}
