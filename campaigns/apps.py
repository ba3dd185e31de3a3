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
        # Judging (issue [H]): the board sets its rubric and its reviewers; scores go through the
        # scoring pages, never a model form.
        "rubric": ("view", "add", "change"),
        "criterion": ("view", "add", "change", "delete"),
        "reviewer": ("view", "add", "change", "delete"),
    }

    def ready(self):
        # The kinds of file the task worker can make (campaigns.services.exports); imported here since
        # they read models, which load only once the app registry is ready.
        from .models import Entry  # the app registry is ready now
        from .services.exports import register_exporter  # the app registry is ready now
        from .spreadsheets.entries import export_entries  # the app registry is ready now

        register_exporter(
            "entries",
            write=lambda out, *, rows, params, progress: export_entries(out, rows, progress),
            model=Entry,
        )
