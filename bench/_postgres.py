"""A throwaway PostgreSQL server for the benchmark when no ``DATABASE_URL`` is given, started the way
``.ci/run`` starts one: Debian's PostgreSQL (installed with apt-get when absent and run as root), its own
cluster under /tmp on a free local port, stopped and removed when the benchmark ends.
"""

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import suppress

# Benchmark settings: durability off (a throwaway cluster), memory for sorting and caching.
SERVER_OPTIONS = (
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=1GB "
    "-c work_mem=32MB -c maintenance_work_mem=512MB -c max_wal_size=8GB -c max_connections=200"
)


def _bin():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(
            "apt-get update -qq && apt-get install -y -qq postgresql >/dev/null", shell=True, check=True
        )
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise SystemExit("Cần PostgreSQL (apt-get install postgresql) hoặc DATABASE_URL=postgres://…")
    return os.path.dirname(found[-1])


def _as_postgres(*command):
    """Run ``command`` as the postgres user when root (initdb refuses root), from / (PLATFORM.md)."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, *command], check=True, cwd="/", stdout=subprocess.DEVNULL)


def start():
    """Start the server; returns a ``postgres://`` URL without a database name (no trailing slash)."""
    pgbin = _bin()
    folder = tempfile.mkdtemp(prefix="pgbench.", dir="/tmp")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data = os.path.join(folder, "data")
    _as_postgres(f"{pgbin}/initdb", "-D", data, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8")
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 {SERVER_OPTIONS}"
    _as_postgres(
        f"{pgbin}/pg_ctl", "-D", data, "-l", os.path.join(folder, "log"), "-w", "-o", options, "start"
    )

    def stop():
        with suppress(subprocess.CalledProcessError):
            _as_postgres(f"{pgbin}/pg_ctl", "-D", data, "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)

    atexit.register(stop)
    _as_postgres(
        f"{pgbin}/psql",
        "-h",
        folder,
        "-p",
        str(port),
        "-U",
        "postgres",
        "-qc",
        "ALTER USER postgres PASSWORD 'bench'",
    )
    return f"postgres://postgres:bench@127.0.0.1:{port}"


def ensure_database(server_url, name):
    """Create database ``name`` on ``server_url`` unless it exists; returns its URL."""
    import psycopg2

    connection = psycopg2.connect(f"{server_url}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    return f"{server_url}/{name}"
