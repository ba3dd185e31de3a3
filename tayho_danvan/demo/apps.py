from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo stands above every app and has no models: it is an app only so that Django finds its
    commands (``seed_demo``, ``reorganise_2025``).
    """

    name = "tayho_danvan.demo"
    label = "demo"
    verbose_name = "Dữ liệu minh họa"
