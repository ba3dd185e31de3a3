"""The campaign admin of ``campaigns`` with a column of links to each campaign's ceremony report, which
lives on this floor (re-registered the way ``entries`` adds the award action).
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from campaigns.admin import campaigns
from campaigns.models import Campaign

admin.site.unregister(Campaign)


@admin.register(Campaign)
class CampaignAdmin(campaigns.CampaignAdmin):
    list_display = (*campaigns.CampaignAdmin.list_display, "report_link")

    @admin.display(description="báo cáo")
    def report_link(self, campaign):
        return format_html(
            '<a href="{}">Xem báo cáo</a> · <a href="{}">Excel</a> · <a href="{}">Xếp hạng theo điểm</a>',
            reverse("report_page", args=[campaign.pk]),
            reverse("report_workbook", args=[campaign.pk]),
            reverse("admin:campaigns_entry_ranking", args=[campaign.pk]),
        )
