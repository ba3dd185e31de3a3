"""The demo: Tây Hồ as it was in 2023–2024 (DESIGN.md, "Demo data"; the article in shared/seed/).

Registration counts follow from the unit tree and the quotas: every unit registers within its
quota (wards 2–3 models and 3 exemplars, direct organisations 1–2 and 1, cells 1 and 1), which with
8 wards, 50 direct organisations and 110 cells adds up to the article's 224 models and 184 exemplars.
Names the article does not give are invented, and the pages say so.
"""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from awards.models import AwardLevel, AwardType, Ceremony, Decision
from awards.services import award_entries
from campaigns import services as campaign_services
from campaigns.choices import CampaignState, EntryKind, Field, SubjectKind
from campaigns.models import Campaign, QuotaRule
from units import services as unit_services
from units.models import MembershipRole, Unit, UnitKind

from .demo_2024 import seed_2024
from .demo_yearend import city_award_and_individuals, evaluate_2023, pledge_2024, targets_2023

DEMO_PASSWORD = "DanVan@2024"
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")

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
# Wards registering the maximum of 3 models; the others register the minimum of 2.
WARDS_AT_MODEL_MAX = 5
# Direct organisations registering the maximum of 2 models; the others register 1.
DIRECT_AT_MODEL_MAX = 43

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

DEFAULT_QUOTAS = {  # unit kind: (models min, models max, exemplars min, exemplars max); the article
    UnitKind.DIRECT_ORGANISATION: (1, 2, 1, 1),
    UnitKind.WARD_COMMITTEE: (2, 3, 3, 3),
    UnitKind.CELL: (1, 1, 1, 1),
}

MODEL_TOPICS = {
    Field.ECONOMY: [
        "Hỗ trợ hộ kinh doanh chuyển đổi số",
        "Phát triển làng hoa, cây cảnh truyền thống",
        "Chợ văn minh thương mại",
    ],
    Field.CULTURE_SOCIETY: [
        "Tuyến phố văn minh, sạch đẹp",
        "Tủ sách cộng đồng khu dân cư",
        "Bữa cơm nghĩa tình cho người khó khăn",
    ],
    Field.DEFENCE_SECURITY: [
        "Tổ dân phố an toàn về an ninh trật tự",
        "Camera an ninh cộng đồng",
        "Dân vận khéo trong giải phóng mặt bằng",
    ],
    Field.POLITICAL_SYSTEM: [
        "Tiếp dân và đối thoại trực tiếp hằng tháng",
        "Cải cách thủ tục hành chính một cửa",
        "Chi bộ gắn với khu dân cư",
    ],
}
PEOPLE = [
    "Nguyễn Thị Hà",
    "Trần Văn Minh",
    "Lê Thị Lan",
    "Phạm Văn Đức",
    "Hoàng Thị Thu",
    "Đặng Văn Hùng",
    "Vũ Thị Hương",
    "Bùi Văn Nam",
    "Đỗ Thị Mai",
    "Ngô Văn Thắng",
    "Dương Thị Hạnh",
    "Lý Văn Toàn",
]
FIELDS = list(Field)


def _at(year, month, day, hour=9):
    return datetime.datetime(year, month, day, hour, tzinfo=HANOI)


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


def _campaign(district, year, *, state, opens, closes, launch):
    campaign, _ = Campaign.objects.get_or_create(
        organiser=district,
        year=year,
        defaults=dict(
            title=f"Phong trào thi đua “Dân vận khéo” năm {year}",
            launch_date=launch,
            registration_opens=opens,
            registration_closes=closes,
            results_due=max(datetime.date(year, 11, 30), closes),
            state=state,
        ),
    )
    for kind, (m_min, m_max, e_min, e_max) in DEFAULT_QUOTAS.items():
        QuotaRule.objects.get_or_create(
            campaign=campaign,
            unit_kind=kind,
            defaults=dict(models_min=m_min, models_max=m_max, exemplars_min=e_min, exemplars_max=e_max),
        )
    return campaign


