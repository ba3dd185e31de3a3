from django.apps import AppConfig


class UnitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "units"
    verbose_name = "Đơn vị và thành viên"

    def ready(self):
        from . import collation

        collation.connect()
