"""The demo's 2024 campaign, open for registration, holding every step of the flow so that a newcomer
sees it at once: drafts, entries sent and awaiting review, accepted, returned with the board's reason,
resubmitted, withdrawn; a model carried on from 2023, one replicating another ward's model; evidence
files; the board's quota override for one unit. Names and contents are invented (the pages say so).
"""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from campaigns.choices import EntryKind, EntryState, Field, SubjectKind
from campaigns.services import evidence, quotas, registration, review
from units.models import Unit, UnitKind

from . import sample_files

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
RETURN_REASON = "Đề nghị bổ sung nguồn lực (kinh phí, nhân lực) và các mốc thực hiện cụ thể theo từng quý."


def _at(month, day, hour=9):
    return datetime.datetime(2024, month, day, hour, tzinfo=HANOI)


def _model(title, field, **extra):
    return dict(
        kind=EntryKind.MODEL,
        title=title,
        field=field,
        new_hard_task="Việc mới, việc khó năm 2024 (dữ liệu giả định).",
        content_method="Nội dung và cách làm minh họa (dữ liệu giả định).",
        expected_outputs="Kết quả kiểm đếm được (dữ liệu giả định).",
        **extra,
    )


def _exemplar(name, position, field):
    return dict(
        kind=EntryKind.EXEMPLAR,
        title=f"Điển hình {name}",
        field=field,
        subject_kind=SubjectKind.INDIVIDUAL,
        subject_name=name,
        subject_position=position,
    )


def _register(campaign, unit, by, fields, *, day, send=True):
    entry = registration.register_entry(campaign=campaign, unit=unit, by=by, at=_at(2, day), **fields)
    if send:
        entry = registration.submit_entry(entry=entry, by=by, at=_at(2, day, 15))
    return entry


def _attach(entry, by, name, content, note):
    evidence.add_evidence(entry=entry, upload=ContentFile(content, name=name), by=by, note=note)


def seed_2024(c2023, c2024, wards, reviewer):
    """Fill ``c2024`` once (a second run finds entries and adds nothing); returns the number of entries."""
    if c2024.entries.exists():
        return c2024.entries.count()
    staff = {u.username: u for u in get_user_model().objects.filter(username__startswith="canbo.")}
    nhat_tan, quang_an = wards[4], wards[5]
    nt_staff, qa_staff = staff["canbo.nhattan"], staff["canbo.quangan"]
    cells = list(Unit.objects.filter(kind=UnitKind.CELL, path__startswith=nhat_tan.path).order_by("path"))

    # The board lets Nhật Tân register a fourth model this year, and says why.
    quotas.override_quota(
        campaign=c2024,
        unit=nhat_tan,
        models_max=4,
        exemplars_max=3,
        reason="Phường điểm của quận về dân vận khéo trong chỉnh trang đô thị năm 2024.",
        by=reviewer,
    )

    # Nhật Tân carries its first 2023 model on; the board accepted it; the ward added evidence.
    last_year = c2023.entries.filter(unit=nhat_tan, kind=EntryKind.MODEL).order_by("pk").first()
    carried = registration.continue_entry(source=last_year, campaign=c2024, by=nt_staff, at=_at(2, 1))
    carried = registration.submit_entry(entry=carried, by=nt_staff, at=_at(2, 2))
    review.accept_entry(entry=carried, by=reviewer, comment="Tiếp tục nhân rộng", at=_at(2, 20))
    _attach(
        carried, nt_staff, "Kế hoạch thực hiện 2024.pdf", sample_files.pdf_bytes("Ke hoach 2024"), "Kế hoạch"
    )
    _attach(
        carried, nt_staff, "Ảnh ra quân tháng 3.png", sample_files.png_bytes("Ra quan thang 3"), "Hình ảnh"
    )

    returned = _register(
        c2024, nhat_tan, nt_staff, _model("Dân vận khéo trong chỉnh trang đô thị", Field.ECONOMY), day=3
    )
    review.return_entry(entry=returned, by=reviewer, reason=RETURN_REASON, at=_at(2, 21))

    _register(
        c2024,
        nhat_tan,
        nt_staff,
        _exemplar("Nguyễn Thị Hạnh", "Tổ trưởng tổ dân phố", Field.CULTURE_SOCIETY),
        day=4,
    )
    _register(
        c2024,
        nhat_tan,
        nt_staff,
        _exemplar("Trần Văn Long", "Công an khu vực", Field.DEFENCE_SECURITY),
        day=5,
        send=False,
    )

    # Cells: six accepted, one resubmitted after a return, one withdrawn, one replicating Quảng An's model.
    topics = [
        "Bữa cơm nghĩa tình",
        "Ngõ xanh – sạch – đẹp",
        "Camera an ninh tổ dân phố",
        "Tủ sách cộng đồng",
        "Sân chơi cho trẻ em",
        "Dòng họ không có người vi phạm pháp luật",
    ]
    for n, (cell, topic) in enumerate(zip(cells, topics, strict=False)):
        entry = _register(
            c2024, cell, nt_staff, _model(f"{topic} — {cell.name}", list(Field)[n % 4]), day=6 + n
        )
        review.accept_entry(entry=entry, by=reviewer, at=_at(3, 1 + n))
    resubmitted = _register(
        c2024,
        cells[6],
        nt_staff,
        _model(f"Đối thoại với dân — {cells[6].name}", Field.POLITICAL_SYSTEM),
        day=13,
    )
    review.return_entry(
        entry=resubmitted, by=reviewer, reason="Ghi rõ số buổi đối thoại dự kiến.", at=_at(3, 2)
    )
    registration.update_entry(
        entry=resubmitted, by=nt_staff, expected_outputs="4 buổi đối thoại, 200 lượt người dân."
    )
    registration.submit_entry(entry=resubmitted, by=nt_staff, at=_at(3, 5))
    withdrawn = _register(
        c2024, cells[7], nt_staff, _model(f"Chợ dân sinh văn minh — {cells[7].name}", Field.ECONOMY), day=14
    )
    registration.withdraw_entry(
        entry=withdrawn, by=nt_staff, reason="Chợ di dời, chuyển sang năm sau.", at=_at(3, 6)
    )
    source = (
        c2023.entries.filter(unit=quang_an, kind=EntryKind.MODEL, state=EntryState.ACCEPTED)
        .order_by("pk")
        .first()
    )
    replica = _register(
        c2024,
        cells[8],
        nt_staff,
        _model(f"Làm theo mô hình của Quảng An — {cells[8].name}", source.field, replicates=source),
        day=15,
    )
    _attach(replica, nt_staff, "Biên bản họp chi bộ.docx", sample_files.docx_bytes("Biên bản họp chi bộ"), "")

    # Quảng An has started drafting; other wards have sent a few entries for the board to review.
    _register(
        c2024,
        quang_an,
        qa_staff,
        _model("Tuyến phố văn minh ven hồ", Field.CULTURE_SOCIETY),
        day=8,
        send=False,
    )
    _register(
        c2024,
        quang_an,
        qa_staff,
        _exemplar("Lê Thị Mai", "Bí thư chi bộ", Field.POLITICAL_SYSTEM),
        day=9,
        send=False,
    )
    for n, ward in enumerate(w for w in wards if w not in (nhat_tan, quang_an)):
        by = staff["canbo." + ward.code.replace("-", "")]
        _register(
            c2024,
            ward,
            by,
            _model(f"Dân vận khéo trong xây dựng nông thôn mới — {ward.short_name}", list(Field)[n % 4]),
            day=10 + n,
        )
    return c2024.entries.count()
