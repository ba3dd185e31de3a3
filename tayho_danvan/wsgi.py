"""WSGI entry point, e.g. ``gunicorn tayho_danvan.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tayho_danvan.settings")
application = get_wsgi_application()
