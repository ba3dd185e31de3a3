"""Benchmark: "all units under X" on a tree of 50,000 units (issue [A], item 3).

Run: ``.venv/bin/python bench/subtree.py [--units 50000]`` (uses DATABASE_URL if set, else a throwaway
SQLite file). Prints the build time, the query count and the median time of the subtree query.
Speed is measured here, never in tests.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=50_000)
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tayho_danvan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from units.models import Unit, UnitKind

    call_command("migrate", verbosity=0)
    Unit.objects.all().delete()
    started = time.perf_counter()
    # Build the tree with treebeard's own path scheme, in bulk: 1 city, 1 district, wards of 1,000
    # cells each, each cell with 4 party groups, until --units is reached.
    rows = [
        Unit(
            name="Thành phố", code="b-city", kind=UnitKind.ORGANISER, path=Unit._get_path(None, 1, 1), depth=1
        )
    ]
    district_path = Unit._get_path(rows[0].path, 2, 1)
    rows.append(Unit(name="Quận", code="b-district", kind=UnitKind.ORGANISER, path=district_path, depth=2))
    ward = cell = 0
    while len(rows) < args.units:
        ward += 1
        ward_path = Unit._get_path(district_path, 3, ward)
        rows.append(
            Unit(
                name=f"Phường {ward}",
                code=f"b-w{ward}",
                kind=UnitKind.WARD_COMMITTEE,
                path=ward_path,
                depth=3,
            )
        )
        for c in range(1, 1001):
            cell += 1
            cell_path = Unit._get_path(ward_path, 4, c)
            rows.append(
                Unit(name=f"Chi bộ {cell}", code=f"b-c{cell}", kind=UnitKind.CELL, path=cell_path, depth=4)
            )
            for g in range(1, 5):
                rows.append(
                    Unit(
                        name=f"Tổ {cell}.{g}",
                        code=f"b-c{cell}-{g}",
                        kind=UnitKind.CELL,
                        path=Unit._get_path(cell_path, 5, g),
                        depth=5,
                    )
                )
            if len(rows) >= args.units:
                break
    for row in rows:
        row.search_text = row.name.lower()
    Unit.objects.bulk_create(rows, batch_size=2000)
    built = time.perf_counter() - started

    target = Unit.objects.get(code="b-w1")
    timings = []
    for _ in range(20):
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            count = len(list(target.subtree().values_list("pk", flat=True)))
            timings.append(time.perf_counter() - t0)
    print(f"backend={connection.vendor} units={Unit.objects.count()} build={built:.1f}s")
    print(
        f"subtree of one ward: {count} units, {len(ctx.captured_queries)} query, "
        f"median {statistics.median(timings) * 1000:.1f} ms over {len(timings)} runs"
    )


if __name__ == "__main__":
    main()