def registration_plan(campaign, wards, direct):
    """``[(unit, models, exemplars)]``: how many each unit registers, within its quota."""
    rules = {rule.unit_kind: rule for rule in campaign.quota_rules.all()}
    plan = []
    for index, ward in enumerate(wards):
        rule = rules[UnitKind.WARD_COMMITTEE]
        plan.append(
            (ward, rule.models_max if index < WARDS_AT_MODEL_MAX else rule.models_min, rule.exemplars_max)
        )
    for index, unit in enumerate(direct):
        rule = rules[UnitKind.DIRECT_ORGANISATION]
        plan.append(
            (unit, rule.models_max if index < DIRECT_AT_MODEL_MAX else rule.models_min, rule.exemplars_max)
        )
    rule = rules[UnitKind.CELL]
    for cell in Unit.objects.filter(kind=UnitKind.CELL, path__startswith=campaign.organiser.path):
        plan.append((cell, rule.models_max, rule.exemplars_max))
    return plan


def _model_fields(unit, n, counter):
    field = FIELDS[counter % 4]
    topic = MODEL_TOPICS[field][counter % 3]
    if unit.code == "quan-su-quan" and n == 0:
        field, topic = (
            Field.DEFENCE_SECURITY,
            "Dân vận khéo của Ban Chỉ huy quân sự quận trong xây dựng nền quốc phòng toàn dân",
        )
    return dict(
        kind=EntryKind.MODEL,
        title=f"{topic} — {unit.short_name or unit.name}" + (f" ({n + 1})" if n else ""),
        field=field,
        new_hard_task="Việc mới, việc khó của đơn vị năm " + str(counter),
        head_responsible=f"Bí thư {unit.name}",
        content_method="Nội dung và cách làm minh họa (dữ liệu giả định).",
        expected_outputs="Kết quả kiểm đếm được (dữ liệu giả định).",
    )


def _exemplar_fields(unit, n, counter):
    person = PEOPLE[counter % len(PEOPLE)]
    return dict(
        kind=EntryKind.EXEMPLAR,
        title=f"Điển hình {person} — {unit.short_name or unit.name}" + (f" ({n + 1})" if n else ""),
        field=FIELDS[(counter + 1) % 4],
        subject_kind=SubjectKind.INDIVIDUAL,
        subject_name=person,
        subject_position="Tổ trưởng tổ dân phố" if unit.kind == UnitKind.CELL else "Cán bộ, đảng viên",
        head_responsible=f"Bí thư {unit.name}",
    )


def _users(district, wards):
    """One login per role and per ward; returns ``[(username, role, unit)]`` for printing."""
    User = get_user_model()
    logins = []

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
    unit_services.add_membership(user=reviewer, unit=district, role=MembershipRole.REVIEWER)
    logins.append(("bandanvan", MembershipRole.REVIEWER.label, district.name))
    leader = user("lanhdao", "Nguyễn Anh Tuấn")
    unit_services.add_membership(user=leader, unit=district, role=MembershipRole.LEADER)
    logins.append(("lanhdao", MembershipRole.LEADER.label, district.name))
    for ward in wards:
        username = "canbo." + ward.code.replace("-", "")
        staff = user(username, f"Cán bộ {ward.short_name}")
        unit_services.add_membership(user=staff, unit=ward, role=MembershipRole.STAFF)
        logins.append((username, MembershipRole.STAFF.label, ward.name))
    return logins, reviewer


def _register_year(campaign, plan, reviewer, *, accept, day):
    """Register (and submit, and if ``accept`` accept) every planned entry through the services."""
    counter = 0
    per_kind = {_model_fields: 0, _exemplar_fields: 0}  # spreads each kind over the four fields
    for unit, n_models, n_exemplars in plan:
        for builder, count in ((_model_fields, n_models), (_exemplar_fields, n_exemplars)):
            for n in range(count):
                at = _at(campaign.year, 2, 1) + datetime.timedelta(hours=counter % 500)
                entry = campaign_services.register_entry(
                    campaign=campaign, unit=unit, by=reviewer, at=at, **builder(unit, n, per_kind[builder])
                )
                per_kind[builder] += 1
                campaign_services.submit_entry(entry=entry, by=reviewer, at=at)
                if accept:
                    campaign_services.accept_entry(
                        entry=entry, by=reviewer, at=at + datetime.timedelta(days=day)
                    )
                counter += 1


