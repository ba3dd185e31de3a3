"""The board's admin base for a campaign's records: scoped by ``units.admin_scope`` through the
campaign's organiser, read-only once the campaign is closed (issue [F] 3: final stays final).
"""

from operator import attrgetter

from units.admin_scope import BoardAdmin

from ..choices import CampaignState


class CampaignRecordAdmin(BoardAdmin):
    """Set ``campaign_path``: how a row reaches its campaign (``"campaign"``, ``"decision__campaign"``)."""

    campaign_path = "campaign"

    @property
    def unit_path(self):
        return f"{self.campaign_path}__organiser"

    def is_final(self, obj):
        """A closed campaign's records are final: results and awards have been decided."""
        campaign = attrgetter(self.campaign_path.replace("__", "."))(obj) if obj.pk else None
        return campaign is not None and campaign.state == CampaignState.CLOSED
