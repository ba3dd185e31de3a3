"""Benchmark: the pages ward staff and leaders open most, on the seeded demo (issue [B], item 9).

Run: ``.venv/bin/python bench/dashboard.py [--repeat 20]`` (uses DATABASE_URL if set, else a throwaway
SQLite file, seeded with ``seed_demo``). Prints, per page, the query count and the median time of a
whole request through Django's test client (server-side time, no network). Speed is measured here,
never in tests; tests assert the query counts.
"""

import argparse
import statistics
import time

from _demo import seeded_demo  # bench/ is the script folder: its modules import by name


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    seeded_demo()
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    users = get_user_model().objects
    pages = [
        ("canbo.nhattan", "/don-vi/nhat-tan/", "ward dashboard (15 units)"),
        ("lanhdao", "/don-vi/quan-uy-tay-ho/", "district page (169 units, leader)"),
        ("lanhdao", "/ho-so/?q=nhat+tan", "entries list, unaccented search"),
        ("lanhdao", "/ho-so/?phong_trao=1&trang=5", "2023 entries list, page 5 of 17"),
    ]
    print(f"{'page':45} {'queries':>7} {'median ms':>10}")
    for username, url, label in pages:
        client = Client()
        client.force_login(users.get(username=username))
        client.get(url)  # warm caches and the connection
        reset_queries()  # each request clears the log; start the count from an empty one
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        print(f"{label:45} {len(queries):>7} {statistics.median(times):>10.1f}")


if __name__ == "__main__":
    main()
