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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A closed campaign takes no new record: its choice (or that of its decisions, its pledge) is
        # not offered to the board, so a forced POST is an invalid choice, not a new final row.
        first, _, rest = self.campaign_path.partition("__")
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == first and field is not None and not request.user.is_superuser:
            state = f"{rest}__state" if rest else "state"
            field.queryset = field.queryset.exclude(**{state: CampaignState.CLOSED})
        return field

    def is_final(self, obj):
        """A closed campaign's records are final: results and awards have been decided."""
        campaign = attrgetter(self.campaign_path.replace("__", "."))(obj) if obj.pk else None
        return campaign is not None and campaign.state == CampaignState.CLOSED
