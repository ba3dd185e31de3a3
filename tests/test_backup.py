"""Backup and restore (issue [F] 11): ``backup_data`` then ``restore_data`` into an empty database
gives back every row of every model, the audit history and the uploaded files, on the database the
suite runs on (SQLite and PostgreSQL in CI).
"""

import datetime
import io

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from awards.models import Award, AwardLevel, AwardType, Decision
from campaigns.models import Evidence, Pledge, PledgeItem
from campaigns.services import evidence as evidence_service
from campaigns.services import registration, review
from tayho_danvan.demo import sample_files

from .factories import EntryFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _everything():
    """Every row of every model, as text, by model: what a restore must give back."""
    return {
        model._meta.label: sorted(map(str, model.objects.values_list()))
        for model in apps.get_models()
        # Content types and permissions are migrate's, their ids its own: compared by name below.
        if model._meta.label
        not in (
            "sessions.Session",
            "admin.LogEntry",
            "contenttypes.ContentType",
            "auth.Permission",
        )  # fmt: skip
    } | {
        "groups": sorted(
            (group.name, permission.codename)
            for group in apps.get_model("auth", "Group").objects.all()
            for permission in group.permissions.all()
        )
    }


def test_a_backup_restores_every_record_and_file_into_an_empty_database(
    tmp_path, settings, campaign, tay_ho, staff_nhat_tan, reviewer
):
    settings.MEDIA_ROOT = tmp_path / "media"
    entry = registration.submit_entry(
        entry=EntryFactory(campaign=campaign, unit=tay_ho.nhat_tan, by=staff_nhat_tan, title="Chợ văn minh"),
        by=staff_nhat_tan,
    )
    review.accept_entry(entry=entry, by=reviewer)
    evidence = evidence_service.add_evidence(
        entry=entry, upload=SimpleUploadedFile("anh.pdf", sample_files.pdf_bytes()), by=staff_nhat_tan
    )
    pledge = Pledge.objects.create(campaign=campaign)
    PledgeItem.objects.create(pledge=pledge, number=1, text="Đổi mới nội dung")
    award_type = AwardType.objects.create(name="Giấy khen", level=AwardLevel.ORGANISER)
    decision = Decision.objects.create(
        campaign=campaign, award_type=award_type, number="125-QĐ/QU", date=datetime.date(2024, 12, 20),
        issuer_name="Quận ủy Tây Hồ",
    )  # fmt: skip
    Award.objects.create(
        decision=decision, position=1, recipient_kind="model", entry=entry, recipient_name=entry.title,
        unit=entry.unit,
    )  # fmt: skip
    before = _everything()
    stored = evidence.file.read()
    path = tmp_path / "sao-luu.zip"
    out = io.StringIO()
    call_command("backup_data", str(path), stdout=out)
    assert "bản ghi và 1 tệp" in out.getvalue()

    with pytest.raises(CommandError, match="đã có dữ liệu"):
        call_command("restore_data", str(path), stdout=io.StringIO())  # never over live records
    call_command("flush", interactive=False, verbosity=0)
    (tmp_path / "media").rename(tmp_path / "media-old")
    call_command("restore_data", str(path), stdout=io.StringIO())

    after = _everything()
    assert after == before
    assert sum(len(rows) for rows in after.values()) > 50
    assert Evidence.objects.get().file.read() == stored
    assert any("Chợ văn minh" in row for row in after["campaigns.HistoricalEntry"])


def test_a_file_that_is_no_backup_is_refused(tmp_path):
    path = tmp_path / "khong-phai.zip"
    path.write_bytes(b"PK not a zip")
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="không phải tệp sao lưu"):
        call_command("restore_data", str(path), stdout=io.StringIO())
