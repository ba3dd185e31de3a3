"""The "Ban Dân vận" group: the model permissions a board reviewer needs in the admin (DESIGN.md, "Roles").

Each app says what the board may do with its own models, as ``board_permissions`` on its ``AppConfig``
(``{model_name: (action, …)}``); this module, on the lowest floor, gathers them after every migrate, so
no app needs to know the models of another.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from .services import BOARD_GROUP


def board_permissions():
    """``{app_label: {model_name: (action, …)}}`` from every installed app that declares any."""
    return {
        config.label: config.board_permissions
        for config in apps.get_app_configs()
        if getattr(config, "board_permissions", None)
    }


def ensure_board_group(sender=None, **kwargs):
    """Create or update the group after each migrate (a ``post_migrate`` receiver); idempotent.

    Runs after every app's migration signal: permissions of apps migrated later join on their turn.
    """
    wanted = Q(pk__in=[])
    for app, models in board_permissions().items():
        codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
        wanted |= Q(content_type__app_label=app, codename__in=codenames)
    group, _ = Group.objects.get_or_create(name=BOARD_GROUP)
    group.permissions.set(Permission.objects.filter(wanted))
