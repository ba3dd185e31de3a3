from django.apps import AppConfig


class UnitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "units"
    verbose_name = "Đơn vị và thành viên"
    board_permissions = {"unit": ("view",)}

    def ready(self):
        from django.db.models.signals import post_migrate

        # Imported once the app registry is ready: board.py reads auth's models at import.
        from . import board, collation

        collation.connect()
        post_migrate.connect(board.ensure_board_group, dispatch_uid="units.board_group")
