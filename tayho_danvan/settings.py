"""Settings, read from the environment.

Variables (all optional in development):
- ``DJANGO_ENV``: ``production`` switches on the hardened settings that ``manage.py check --deploy``
  expects (HTTPS-only cookies, HSTS, SSL redirect). Anything else is development.
- ``SECRET_KEY``: required in production; a fixed development key otherwise.
- ``DEBUG``: ``1``/``true`` to turn on; defaults to on in development, off in production.
- ``ALLOWED_HOSTS``: comma-separated host names.
- ``DATABASE_URL``: ``postgres://user:pass@host:port/name``; absent means the embedded SQLite file
  ``db.sqlite3`` beside ``manage.py``.
- ``MEDIA_ROOT``: where uploaded files are stored (default ``media/``); never served directly, evidence is
  downloaded through a view that checks who may see the entry.
- ``EVIDENCE_MAX_BYTES``: the largest evidence file accepted, in bytes (default 10 MB).
- ``S3_BUCKET`` and the other ``S3_*`` variables: files in an S3-compatible store (``default_storage_of``).
- ``EXPORT_BACKGROUND_ROWS``, ``EXPORT_KEEP_DAYS``: when an export is made by the task worker, and
  how long made files are kept.
- ``WORD_TEMPLATES_DIR``: a folder of the office's own Word templates of the council's papers.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


PRODUCTION = os.environ.get("DJANGO_ENV", "").strip().lower() == "production"

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY phải được đặt trong môi trường khi chạy production.")
    SECRET_KEY = "dev-only-insecure-key-tayho-danvan-do-not-use-in-production"

DEBUG = env_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "treebeard",
    "import_export",
    "django_filters",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "units",
    "campaigns",
    "awards",
    "tayho_danvan.demo",  # above every app: the demo's commands only
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tayho_danvan.middleware.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "tayho_danvan.middleware.NoStoreMiddleware",
    "tayho_danvan.middleware.ErrorPagesMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with its page.
    "axes.middleware.AxesMiddleware",
    # Records who made each change in the audit history (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "tayho_danvan.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "tayho_danvan.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60" if PRODUCTION else "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several ward staff may save at once: wait for the write lock instead of failing at once.
    # BEGIN IMMEDIATE takes the write lock up front, so a busy database waits (up to ``timeout``
    # seconds) instead of failing half-way through a transaction with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20, transaction_mode="IMMEDIATE", init_command="PRAGMA journal_mode=WAL;"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # OWASP ASVS level 2 (V2.1.1): at least 12 characters.
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Vietnamese offices write dates as dd/mm/yyyy; accept that form first everywhere.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"]
FORMAT_MODULE_PATH = ["tayho_danvan.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]


def default_storage_of(environ):
    """The ``STORAGES["default"]`` entry for the environment ``environ`` (a mapping).

    Evidence, import previews and made files all go through Django's storage API, so several app
    servers need one shared store: ``S3_BUCKET`` set means an S3-compatible store through
    django-storages (``S3_ENDPOINT_URL`` for MinIO, Ceph or a provider's own; ``S3_REGION``,
    ``S3_ACCESS_KEY_ID``, ``S3_SECRET_ACCESS_KEY``, ``S3_PREFIX``, ``S3_ADDRESSING_STYLE``
    ``path``/``virtual``); unset, ``MEDIA_ROOT`` on disk (shared by NFS when there are several servers).
    Files stay private either way: every download passes a view that checks who asks.
    """
    bucket = environ.get("S3_BUCKET", "").strip()
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
        "location": environ.get("S3_PREFIX", "").strip("/"),
        "addressing_style": environ.get("S3_ADDRESSING_STYLE", "path"),
    }
    for option, name in (
        ("endpoint_url", "S3_ENDPOINT_URL"),
        ("region_name", "S3_REGION"),
        ("access_key", "S3_ACCESS_KEY_ID"),
        ("secret_key", "S3_SECRET_ACCESS_KEY"),
    ):
        if environ.get(name):
            options[option] = environ[name]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": default_storage_of(os.environ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# In development WhiteNoise serves straight from the apps' and project's static folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Work outside the request (django-tasks, its database backend): ``manage.py db_worker`` runs it, beside
# the app servers (scripts/serve.sh starts one for the demo). A list of at least
# EXPORT_BACKGROUND_ROWS rows is made there and followed on its page; made files are kept
# EXPORT_KEEP_DAYS days.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
EXPORT_BACKGROUND_ROWS = int(os.environ.get("EXPORT_BACKGROUND_ROWS", "5000"))
EXPORT_KEEP_DAYS = int(os.environ.get("EXPORT_KEEP_DAYS", "7"))
# The office's own Word templates of the council's papers (awards.documents.meeting_papers); unset, the
# defaults the app builds. ``manage.py make_word_templates DIR`` writes the defaults there to edit.
WORD_TEMPLATES_DIR = os.environ.get("WORD_TEMPLATES_DIR") or None
# Evidence files on entries: the largest accepted upload, in bytes (default 10 MB).
EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))

# Logins are throttled (django-axes): five wrong passwords for one account from one address lock that
# pair out for 15 minutes, or until the board or an administrator lifts it. Every login and every
# failure is logged (who, when, address) for administrators ("Axes" in the admin).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Password reset by e-mail, where the office has mail: EMAIL_HOST set means SMTP; without it the
# reset page says to ask the board, which sets a temporary password (units.accounts).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "danvan@localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # seconds: a reset link works for one day
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-import-export: exports keep formula-like text as text in our own xlsx writer
# (tayho_danvan.lib.excel), so the library must not strip the leading "=".
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
# Imports are all or nothing; the file waiting between preview and confirmation lives in the default
# storage (MEDIA_ROOT), which every app server shares, and is deleted once imported.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"
# Import and export are permissions of their own ("import_entry", "export_award"…), given to the board.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
# The history is an audit trail: reverting from it would bypass the workflow services.
SIMPLE_HISTORY_REVERT_DISABLED = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# Ward offices share computers: a session ends when the browser closes, and after an idle hour
# (IdleSessionMiddleware renews it while the user works, so the hour counts from the last click).
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
SESSION_COOKIE_AGE = 60 * int(os.environ.get("SESSION_IDLE_MINUTES", "60"))
X_FRAME_OPTIONS = "DENY"
# Messages live in the session, not in a cookie anyone can decode: one of them shows a temporary
# password to the board (units.accounts).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# Everything the pages use is served by the app itself: no inline script or style, no other origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# No page needs the camera, the microphone, the position or payments.
PERMISSIONS_POLICY = {
    feature: [] for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial", "midi")
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Behind the proxy every request comes from it: login throttling reads the client's address from
    # X-Forwarded-For, trusting as many proxies as PROXY_COUNT says (one nginx by default).
    AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "1"))
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
