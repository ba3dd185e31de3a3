#!/usr/bin/env bash
# First command of the README: install, migrate, seed the demo and serve at http://127.0.0.1:8000.
# Idempotent: run it again any time. PORT=8001 bash scripts/serve.sh to use another port.
. "$(dirname "$0")/_venv.sh"
.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py seed_demo
echo
echo "==> Mở http://127.0.0.1:${PORT:-8000} (Ctrl+C để dừng)"
exec .venv/bin/python manage.py runserver "127.0.0.1:${PORT:-8000}"
