from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "campaigns"
    verbose_name = "Phong trào thi đua"
    # What the board (Ban Dân vận) may do in the admin; gathered by ``units.board``.
    board_permissions = {
        "campaign": ("view", "change"),
        "quotarule": ("view", "add", "change"),
        "entry": ("view", "change", "import", "export"),
        "historicalentry": ("view",),
        "entryevent": ("view",),
        "evidence": ("view",),
        "quotaoverride": ("view", "add", "change"),
        "pledge": ("view", "add", "change"),
        "pledgeitem": ("view", "add", "change", "delete"),
        "pledgesignature": ("view", "add", "change", "delete"),  # a wrong one removed; history keeps it
        "target": ("view", "add", "change", "delete"),
    }
