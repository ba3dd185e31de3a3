"""The bounded load run of the benchmark (issue [E], item 1): 50 logged-in ward officers and 5 board
members, each a thread of its own, against gunicorn with 3 workers on loopback, for a fixed time; then
the same walk by one user alone, for the "within 5 × a single user's p95" target.

Each user pauses 3–7 s between clicks, as a person reads a page; a second run without pauses gives
the capacity (pages a second). Each ward officer walks its own ward: dashboard, entry list, an entry,
the registration form; each board member: the admin's entry list, filtered, an entry's admin page,
the staff list of submitted entries.
Sessions are made in the database (a login costs a password hash, not what is measured). Stops by
itself; nothing leaves the machine. Entry point: ``run(database_url, cast)`` → ``{"workers", "users",
"seconds", "requests", "errors", "throughput_rps", "p50_ms", "p95_ms", "p99_ms", "single_p95_ms"}``.
"""

import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARD_OFFICERS, BOARD_MEMBERS, WORKERS = 50, 5, 3
SECONDS = 45
# A person reads a page before the next click: 3 to 7 seconds. Without it, 55 threads on two cores
# measure only the queue (Little's law: 55 users / 27 pages a second = 2 s a page); the capacity run
# (no pause, ``CAPACITY_SECONDS``) gives the most pages a second the machine serves.
THINK_SECONDS = (3.0, 7.0)
CAPACITY_SECONDS = 15


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _sessions_and_walks(cast):
    """``[(session_key, [url, …])]`` for every simulated user (needs Django set up)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    from campaigns.models import Entry
    from units.models import Membership, MembershipRole

    def session(user):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    campaign = cast["campaign_pk"]
    walks = []
    staff = (
        Membership.objects.filter(role=MembershipRole.STAFF, unit__path__startswith=_organiser_path(cast))
        .select_related("user", "unit")
        .order_by("unit__path")[:WARD_OFFICERS]
    )
    for membership in staff:
        unit = membership.unit
        entry = Entry.objects.filter(campaign_id=campaign, unit=unit).values_list("pk", flat=True).first()
        urls = [f"/don-vi/{unit.code}/", f"/ho-so/?phong_trao={campaign}", f"/don-vi/{unit.code}/dang-ky/"]
        if entry:
            urls.append(f"/ho-so/{entry}/")
        walks.append((session(membership.user), urls))
    board = get_user_model().objects.get(username=cast["board"])
    for _ in range(BOARD_MEMBERS):
        urls = [
            "/admin/campaigns/entry/",
            f"/admin/campaigns/entry/?campaign={campaign}&state=submitted",
            f"/admin/campaigns/entry/{cast['entry_pk']}/change/",
            f"/ho-so/?phong_trao={campaign}&state=submitted",
        ]
        walks.append((session(board), urls))
    return walks


def _organiser_path(cast):
    from units.models import Unit

    return Unit.objects.get(code=cast["organiser"]).path


def _walk(port, session_key, urls, until, samples, errors, seed, think):
    rng = random.Random(seed)
    time.sleep(rng.uniform(0, think[1]))  # users do not all click at the same instant
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": f"sessionid={session_key}", "Host": "127.0.0.1"}
    while time.monotonic() < until:
        url = rng.choice(urls)
        started = time.perf_counter()
        try:
            connection.request("GET", url, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"{url}: {response.status}")
        except (OSError, http.client.HTTPException) as error:
            errors.append(f"{url}: {error}")
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            continue
        samples.append((time.perf_counter() - started) * 1000)
        time.sleep(rng.uniform(*think))
    connection.close()


def _drive(port, walks, seconds, think=(0.0, 0.0)):
    samples, errors = [], []
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_walk, args=(port, key, urls, until, samples, errors, n, think))
        for n, (key, urls) in enumerate(walks)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples, errors


def _quantile(ordered, q):
    return round(ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1)))], 1) if ordered else None


def measure(database_url, cast, seconds=SECONDS):
    """In a process with Django set up on ``database_url``: start gunicorn, drive it, stop it."""
    walks = _sessions_and_walks(cast)
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tayho_danvan.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(WORKERS), "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(100):  # up within 10 s
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.1)
        _drive(port, walks[:1], 3)  # warm the workers
        single, single_errors = _drive(port, walks[:1], 10)
        single += _drive(port, walks[-1:], 10)[0]  # one ward officer alone, then one board member
        samples, errors = _drive(port, walks, seconds, THINK_SECONDS)
        capacity, capacity_errors = _drive(port, walks, CAPACITY_SECONDS)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    ordered, alone = sorted(samples), sorted(single)
    return {
        "workers": WORKERS,
        "users": len(walks),
        "seconds": seconds,
        "requests": len(samples) + len(errors),
        "think_seconds": list(THINK_SECONDS),
        "errors": len(errors) + len(single_errors) + len(capacity_errors),
        "error_samples": (errors + single_errors + capacity_errors)[:5],
        "throughput_rps": round(len(samples) / seconds, 1),
        "capacity_rps": round(len(capacity) / CAPACITY_SECONDS, 1),
        "capacity_p95_ms": _quantile(sorted(capacity), 0.95),
        "p50_ms": _quantile(ordered, 0.5),
        "p95_ms": _quantile(ordered, 0.95),
        "p99_ms": _quantile(ordered, 0.99),
        "single_p50_ms": _quantile(alone, 0.5),
        "single_p95_ms": _quantile(alone, 0.95),
        "median_ms": round(statistics.median(ordered), 1) if ordered else None,
    }


def run(database_url, cast):
    """From ``run.py``'s main process: the load run in a child with Django set up; returns its figures."""
    out = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-load-{os.getpid()}.json"
    subprocess.run(
        [sys.executable, __file__, database_url, json.dumps(cast), str(out)],
        check=True,
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
    )
    result = json.loads(out.read_text())
    out.unlink()
    return result


def main():
    database_url, cast, out = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tayho_danvan.settings")
    import django

    django.setup()
    Path(out).write_text(json.dumps(measure(database_url, cast)))


if __name__ == "__main__":
    main()
