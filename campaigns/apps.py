from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "campaigns"
    verbose_name = "Phong trào thi đua"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .board import ensure_board_group

        post_migrate.connect(ensure_board_group, dispatch_uid="campaigns.board_group")
