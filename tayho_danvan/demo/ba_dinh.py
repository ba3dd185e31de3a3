"""A second organiser beside Tây Hồ (issue [F] 12): Quận ủy Ba Đình, two wards with two cells each, its
own board, leader and ward staff, a 2024 campaign with entries in several states and a decision, so
that two organisers side by side can be seen and tried, each blind to the other. Everything here is
invented (the pages say the demo's names are).
"""

import datetime

from django.contrib.auth import get_user_model

from awards.models import AwardType, Decision
from awards.services import award_people
from campaigns.choices import CampaignState, EntryKind, Field, SubjectKind
from campaigns.services import registration, review
from units import services as unit_services
from units.models import MembershipRole, Unit, UnitKind

from .tree import DEMO_PASSWORD

WARDS = [("kim-ma", "Kim Mã"), ("ngoc-ha", "Ngọc Hà")]
LOGINS = [  # username, full name, unit code, role
    ("bandanvan.badinh", "Phạm Thu Trang", "quan-uy-ba-dinh", MembershipRole.REVIEWER),
    ("lanhdao.badinh", "Vũ Đức Minh", "quan-uy-ba-dinh", MembershipRole.LEADER),
    ("canbo.kimma", "Cán bộ Kim Mã", "kim-ma", MembershipRole.STAFF),
    ("canbo.ngocha", "Cán bộ Ngọc Hà", "ngoc-ha", MembershipRole.STAFF),
]


def _unit(code, name, kind, parent, position, short_name=""):
    return Unit.objects.filter(code=code).first() or unit_services.create_unit(
        name=name, code=code, kind=kind, parent=parent, position=position, short_name=short_name,
        valid_from=datetime.date(2008, 8, 1),
    )  # fmt: skip


def _users():
    User = get_user_model()
    logins, people = [], {}
    for username, full_name, code, role in LOGINS:
        account, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
        if created:
            account.set_password(DEMO_PASSWORD)
            account.save(update_fields=["password"])
        unit = Unit.objects.get(code=code)
        if unit.is_active:
            unit_services.add_membership(user=account, unit=unit, role=role)
        people[username] = account
        logins.append((username, f"{role.label} (Ba Đình)", unit.name))
    return logins, people


def _model(title, field):
    return dict(
        kind=EntryKind.MODEL, title=title, field=field,
        new_hard_task="Việc mới, việc khó năm 2024 (dữ liệu giả định).",
        content_method="Nội dung và cách làm minh họa (dữ liệu giả định).",
        expected_outputs="Kết quả kiểm đếm được (dữ liệu giả định).",
    )  # fmt: skip


def seed_ba_dinh(campaign_window, make_campaign):
    """Build Ba Đình once (a second run finds it and adds nothing); returns its logins, as ``seed`` does.

    ``campaign_window``: ``(opens, closes)`` of its 2024 campaign (dates); ``make_campaign``: the demo's
    ``build._campaign``, so both organisers run the article's quotas.
    """
    hanoi = Unit.objects.get(code="ha-noi")
    district = _unit("quan-uy-ba-dinh", "Quận ủy Ba Đình", UnitKind.ORGANISER, hanoi, 2, "Ba Đình")
    wards = []
    for index, (code, name) in enumerate(WARDS, start=1):
        ward = _unit(code, f"Đảng ủy phường {name}", UnitKind.WARD_COMMITTEE, district, index, name)
        for n in (1, 2):
            _unit(f"{code}-cb-{n:02d}", f"Chi bộ tổ dân phố số {n} phường {name}", UnitKind.CELL, ward, n)
        wards.append(ward)
    logins, people = _users()
    opens, closes = campaign_window
    campaign = make_campaign(
        district, 2024, state=CampaignState.OPEN, opens=opens, closes=closes, launch=opens
    )
    if campaign.entries.exists():
        return logins
    board, kim_ma, ngoc_ha = people["bandanvan.badinh"], people["canbo.kimma"], people["canbo.ngocha"]

    def register(unit, by, fields, send=True):
        entry = registration.register_entry(campaign=campaign, unit=unit, by=by, **fields)
        return registration.submit_entry(entry=entry, by=by) if send else entry

    accepted = register(wards[0], kim_ma, _model("Phố đi bộ văn minh Kim Mã", Field.CULTURE_SOCIETY))
    review.accept_entry(entry=accepted, by=board)
    returned = register(wards[0], kim_ma, _model("Chợ truyền thống không rác thải", Field.ECONOMY))
    review.return_entry(entry=returned, by=board, reason="Bổ sung kinh phí dự kiến và người phụ trách.")
    register(wards[0], kim_ma, _model("Tổ hòa giải giỏi Kim Mã", Field.DEFENCE_SECURITY), send=False)
    exemplar = dict(
        kind=EntryKind.EXEMPLAR, title="Điển hình Đỗ Thị Mai", field=Field.CULTURE_SOCIETY,
        subject_kind=SubjectKind.INDIVIDUAL, subject_name="Đỗ Thị Mai",
        subject_position="Tổ trưởng tổ dân phố",
    )  # fmt: skip
    review.accept_entry(entry=register(wards[1], ngoc_ha, exemplar), by=board)
    register(wards[1], ngoc_ha, _model("Khu dân cư an toàn Ngọc Hà", Field.DEFENCE_SECURITY))

    giay_khen = AwardType.objects.get(name="Giấy khen")
    decision, _ = Decision.objects.get_or_create(
        issuer_name="Quận ủy Ba Đình", number="45-QĐ/QU",
        defaults=dict(
            campaign=campaign, award_type=giay_khen, date=datetime.date(2024, 5, 19),
            signer_name="Vũ Đức Minh", signer_position="Phó Bí thư Thường trực Quận ủy",
        ),
    )  # fmt: skip
    award_people(
        decision=decision,
        recipients=[{"kind": "individual", "name": "Đỗ Thị Mai", "position": "Tổ trưởng tổ dân phố",
                     "unit": wards[1], "achievement": "Gương mẫu trong vận động nhân dân giữ gìn trật tự"}],
        by=board,
    )  # fmt: skip
    return logins
