"""Backup and restore of every record and every uploaded file, on SQLite and PostgreSQL alike
(issue [F] 11). Records must never be lost (the developers' guide).

A backup is one ``.zip``: ``data.json`` (Django's ``dumpdata`` of every app with its ids; content types
and permissions by natural key, so it loads into any database the migrations built, whatever its
collation; times to the microsecond, ``units.exact_json``) and ``media/…`` (evidence, decision scans).
Content types and permissions are not in it: ``migrate`` makes them. Lives on the lowest floor because
it names no model: it walks the app registry.
"""

import io
import json
import zipfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import transaction

DATA = "data.json"
MEDIA = "media/"
LEFT_OUT = ["contenttypes", "auth.permission", "sessions"]
serializers.register_serializer("exactjson", "units.exact_json")


def backup(path):
    """Write the backup of the default database and ``MEDIA_ROOT`` to ``path`` (a ``.zip``).

    Returns ``{"rows": n, "files": n}``: rows written and media files packed.
    """
    out = io.StringIO()
    call_command(
        "dumpdata", format="exactjson", exclude=LEFT_OUT, natural_foreign=True, stdout=out, verbosity=0
    )
    data = out.getvalue()
    media = Path(settings.MEDIA_ROOT)
    files = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DATA, data)
        for file in files:
            archive.write(file, MEDIA + file.relative_to(media).as_posix())
    return {"rows": len(json.loads(data)), "files": len(files)}


def is_empty():
    """True when no table of an installed app holds a row other than what ``migrate`` makes."""
    made_by_migrate = {"contenttypes.contenttype", "auth.permission", "auth.group"}
    return not any(
        model.objects.exists()
        for model in apps.get_models()
        if model._meta.label_lower not in made_by_migrate and model._meta.managed
    )


@transaction.atomic
def restore(path):
    """Load the backup at ``path`` into the default database (migrated, empty) and ``MEDIA_ROOT``.

    Returns ``{"rows": n, "files": n}``. All or nothing for the records: a failure leaves the database
    as it was. Raises ``ValueError`` (Vietnamese) when the database already holds records or the file
    is not a backup.
    """
    if not is_empty():
        raise ValueError("Cơ sở dữ liệu đã có dữ liệu: chỉ khôi phục vào cơ sở dữ liệu mới, trống.")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, FileNotFoundError) as exc:
        raise ValueError(f"“{path}” không phải tệp sao lưu của ứng dụng.") from exc
    with archive:
        if DATA not in archive.namelist():
            raise ValueError(f"“{path}” không có {DATA}: không phải tệp sao lưu của ứng dụng.")
        data = archive.read(DATA)
        fixture = Path(settings.MEDIA_ROOT).parent / ".restore-data.exactjson"
        media = Path(settings.MEDIA_ROOT).resolve()
        names = [n for n in archive.namelist() if n.startswith(MEDIA) and not n.endswith("/")]
        for name in names:
            target = (media / name[len(MEDIA) :]).resolve()
            if not target.is_relative_to(media):
                raise ValueError(f"Tệp sao lưu có đường dẫn lạ: {name}")
        fixture.parent.mkdir(parents=True, exist_ok=True)
        fixture.write_bytes(data)
        try:
            # The groups migrate made (the board's) are replaced by the backup's, with their members.
            apps.get_model("auth", "Group").objects.all().delete()
            call_command("loaddata", str(fixture), verbosity=0)
        finally:
            fixture.unlink()
        for name in names:
            target = media / name[len(MEDIA) :]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(name))
    return {"rows": len(json.loads(data)), "files": len(names)}
