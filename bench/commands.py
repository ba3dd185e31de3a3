"""The commands the benchmark measures (issue [E], item 1): ``export_entries`` of the current campaign,
``export_awards`` of the last closed one, each against a bare loop writing the same rows and columns
into an openpyxl write-only workbook (the floor) and against django-import-export's default path (the
peer); ``import_entries`` of 10,000 rows, dry run and real.

Each runs as its own process (``manage.py`` or ``_export_floor.py``) so that its whole time and its peak
memory (``os.wait4``'s ``ru_maxrss``, KiB) are its own. Entry point: ``measure_all(cast, database)``.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORT_ROWS = 10_000


# Started from this big process, a child's ``ru_maxrss`` would start at this process's size (Linux
# keeps the pre-exec high-water mark): a small launcher forks the command and reports the command's own.
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
open(sys.argv[1], "w").write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def child(arguments, database):
    """Run ``arguments`` (a list) with ``DATABASE_URL=database``; returns ``(ms, peak_memory_mb)``.

    Raises ``RuntimeError`` with the child's error output when it fails.
    """
    env = {**os.environ, "DATABASE_URL": database, "DJANGO_SETTINGS_MODULE": "tayho_danvan.settings"}
    with tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile("r") as peak:
        started = time.perf_counter()
        status = subprocess.run(
            [sys.executable, "-S", "-c", LAUNCHER, peak.name, *map(str, arguments)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            check=False,
        ).returncode
        took = (time.perf_counter() - started) * 1000
        if status != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(map(str, arguments))}: {errors.read().decode()[-2000:]}")
        peak_kib = int(peak.read() or 0)
    return round(took, 1), round(peak_kib / 1024, 1)


def _best(arguments, database, runs=2):
    """The faster of ``runs`` runs: ``(ms, peak_mb)``."""
    return min(child(arguments, database) for _ in range(runs))


def _export(kind, year, organiser, database, out):
    manage = [sys.executable, "manage.py"]
    floor = [sys.executable, str(Path(__file__).parent / "_export_floor.py"), kind, str(year), organiser, out]
    command = {"entries": "export_entries", "awards": "export_awards"}[kind]
    ms, peak = _best([*manage, command, str(year), "--organiser", organiser, "-o", out], database)
    floor_ms, floor_peak = _best([*floor, "bare"], database)
    peer_ms, peer_peak = _best([*floor, "peer"], database, runs=1)
    return {
        "median_ms": ms,
        "p95_ms": ms,
        "queries": None,
        "bytes": os.path.getsize(out),
        "peak_mb": peak,
        "floor_ms": floor_ms,
        "floor_peak_mb": floor_peak,
        "peer_ms": peer_ms,
        "peer_peak_mb": peer_peak,
    }


def _import(cast, database, folder):
    """Export ``IMPORT_ROWS`` drafts of the current campaign, change one text in each, import them back."""
    from campaigns.choices import EntryState
    from campaigns.models import Campaign, Entry
    from campaigns.spreadsheets.entries import export_entries

    campaign = Campaign.objects.select_related("organiser").get(pk=cast["campaign_pk"])
    drafts = Entry.objects.filter(campaign=campaign, state=EntryState.DRAFT).order_by("pk")
    pks = list(drafts.values_list("pk", flat=True)[:IMPORT_ROWS])
    path = Path(folder) / "import.xlsx"
    export_entries(str(path), Entry.objects.filter(pk__in=pks))
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    column = headers.index("Mục tiêu") + 1
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=column, value=f"Mục tiêu điều chỉnh lần {int(time.time())}")
    workbook.save(path)
    base = [
        sys.executable,
        "manage.py",
        "import_entries",
        str(path),
        "--campaign",
        str(campaign.year),
        "--organiser",
        campaign.organiser.code,
        "--user",
        cast["board"],
    ]
    dry_ms, dry_peak = child([*base, "--dry-run"], database)
    real_ms, real_peak = child(base, database)
    changed = Entry.objects.filter(pk__in=pks, objectives__startswith="Mục tiêu điều chỉnh").count()
    shape = {"queries": None, "bytes": path.stat().st_size, "rows": len(pks), "floor_ms": None}
    return {
        "import_dry_run": {"median_ms": dry_ms, "p95_ms": dry_ms, "peak_mb": dry_peak, **shape},
        "import_real": {
            "median_ms": real_ms,
            "p95_ms": real_ms,
            "peak_mb": real_peak,
            "changed": changed,
            **shape,
        },
    }


def measure_all(cast, database, log=print):
    """``{NAME: figure}`` of the exports and the import on ``database``."""
    from campaigns.models import Campaign

    cast = cast.__dict__ if hasattr(cast, "__dict__") else cast
    current = Campaign.objects.get(pk=cast["campaign_pk"])
    closed = Campaign.objects.get(pk=cast["closed_campaign_pk"])
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        results["export_entries"] = _export(
            "entries", current.year, cast["organiser"], database, f"{folder}/e.xlsx"
        )
        log(f"  export_entries {results['export_entries']}")
        results["export_awards"] = _export(
            "awards", closed.year, cast["organiser"], database, f"{folder}/a.xlsx"
        )
        log(f"  export_awards {results['export_awards']}")
        results.update(_import(cast, database, folder))
        log(f"  import {results['import_dry_run']} {results['import_real']}")
    return results
