"""The "Ban Dân vận" group: the model permissions a board reviewer needs in the admin."""

BOARD_PERMISSIONS = {
    "campaigns": {
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
    },
    "awards": {
        "awardtype": ("view",),
        "ceremony": ("view", "add", "change"),
        "decision": ("view", "add", "change"),
        "award": ("view", "add", "change", "delete", "export"),
    },
    "units": {"unit": ("view",)},
}


def ensure_board_group(sender=None, **kwargs):
    """Create or update the group after each migrate (post_migrate receiver); idempotent."""
    # Runs after every app's migration signal: permissions of apps migrated later join on their turn.
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    from units.services import BOARD_GROUP

    wanted = Q(pk__in=[])
    for app, models in BOARD_PERMISSIONS.items():
        codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
        wanted |= Q(content_type__app_label=app, codename__in=codenames)
    group, _ = Group.objects.get_or_create(name=BOARD_GROUP)
    group.permissions.set(Permission.objects.filter(wanted))
