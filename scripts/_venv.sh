# Sourced by the other scripts: makes .venv with the project installed (idempotent).
# Usage: . scripts/_venv.sh [dev]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "==> Tạo môi trường ảo .venv"
  "$PYTHON" -m venv .venv
fi
extra="${1:-}"
stamp=".venv/.installed${extra:+-$extra}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "==> Cài đặt thư viện (lần đầu mất vài phút: PyICU được biên dịch)"
  # PyICU compiles against ICU; python-magic reads files' content through libmagic; msgfmt (gettext)
  # compiles our Vietnamese translations.
  if { ! pkg-config --exists icu-uc 2>/dev/null || ! ldconfig -p | grep -q libmagic.so.1 \
       || ! command -v msgfmt >/dev/null; } && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends \
      libicu-dev pkg-config g++ libmagic1 gettext >/dev/null
  fi
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip 2>&1 | grep -v "is ignored" || true
  if [ -n "$extra" ]; then target=".[$extra]"; else target="."; fi
  # Not editable: the project is no package (pyproject lists none), only its requirements are installed.
  .venv/bin/python -m pip install -q --disable-pip-version-check "$target" 2>&1 | grep -v "is ignored" || true
  .venv/bin/python -c "import django, icu, import_export, treebeard, magic, PIL, django_filters, axes, csp, django_permissions_policy, django_tasks, django_tasks_db, storages, docxtpl, docx" || { echo "Cài đặt thất bại" >&2; exit 1; }
  touch "$stamp"
fi
# The Vietnamese strings Django and its libraries leave untranslated (locale/vi): compile when changed.
po=locale/vi/LC_MESSAGES/django.po
if [ ! -f "${po%.po}.mo" ] || [ "$po" -nt "${po%.po}.mo" ]; then
  command -v msgfmt >/dev/null || { echo "Cần cài gettext (msgfmt): apt-get install gettext" >&2; exit 1; }
  msgfmt --check-format -o "${po%.po}.mo" "$po"
fi