def _awards_2023(campaign, reviewer):
    giay_khen, _ = AwardType.objects.get_or_create(
        name="Giấy khen", defaults=dict(level=AwardLevel.ORGANISER, default_issuer="Quận ủy Tây Hồ")
    )
    AwardType.objects.get_or_create(
        name="Bằng khen",
        defaults=dict(level=AwardLevel.CITY, default_issuer="Ủy ban nhân dân thành phố Hà Nội"),
    )
    ceremony, _ = Ceremony.objects.get_or_create(
        campaign=campaign,
        date=datetime.date(2024, 1, 19),
        defaults=dict(
            place="Hội trường Quận ủy Tây Hồ",
            title="Hội nghị biểu dương mô hình, điển hình “Dân vận khéo” năm 2023",
        ),
    )
    decision, created = Decision.objects.get_or_create(
        issuer_name="Quận ủy Tây Hồ",
        number="125-QĐ/QU",
        defaults=dict(
            campaign=campaign,
            award_type=giay_khen,
            date=datetime.date(2024, 1, 15),
            signer_name="Nguyễn Anh Tuấn",
            signer_position="Phó Bí thư Thường trực Quận ủy",
            ceremony=ceremony,
        ),
    )
    if not created:
        return decision
    entries = campaign.entries.select_related("unit")
    # The Ban Chỉ huy quân sự quận model first, then each ward's first model and first exemplar,
    # then direct organisations' models and cells' exemplars, until the article's 21 and 16.
    models = sorted(
        entries.filter(kind=EntryKind.MODEL),
        key=lambda e: (
            e.unit.code != "quan-su-quan",
            e.unit.kind != UnitKind.WARD_COMMITTEE,
            e.unit.path,
            e.pk,
        ),
    )
    exemplars = sorted(
        entries.filter(kind=EntryKind.EXEMPLAR),
        key=lambda e: (e.unit.kind != UnitKind.WARD_COMMITTEE, e.unit.path, e.pk),
    )
    chosen_models, seen_units = [], set()
    for entry in models:
        if entry.unit_id not in seen_units:
            chosen_models.append(entry)
            seen_units.add(entry.unit_id)
        if len(chosen_models) == 21:
            break
    chosen_exemplars, seen_units = [], set()
    for entry in exemplars:
        if entry.unit_id not in seen_units:
            chosen_exemplars.append(entry)
            seen_units.add(entry.unit_id)
        if len(chosen_exemplars) == 16:
            break
    award_entries(decision=decision, entries=chosen_models + chosen_exemplars, by=reviewer)
    return decision


@transaction.atomic
def seed(today=None):
    """Build the demo; idempotent (a second run finds everything and adds nothing).

    Returns ``{"logins": [(username, role, unit)], "password": str, "campaigns": [Campaign]}``.
    """
    today = today or datetime.date.today()
    district, wards, direct = build_tree()
    logins, reviewer = _users(district, wards)

    c2023 = _campaign(
        district,
        2023,
        state=CampaignState.OPEN,
        opens=datetime.date(2023, 1, 20),
        closes=datetime.date(2023, 3, 31),
        launch=datetime.date(2023, 1, 20),
    )
    if not c2023.entries.exists():
        _register_year(c2023, registration_plan(c2023, wards, direct), reviewer, accept=True, day=20)
    decision = _awards_2023(c2023, reviewer)
    awarded = set(decision.awards.exclude(entry=None).values_list("entry_id", flat=True))
    city_award_and_individuals(c2023, decision, reviewer)
    evaluate_2023(c2023, reviewer, awarded)
    targets_2023(c2023)
    c2023 = campaign_services.change_campaign_state(campaign=c2023, to=CampaignState.CLOSED, by=reviewer)

    # The 2024 campaign stays open for the demo: its window reaches past today so staff can register.
    closes = max(datetime.date(2024, 3, 31), today + datetime.timedelta(days=365))
    c2024 = _campaign(
        district,
        2024,
        state=CampaignState.OPEN,
        opens=datetime.date(2024, 1, 19),
        closes=closes,
        launch=datetime.date(2024, 1, 19),
    )
    seed_2024(c2023, c2024, wards, reviewer)
    pledge_2024(c2024, reviewer)
    return {"logins": logins, "password": DEMO_PASSWORD, "campaigns": [c2023, c2024]}
