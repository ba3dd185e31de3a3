"""The demo's unit tree and logins: Hà Nội → Quận ủy Tây Hồ, its 8 wards with their grassroots cells and
the organisations directly under it (DESIGN.md, "Demo data"), and one login per role and per ward.
Names the article does not give are invented ("giả định").
"""

import datetime

from django.contrib.auth import get_user_model

from units import services as unit_services
from units.models import MembershipRole, Unit, UnitKind

DEMO_PASSWORD = "DanVan@2024"
UNSIGNED_LOGIN_UNIT = "truong-mam-non-10"
SECOND_REVIEWER = "bandanvan.thu"  # the second board member who scores (issue [H])


WARDS = [  # (code, name, number of grassroots cells); the article's 8 wards
    ("buoi", "Bưởi", 14),
    ("thuy-khue", "Thụy Khuê", 14),
    ("yen-phu", "Yên Phụ", 14),
    ("tu-lien", "Tứ Liên", 14),
    ("nhat-tan", "Nhật Tân", 14),
    ("quang-an", "Quảng An", 14),
    ("xuan-la", "Xuân La", 13),
    ("phu-thuong", "Phú Thượng", 13),
]


DIRECT_ORGANISATIONS = (
    [
        ("quan-su-quan", "Đảng bộ Quân sự quận"),
        ("cong-an-quan", "Đảng bộ Công an quận"),
        ("co-quan-chinh-quyen", "Đảng bộ Cơ quan Chính quyền quận"),
        ("co-quan-dang-doan-the", "Đảng bộ Các cơ quan Đảng – Đoàn thể quận"),
        ("trung-tam-y-te", "Chi bộ Trung tâm Y tế quận"),
        ("benh-vien-tay-ho", "Đảng bộ Bệnh viện đa khoa quận Tây Hồ"),
        ("vien-kiem-sat", "Chi bộ Viện Kiểm sát nhân dân quận"),
        ("toa-an", "Chi bộ Tòa án nhân dân quận"),
        ("chi-cuc-thue", "Chi bộ Chi cục Thuế quận"),
        ("thi-hanh-an", "Chi bộ Chi cục Thi hành án dân sự quận"),
        ("kho-bac", "Chi bộ Kho bạc Nhà nước quận"),
        ("ban-quan-ly-du-an", "Chi bộ Ban Quản lý dự án đầu tư xây dựng quận"),
        ("trung-tam-van-hoa", "Chi bộ Trung tâm Văn hóa – Thông tin và Thể thao quận"),
        ("cong-ty-moi-truong", "Chi bộ Công ty Môi trường đô thị Tây Hồ"),
        ("ban-quan-ly-ho-tay", "Chi bộ Ban Quản lý Hồ Tây"),
        ("trung-tam-chinh-tri", "Chi bộ Trung tâm Chính trị quận"),
        ("bao-hiem-xa-hoi", "Chi bộ Bảo hiểm xã hội quận"),
        ("ngan-hang-chinh-sach", "Chi bộ Phòng Giao dịch Ngân hàng Chính sách xã hội quận"),
        ("thpt-tay-ho", "Chi bộ Trường THPT Tây Hồ"),
        ("thpt-chu-van-an", "Đảng bộ Trường THPT Chu Văn An"),
    ]
    + [(f"truong-thcs-{n:02d}", f"Chi bộ Trường THCS số {n} quận Tây Hồ (giả định)") for n in range(1, 11)]
    + [
        (f"truong-tieu-hoc-{n:02d}", f"Chi bộ Trường Tiểu học số {n} quận Tây Hồ (giả định)")
        for n in range(1, 11)
    ]
    + [
        (f"truong-mam-non-{n:02d}", f"Chi bộ Trường Mầm non số {n} quận Tây Hồ (giả định)")
        for n in range(1, 11)
    ]
)


