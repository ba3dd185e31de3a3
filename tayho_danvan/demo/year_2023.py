"""The demo's 2023: every unit registers within its quota, the board accepts, the district's decision
125-QĐ/QU awards the article's 21 models and 16 exemplars (DESIGN.md, "Demo data").

Registration counts follow from the unit tree and the quotas: every unit registers within its
quota (wards 2–3 models and 3 exemplars, direct organisations 1–2 and 1, cells 1 and 1), which with
8 wards, 50 direct organisations and 110 cells adds up to the article's 224 models and 184 exemplars.
"""

import datetime
from zoneinfo import ZoneInfo

from awards.models import AwardLevel, AwardType, Ceremony, Decision
from awards.services import award_entries
from campaigns.choices import EntryKind, Field, SubjectKind
from campaigns.services import registration, review
from units.models import Unit, UnitKind

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
# Wards registering the maximum of 3 models; the others register the minimum of 2.
WARDS_AT_MODEL_MAX = 5


# Direct organisations registering the maximum of 2 models; the others register 1.
DIRECT_AT_MODEL_MAX = 43


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


def register_year(campaign, plan, reviewer, *, accept, day):
    """Register (and submit, and if ``accept`` accept) every planned entry through the services."""
    counter = 0
    per_kind = {_model_fields: 0, _exemplar_fields: 0}  # spreads each kind over the four fields
    for unit, n_models, n_exemplars in plan:
        for builder, count in ((_model_fields, n_models), (_exemplar_fields, n_exemplars)):
            for n in range(count):
                at = _at(campaign.year, 2, 1) + datetime.timedelta(hours=counter % 500)
                entry = registration.register_entry(
                    campaign=campaign, unit=unit, by=reviewer, at=at, **builder(unit, n, per_kind[builder])
                )
                per_kind[builder] += 1
                registration.submit_entry(entry=entry, by=reviewer, at=at)
                if accept:
                    review.accept_entry(entry=entry, by=reviewer, at=at + datetime.timedelta(days=day))
                counter += 1


def awards_2023(campaign, reviewer):
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
