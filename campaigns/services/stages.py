"""The campaign's own door: its stage (planned → open → in progress → evaluating → closed).
DESIGN.md, "Campaign"; the yearly cycle.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from ..choices import CampaignState
from ..models import Campaign


def move_problem(campaign, to, by=None):
    """Why ``campaign`` may not move to ``to`` (a ``CampaignState`` value) by ``by``, as a Vietnamese
    sentence, or ``None`` when the rule allows it (staying in place is allowed: a no-op). No query.

    The rule: forward any number of stages, back one stage; a closed campaign is reopened only by a
    superuser (its results and awards are final). DESIGN.md, "Campaign".
    """
    if to not in CampaignState.values:
        return f"Trạng thái phong trào “{to}” không hợp lệ."
    if campaign.state == to:
        return None
    if campaign.state == CampaignState.CLOSED and not getattr(by, "is_superuser", False):
        return (
            f"“{campaign}” đã kết thúc: kết quả và khen thưởng đã chốt, không mở lại được. "
            "Cần mở lại, xin liên hệ quản trị hệ thống."
        )
    order = list(CampaignState.values)
    if order.index(to) - order.index(campaign.state) < -1:
        return (
            f"Không chuyển “{campaign}” từ “{campaign.get_state_display()}” lùi về "
            f"“{CampaignState(to).label}”: chỉ lùi được một giai đoạn."
        )
    return None


@transaction.atomic
def change_campaign_state(*, campaign, to, by=None):
    """Move ``campaign`` to state ``to`` (a ``CampaignState`` value) and return it; a no-op if already there.

    The stages go forward (planned → open → in progress → evaluating → closed; a stage may be skipped)
    or one stage back to correct a mistake; a closed campaign is reopened only by a superuser, since its
    results and awards are final. Side effects: ``save(update_fields=["state"])`` and an audit history
    row naming ``by``. Raises ``ValidationError`` for an unknown state or a move the rule forbids.
    """
    if to not in CampaignState.values:
        raise ValidationError(move_problem(campaign, to, by))
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.state == to:
        return campaign
    problem = move_problem(campaign, to, by)
    if problem:
        raise ValidationError(problem)
    campaign.state = to
    campaign._history_user = by
    campaign.save(update_fields=["state"])
    return campaign
