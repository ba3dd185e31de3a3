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
    }

    def ready(self):
        # Connects the receivers of the campaigns floor's signals (awards on the entry page).
        from . import signals  # noqa: F401
