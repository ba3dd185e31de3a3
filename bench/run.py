"""The city-scale benchmark (issue [E]): one command builds a big database and measures every page,
the report, the exports, the import and a load run on it, side by side with the same figures on the
demo's database.

Run: ``.venv/bin/python bench/run.py --size small|full [--repeat 10] [--only NAME ...] [--skip-load]``.
With ``DATABASE_URL`` (``postgres://user:password@host:port/anything``) it uses that server and keeps the
databases ``bench_demo`` and ``bench_<size>`` between runs (a second run measures without rebuilding);
without it, it starts a throwaway PostgreSQL of its own. Prints a table and writes ``bench/results.json``:
``{"size", "machine", "figures": {NAME: {"median_ms", "p95_ms", "queries", "bytes", "demo_ms",
"demo_queries", "growth", "floor_ms", "ratio"}}}``, ``growth`` = median / demo median, ``ratio`` =
median / floor median. Speed is measured here, never in the test suite.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
RESULTS = HERE / "results.json"


def _server_of(url):
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


def _worker(role, database, size, repeat, only, out, pages_only=False):
    """In a child process: prepare ``database`` (demo, or demo plus the generated data) and measure it."""
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-media."))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tayho_danvan.settings")
    sys.path.insert(0, str(HERE.parent))
    import django

    django.setup()
    import bigdata
    import commands
    import pages
    from django.conf import settings
    from django.core.management import call_command

    from units.models import Unit

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if not Unit.objects.filter(code="ha-noi").exists():
        with open(os.devnull, "w") as quiet:
            call_command("seed_demo", stdout=quiet)
        print(f"  [{role}] demo seeded ({time.perf_counter() - started:.0f} s)", flush=True)
    ward_cast = bigdata.cast(**bigdata.DEMO)  # the demo's ward, on both databases
    if role == "big":
        if not bigdata.exists():
            print(f"  [{role}] building the {size} data…", flush=True)
            bigdata.build(size, log=lambda line: print(f"  [{role}]{line}", flush=True))
        cast = bigdata.cast(**bigdata.GENERATED)
    else:
        cast = ward_cast
    print(f"  [{role}] {cast.units:,} units, {cast.entries:,} entries in the measured campaign", flush=True)
    results = pages.measure_all(
        cast, repeat, log=lambda line: print(f"  [{role}]{line}", flush=True), ward_cast=ward_cast
    )
    if not pages_only:
        results.update(
            commands.measure_all(cast, database, log=lambda line: print(f"  [{role}]{line}", flush=True))
        )
    if only:
        results = {k: v for k, v in results.items() if k in only}
    Path(out).write_text(json.dumps({"cast": cast.__dict__, "figures": results}))


def _ratio(value, base):
    return round(value / base, 2) if value is not None and base else None


def merge(demo, big):
    """Figures of the big database with the demo's beside them (see the module's docstring)."""
    figures = {}
    for name, fig in big["figures"].items():
        base = demo["figures"].get(name, {})
        figures[name] = {
            "median_ms": fig.get("median_ms"),
            "p95_ms": fig.get("p95_ms"),
            "queries": fig.get("queries"),
            "bytes": fig.get("bytes"),
            "demo_ms": base.get("median_ms"),
            "demo_queries": base.get("queries"),
            "growth": _ratio(fig.get("median_ms"), base.get("median_ms")),
            "floor_ms": fig.get("floor_ms"),
            "ratio": _ratio(fig.get("median_ms"), fig.get("floor_ms")),
            **{
                k: v
                for k, v in fig.items()
                if k not in ("median_ms", "p95_ms", "queries", "bytes", "floor_ms")
            },
        }
    return figures


def table(figures):
    def cell(value, fmt):
        return format(value, fmt) if value is not None else "—"

    lines = [
        f"| {'figure':28} | {'median ms':>9} | {'p95 ms':>9} | {'queries':>7} | {'KB':>7} | {'demo ms':>8} "
        f"| {'demo q':>6} | {'growth':>6} | {'floor ms':>8} | {'ratio':>6} |",
        "|" + "|".join("-" * w for w in (30, 11, 11, 9, 9, 10, 8, 8, 10, 8)) + "|",
    ]
    for name, f in figures.items():
        kb = f["bytes"] / 1024 if f.get("bytes") else None
        lines.append(
            f"| {name:28} | {cell(f['median_ms'], '9.1f')} | {cell(f['p95_ms'], '9.1f')} "
            f"| {cell(f['queries'], '7d')} | {cell(kb, '7.1f')} | {cell(f['demo_ms'], '8.1f')} "
            f"| {cell(f['demo_queries'], '6d')} | {cell(f['growth'], '6.2f')} "
            f"| {cell(f['floor_ms'], '8.1f')} | {cell(f['ratio'], '6.2f')} |"
        )
    return "\n".join(lines)


def machine():
    cores = os.cpu_count()
    with open("/proc/meminfo") as info:
        memory = int(info.readline().split()[1]) // (1024 * 1024)
    return f"{platform.machine()}, {cores} cores, {memory} GiB, Python {platform.python_version()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=["small", "full"], default="small")
    parser.add_argument("--repeat", type=int, default=10, help="requests per page (at least 3)")
    parser.add_argument("--only", nargs="*", help="keep only these figures")
    parser.add_argument("--skip-load", action="store_true", help="no load run against gunicorn")
    parser.add_argument(
        "--pages-only", action="store_true", help="pages and report only (no exports, import)"
    )
    parser.add_argument("--_worker", nargs=2, metavar=("ROLE", "DATABASE"), help=argparse.SUPPRESS)
    parser.add_argument("--_out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._worker:
        _worker(*args._worker, args.size, args.repeat, args.only, args._out, args.pages_only)
        return
    import _postgres

    started = time.perf_counter()
    url = os.environ.get("DATABASE_URL", "")
    server = _server_of(url) if url.startswith("postgres") else _postgres.start()
    results = {}
    for role, name in (("demo", "bench_demo"), ("big", f"bench_{args.size}")):
        database = _postgres.ensure_database(server, name)
        out = tempfile.mktemp(suffix=".json")
        command = [
            sys.executable,
            __file__,
            "--size",
            args.size,
            "--repeat",
            str(args.repeat),
            "--_worker",
            role,
            database,
            "--_out",
            out,
        ]
        if args.only:
            command += ["--only", *args.only]
        if args.pages_only:
            command.append("--pages-only")
        subprocess.run(command, check=True)
        results[role] = json.loads(Path(out).read_text())
    figures = merge(results["demo"], results["big"])
    if not (args.skip_load or args.pages_only) and (not args.only or "load" in args.only):
        import load

        figures["load"] = load.run(f"{server}/bench_{args.size}", results["big"]["cast"])
    report = {
        "size": args.size,
        "machine": machine(),
        "date": time.strftime("%Y-%m-%d"),
        "units": results["big"]["cast"]["units"],
        "campaign_entries": results["big"]["cast"]["entries"],
        "seconds": round(time.perf_counter() - started),
        "figures": figures,
    }
    RESULTS.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    print(table({k: v for k, v in figures.items() if k != "load"}))
    if "load" in figures:
        print("load:", json.dumps(figures["load"], ensure_ascii=False))
    print(f"{report['machine']}; {report['units']:,} units; {report['seconds']} s; written to {RESULTS}")


if __name__ == "__main__":
    main()
