"""What every benchmark here starts from: Django on ``DATABASE_URL`` (else a throwaway SQLite file),
migrated, with the demo seeded (``seed_demo``). Imported by the scripts beside it."""

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def seeded_demo():
    """Set up Django, migrate and seed the demo; returns nothing. Uploads go to a temporary folder."""
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tayho_danvan.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)
