"""The "Ban Dân vận" group: the model permissions a board reviewer needs in the admin."""

BOARD_PERMISSIONS = {
    "campaigns": {
        "campaign": ("view", "change"),
        "quotarule": ("view", "add", "change"),
        "entry": ("view", "change"),
        "entryevent": ("view",),
    },
    "awards": {
        "awardtype": ("view",),
        "ceremony": ("view", "add", "change"),
        "decision": ("view", "add", "change"),
        "award": ("view", "add", "change", "delete"),
    },
    "units": {"unit": ("view",)},
}


def ensure_board_group(sender=None, **kwargs):
    """Create or update the group after each migrate (post_migrate receiver); idempotent."""
    from django.contrib.auth.models import Group, Permission

    from units.services import BOARD_GROUP

    codenames = [
        (app, f"{action}_{model}")
        for app, models in BOARD_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]
    group, _ = Group.objects.get_or_create(name=BOARD_GROUP)
    wanted = Permission.objects.none()
    for app, codename in codenames:
        wanted = wanted | Permission.objects.filter(content_type__app_label=app, codename=codename)
    group.permissions.set(wanted)
