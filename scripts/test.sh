#!/usr/bin/env bash
# Second command of the README: install everything the tests need and run every test.
# DATABASE_URL=postgres://… runs them on PostgreSQL; unset, on SQLite. Extra arguments go to pytest.
. "$(dirname "$0")/_venv.sh" dev
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> Cài Chromium (cho kiểm thử trình duyệt)"
    apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "Cần Chromium tại ${CHROMIUM:-/usr/bin/chromium}: sudo apt-get install chromium" >&2
    exit 1
  fi
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
# The migration check needs no server: run it on the embedded SQLite default.
env -u DATABASE_URL .venv/bin/python manage.py makemigrations --check --dry-run -v 0
export DJANGO_ALLOW_ASYNC_UNSAFE=true
exec .venv/bin/python -m pytest "$@"
