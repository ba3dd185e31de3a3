"""Files in an S3-compatible store (issue [E] 3): with ``S3_BUCKET`` set, evidence and made files go to
the bucket through django-storages, and come back through the views that check who asks.

The store is moto's standalone server, a real HTTP S3 endpoint in another process (MinIO or a
provider's own in production); the settings are those ``default_storage_of`` reads from the environment.
"""

import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from campaigns.choices import ExportState
from campaigns.models import Evidence, ExportFile
from tayho_danvan.demo import sample_files
from tayho_danvan.settings import default_storage_of

from .factories import EntryFactory

pytestmark = pytest.mark.django_db(transaction=True)
BUCKET = "danvan-tep"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def s3_environment(tmp_path):
    """The ``S3_*`` variables of an office using its own store, with the store running and empty."""
    port = _free_port()
    log = open(tmp_path / "moto.log", "w")  # noqa: SIM115 (closed with the server)
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
        stdout=log, stderr=log,
    )  # fmt: skip
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    environ = {
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": "tayho",
        "S3_SECRET_ACCESS_KEY": "khoa-bi-mat",
        "S3_PREFIX": "tay-ho/",
    }
    yield environ
    server.terminate()
    server.wait(timeout=30)
    log.close()


@pytest.fixture
def bucket(s3_environment, settings):
    """The bucket as the app sees it (``default_storage``) and as boto3 lists it."""
    settings.STORAGES = {**settings.STORAGES, "default": default_storage_of(s3_environment)}
    client = boto3.client(
        "s3",
        endpoint_url=s3_environment["S3_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id="tayho",
        aws_secret_access_key="khoa-bi-mat",
    )
    client.create_bucket(Bucket=BUCKET)

    def keys():
        return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]

    return keys


def test_without_a_bucket_files_stay_on_disk():
    assert default_storage_of({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_evidence_goes_to_the_bucket_and_comes_back_through_the_ward_page(
    bucket, nhat_tan_client, campaign, tay_ho, staff_nhat_tan
):
    assert type(storages["default"]).__name__ == "S3Storage"
    entry = EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan)
    content = sample_files.pdf_bytes()
    upload = SimpleUploadedFile("báo cáo.pdf", content, content_type="application/pdf")
    nhat_tan_client.post(reverse("evidence_upload", args=[entry.pk]), {"file": upload, "note": ""})
    item = Evidence.objects.get()
    assert bucket() == [f"tay-ho/{item.file.name}"]
    response = nhat_tan_client.get(reverse("evidence_download", args=[entry.pk, item.pk]))
    assert b"".join(response.streaming_content) == content


def test_a_file_made_by_the_worker_is_kept_in_the_bucket(
    bucket, board, campaign, tay_ho, staff_nhat_tan, settings
):
    settings.EXPORT_BACKGROUND_ROWS = 1
    EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Mô hình trong kho S3")
    board.get(reverse("admin:campaigns_entry_export"))
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    export = ExportFile.objects.get()
    assert export.state == ExportState.DONE
    assert bucket() == [f"tay-ho/{export.file.name}"]
    data = b"".join(
        board.get(reverse("admin:campaigns_exportfile_download", args=[export.pk])).streaming_content
    )
    assert data.startswith(b"PK") and len(data) == export.size
