"""Settings come from the environment; production mode passes ``check --deploy``."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_ENV", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


SHOW_DB = [
    "-c",
    "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tayho_danvan.settings');"
    "django.setup(); from django.conf import settings as s; d = s.DATABASES['default'];"
    "print(d['ENGINE'], d['NAME'], d.get('HOST', ''), d.get('PORT', ''))",
]


def test_without_database_url_the_app_uses_the_embedded_sqlite_file():
    result = _run(SHOW_DB)
    assert result.returncode == 0, result.stderr
    engine, name, *_ = result.stdout.split()
    assert engine == "django.db.backends.sqlite3" and name.endswith("db.sqlite3")


def test_a_postgres_database_url_switches_to_postgresql():
    result = _run(SHOW_DB, DATABASE_URL="postgres://danvan:secret@db.example:6543/danvan_prod")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "danvan_prod", "db.example", "6543"]


def test_production_mode_passes_check_deploy():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_ENV="production",
        SECRET_KEY="x7#kq2!vz9-production-like-secret-key-with-enough-entropy-0123456789",
        ALLOWED_HOSTS="danvan.tayho.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = _run(["manage.py", "check"], DJANGO_ENV="production", ALLOWED_HOSTS="x")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_pages_are_in_vietnamese_with_dates_as_dd_mm_yyyy(settings):
    import datetime

    from django.utils import formats, translation

    assert settings.LANGUAGE_CODE == "vi" and settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    with translation.override("vi"):
        assert formats.date_format(datetime.date(2024, 1, 19), "SHORT_DATE_FORMAT") == "19/01/2024"