def _unit(*, code, name, kind, parent, position, short_name=""):
    existing = Unit.objects.filter(code=code).first()
    if existing is not None:
        return existing
    return unit_services.create_unit(
        name=name,
        code=code,
        kind=kind,
        parent=parent,
        position=position,
        short_name=short_name,
        valid_from=datetime.date(2008, 8, 1),
    )


def build_tree():
    """The Hà Nội → Tây Hồ tree; returns ``(district, wards, direct_organisations)``."""
    hanoi = _unit(
        code="ha-noi",
        name="Đảng bộ thành phố Hà Nội",
        kind=UnitKind.ORGANISER,
        parent=None,
        position=1,
        short_name="Thành ủy Hà Nội",
    )
    district = _unit(
        code="quan-uy-tay-ho",
        name="Quận ủy Tây Hồ",
        kind=UnitKind.ORGANISER,
        parent=hanoi,
        position=1,
        short_name="Tây Hồ",
    )
    wards = []
    for index, (code, name, cells) in enumerate(WARDS, start=1):
        ward = _unit(
            code=code,
            name=f"Đảng ủy phường {name}",
            short_name=name,
            kind=UnitKind.WARD_COMMITTEE,
            parent=district,
            position=index,
        )
        for n in range(1, cells + 1):
            _unit(
                code=f"{code}-cb-{n:02d}",
                name=f"Chi bộ tổ dân phố số {n} phường {name}",
                kind=UnitKind.CELL,
                parent=ward,
                position=n,
            )
        wards.append(ward)
    direct = [
        _unit(code=code, name=name, kind=UnitKind.DIRECT_ORGANISATION, parent=district, position=100 + index)
        for index, (code, name) in enumerate(DIRECT_ORGANISATIONS, start=1)
    ]
    return district, wards, direct


def users(district, wards):
    """One login per role and per ward; returns ``[(username, role, unit)]`` for printing."""
    User = get_user_model()
    logins = []

    def member(account, unit, role):
        # After ``reorganise_2025`` the old units are closed: their memberships stay as they were.
        if unit.is_active:
            unit_services.add_membership(user=account, unit=unit, role=role)

    def user(username, full_name, *, superuser=False):
        account, created = User.objects.get_or_create(username=username)
        if created:
            # Vietnamese names read family name first; keep the whole name in one field.
            account.first_name = full_name
            account.is_superuser = account.is_staff = superuser
            account.set_password(DEMO_PASSWORD)
            account.save()
        return account

    user("admin", "Quản trị hệ thống", superuser=True)
    logins.append(("admin", "Quản trị hệ thống (superuser)", "—"))
    reviewer = user("bandanvan", "Nguyễn Lê Hoàng")
    member(reviewer, district, MembershipRole.REVIEWER)
    logins.append(("bandanvan", MembershipRole.REVIEWER.label, district.name))
    # A second board member: judging by criteria has two reviewers and a chair (issue [H]).
    second = user(SECOND_REVIEWER, "Trần Thị Thu")
    member(second, district, MembershipRole.REVIEWER)
    logins.append((SECOND_REVIEWER, f"{MembershipRole.REVIEWER.label} (người chấm thứ hai)", district.name))
    leader = user("lanhdao", "Nguyễn Anh Tuấn")
    member(leader, district, MembershipRole.LEADER)
    logins.append(("lanhdao", MembershipRole.LEADER.label, district.name))
    for ward in wards:
        username = "canbo." + ward.code.replace("-", "")
        staff = user(username, f"Cán bộ {ward.short_name}")
        member(staff, ward, MembershipRole.STAFF)
        logins.append((username, MembershipRole.STAFF.label, ward.name))
    # An organisation that has not signed the 2024 pledge (``year_end.pledge_2024`` leaves the last five
    # unsigned): its login shows the signing form.
    school = Unit.objects.get(code=UNSIGNED_LOGIN_UNIT)
    staff = user("canbo.mamnon10", f"Cán bộ {school.name}")
    member(staff, school, MembershipRole.STAFF)
    logins.append(("canbo.mamnon10", f"{MembershipRole.STAFF.label} (chưa ký giao ước)", school.name))
    return logins, reviewer
