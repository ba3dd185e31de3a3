"""The campaign's own door: its stage (planned → open → in progress → evaluating → closed).
DESIGN.md, "Campaign"; the yearly cycle.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from ..choices import CampaignState
from ..models import Campaign


@transaction.atomic
def change_campaign_state(*, campaign, to, by=None):
    """Move ``campaign`` to state ``to`` (a ``CampaignState`` value) and return it; a no-op if already there.

    The stages go forward (planned → open → in progress → evaluating → closed; a stage may be skipped)
    or one stage back to correct a mistake; a closed campaign is reopened only by a superuser, since its
    results and awards are final. Side effects: ``save(update_fields=["state"])`` and an audit history
    row naming ``by``. Raises ``ValidationError`` for an unknown state or a move the rule forbids.
    """
    if to not in CampaignState.values:
        raise ValidationError(f"Trạng thái phong trào “{to}” không hợp lệ.")
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.state == to:
        return campaign
    order = list(CampaignState.values)
    step = order.index(to) - order.index(campaign.state)
    if campaign.state == CampaignState.CLOSED and not getattr(by, "is_superuser", False):
        raise ValidationError(
            f"“{campaign}” đã kết thúc: kết quả và khen thưởng đã chốt, không mở lại được. "
            "Cần mở lại, xin liên hệ quản trị hệ thống."
        )
    if step < -1:
        raise ValidationError(
            f"Không chuyển “{campaign}” từ “{campaign.get_state_display()}” lùi về "
            f"“{CampaignState(to).label}”: chỉ lùi được một giai đoạn."
        )
    campaign.state = to
    campaign._history_user = by
    campaign.save(update_fields=["state"])
    return campaign
