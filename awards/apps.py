from django.apps import AppConfig


class AwardsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "awards"
    verbose_name = "Khen thưởng"
    # What the board (Ban Dân vận) may do in the admin; gathered by ``units.board``.
    board_permissions = {
        "awardtype": ("view",),
        "ceremony": ("view", "add", "change"),
        "decision": ("view", "add", "change"),
        "award": ("view", "add", "change", "delete", "export"),
        # The council (issue [H]): its members, rules and meetings; votes go through the meeting's page.
        "council": ("view", "add", "change"),
        "councilmember": ("view", "add", "change", "delete"),
        "councilrule": ("view", "add", "change", "delete"),
        "meeting": ("view", "add", "change"),
    }

    def ready(self):
        # Imported once the app registry is ready: these modules read models at import.
        from campaigns.services.exports import register_exporter  # the app registry is ready now

        from . import signals  # noqa: F401  (connects the receivers of the campaigns floor's signals)
        from .documents.annex import write_annex_file  # the app registry is ready now
        from .models import Award, Decision  # the app registry is ready now
        from .spreadsheets.resources import write_award_list  # the app registry is ready now

        # Long lists made by the task worker: the decisions' annexes, the award changelist's export.
        register_exporter("annex", write=write_annex_file, model=Decision)
        register_exporter("award-list", write=write_award_list, model=Award)
