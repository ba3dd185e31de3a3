"""Several app servers behind one proxy (issue [E] 3): two gunicorn servers on different ports over one
PostgreSQL and one media folder; a board member signs in on the first, previews an import there, and
confirms it on the second. Sessions live in the database and the preview's file in the storage that
every server shares (``IMPORT_EXPORT_TMP_STORAGE_CLASS``), so nothing depends on which server answers.

Real servers and a real HTTP client: PostgreSQL only, where other processes can see the test database
(SQLite's test database lives in the test process's memory).
"""

import html
import http.cookiejar
import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import openpyxl
import pytest
from django.db import connection

from campaigns.choices import EntryState
from campaigns.models import Entry, ExportFile
from campaigns.spreadsheets.resources import EntryResource

from .factories import PASSWORD, EntryFactory

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="servers in other processes: PostgreSQL"),
]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def two_servers(settings, tmp_path):
    """``(url_a, url_b)``: two gunicorn servers, one worker each, sharing the database and media."""
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DEBUG": "1",
        # Every list counts as big: an export is made by the task worker.
        "EXPORT_BACKGROUND_ROWS": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    servers, urls = [], []
    for _ in range(2):
        port = _free_port()
        # Each server its own temporary folder, as on two machines: only the shared storage is shared.
        own_tmp = tmp_path / f"tmp-{port}"
        own_tmp.mkdir()
        log = open(tmp_path / f"gunicorn-{port}.log", "w")  # noqa: SIM115 (closed with the server)
        servers.append((subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "tayho_danvan.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "1", "--timeout", "60"],
            cwd=ROOT, env={**env, "TMPDIR": str(own_tmp)}, stdout=log, stderr=log,
        ), log))  # fmt: skip
        urls.append(f"http://127.0.0.1:{port}")
    for url in urls:
        port = int(url.rsplit(":", 1)[1])
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
    yield urls, env
    for server, log in servers:
        server.terminate()
        server.wait(timeout=30)
        log.close()


class Browser:
    """A browser's cookie jar over plain HTTP: one jar for both servers, as behind one proxy."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url):
        with self.opener.open(url, timeout=60) as response:
            return response.status, response.geturl(), response.read().decode()

    def post(self, url, fields, files=None):
        if files:
            boundary = uuid.uuid4().hex
            body = io.BytesIO()
            for name, value in fields.items():
                head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                body.write(f"{head}{value}\r\n".encode())
            for name, (filename, data) in files.items():
                disposition = f'form-data; name="{name}"; filename="{filename}"'
                body.write(
                    f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
                    "Content-Type: application/octet-stream\r\n\r\n".encode()
                )
                body.write(data + b"\r\n")
            body.write(f"--{boundary}--\r\n".encode())
            data, kind = body.getvalue(), f"multipart/form-data; boundary={boundary}"
        else:
            data, kind = urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"
        request = urllib.request.Request(url, data=data, headers={"Content-Type": kind, "Referer": url})
        with self.opener.open(request, timeout=60) as response:
            return response.status, response.geturl(), response.read().decode()


def _token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def _hidden_fields(page, form_action):
    form = page.split(f'action="{form_action}"')[1].split("</form>")[0]
    return {
        html.unescape(name): html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    }


def _workbook(tay_ho):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    headers = EntryResource.headers()
    sheet.append(headers)
    row = dict.fromkeys(headers, None)
    row.update({"Mã đơn vị": "nhat-tan", "Loại": "Mô hình", "Lĩnh vực": "Kinh tế",
                "Tên mô hình / điển hình": "Mô hình qua hai máy chủ"})  # fmt: skip
    sheet.append([row[h] for h in headers])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _signed_in(server, user, settings):
    """A browser in which ``user`` signed in on ``server``."""
    # The servers know the real hashers, not the suite's fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    user.set_password(PASSWORD)
    user.save()
    browser = Browser()
    _, _, login = browser.get(f"{server}/dang-nhap/")
    status, landed, _ = browser.post(
        f"{server}/dang-nhap/",
        {"csrfmiddlewaretoken": _token(login), "username": user.username, "password": PASSWORD},
    )
    assert status == 200 and "/dang-nhap/" not in landed
    return browser


def test_a_board_member_previews_on_one_server_and_confirms_on_another(
    two_servers, campaign, tay_ho, reviewer, settings
):
    (first, second), _ = two_servers
    browser = _signed_in(first, reviewer, settings)
    # The session made by the first server is the second server's too.
    assert browser.get(f"{second}/admin/campaigns/entry/")[0] == 200
    _, _, form = browser.get(f"{first}/admin/campaigns/entry/import/")
    _, _, preview = browser.post(
        f"{first}/admin/campaigns/entry/import/",
        {"csrfmiddlewaretoken": _token(form), "campaign": campaign.pk, "format": 0},
        files={"import_file": ("nhap.xlsx", _workbook(tay_ho))},
    )
    assert "Xác nhận nhập" in preview and not Entry.objects.exists()
    confirm = _hidden_fields(preview, "/admin/campaigns/entry/process_import/")
    assert confirm["import_file_name"]
    status, landed, done = browser.post(f"{second}/admin/campaigns/entry/process_import/", confirm)
    assert status == 200 and landed.startswith(second), done[:500]
    entry = Entry.objects.get()
    assert entry.title == "Mô hình qua hai máy chủ" and entry.state == EntryState.SUBMITTED


def test_a_big_export_asked_on_one_server_is_made_by_the_worker_and_downloaded_from_another(
    two_servers, campaign, tay_ho, reviewer, staff_nhat_tan, settings, tmp_path
):
    (first, second), env = two_servers
    for n in range(3):
        EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title=f"Mô hình số {n}")
    browser = _signed_in(first, reviewer, settings)
    status, landed, page = browser.get(f"{first}/admin/campaigns/entry/xuat-excel/")
    export = ExportFile.objects.get()
    assert landed.endswith(f"/admin/campaigns/exportfile/{export.pk}/change/") and "Đang chờ" in page
    # The worker: a third process on a machine of its own (its own temporary folder).
    own_tmp = tmp_path / "tmp-worker"
    own_tmp.mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0"],
        cwd=ROOT, env={**env, "TMPDIR": str(own_tmp)}, check=True, timeout=120,
    )  # fmt: skip
    _, _, page = browser.get(f"{second}/admin/campaigns/exportfile/{export.pk}/change/")
    assert "Đã xong" in page
    download = f"{second}/admin/campaigns/exportfile/{export.pk}/tai-ve/"
    with browser.opener.open(download, timeout=60) as response:
        data = response.read()
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    title = EntryResource.headers().index("Tên mô hình / điển hình")
    assert sorted(row[title] for row in rows[1:]) == ["Mô hình số 0", "Mô hình số 1", "Mô hình số 2"]
