#!/usr/bin/env bash
# First command of the README: install, migrate, seed the demo and serve at http://127.0.0.1:8000.
# Idempotent: run it again any time. PORT=8001 bash scripts/serve.sh to use another port.
. "$(dirname "$0")/_venv.sh"
# The demo runs as users will see it: DEBUG off, so a wrong address gets the app's Vietnamese 404
# page (DEBUG=1 bash scripts/serve.sh for Django's debug pages). WhiteNoise serves the collected files.
export DEBUG="${DEBUG:-0}"
.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py collectstatic --noinput -v 0
.venv/bin/python manage.py seed_demo
# The task worker makes big exports outside the request; it stops with the server.
.venv/bin/python manage.py db_worker --no-reload -v 0 &
worker=$!
trap 'kill "$worker" 2>/dev/null' EXIT
echo
echo "==> Mở http://127.0.0.1:${PORT:-8000} (Ctrl+C để dừng)"
.venv/bin/python manage.py runserver "127.0.0.1:${PORT:-8000}"
