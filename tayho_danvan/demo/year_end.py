"""The demo's year end (DESIGN.md, "Demo data"; the article): the 2023 evaluations, the 21 plan targets
(all met, 6 beyond plan), the city's Bằng khen for the Ban Chỉ huy quân sự quận model, individuals
commended with Giấy khen, and the 2024 pledge of five items signed by the 8 ward committees and most of
the grassroots party organisations. Names and texts the article does not give are invented.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from awards.models import AwardType, Decision, RecipientKind
from awards.services import award_entries, award_people
from campaigns.choices import CampaignState, Evaluation
from campaigns.models import Pledge, PledgeItem, Target
from campaigns.services import registration, review, stages
from campaigns.services.pledges import expected_signatories, sign_pledge
from units.models import Unit, UnitKind

from . import judging
from .tree import SECOND_REVIEWER

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")

TARGETS_2023 = [  # (name, measure, planned, achieved); 6 beyond plan, 15 exactly at plan (invented)
    ("Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ", "%", 90, 92),
    ("Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ", "%", 90, 90),
    ("Kết nạp đảng viên mới", "đảng viên", 120, 131),
    ("Thu ngân sách nhà nước trên địa bàn so với dự toán", "%", 100, 108),
    ("Hộ gia đình đạt danh hiệu “Gia đình văn hóa”", "%", 90, 90),
    ("Tổ dân phố đạt danh hiệu “Tổ dân phố văn hóa”", "%", 85, 85),
    ("Tỷ lệ hộ nghèo", "%", 0, 0),
    ("Giải quyết việc làm mới", "lao động", 3000, 3150),
    ("Tỷ lệ người dân tham gia bảo hiểm y tế", "%", 94, 94),
    ("Trường học đạt chuẩn quốc gia", "trường", 30, 30),
    ("Tỷ lệ thu gom, xử lý rác thải sinh hoạt", "%", 100, 100),
    ("Tỷ lệ giải quyết đơn thư đúng hạn", "%", 100, 100),
    ("Hoàn thành chỉ tiêu giao quân", "%", 100, 100),
    ("Giảm tai nạn giao thông so với năm trước", "%", 5, 5),
    ("Tỷ lệ phường đạt tiêu chuẩn an toàn về an ninh trật tự", "%", 100, 100),
    ("Mô hình “Dân vận khéo” được công nhận", "mô hình", 200, 224),
    ("Điển hình “Dân vận khéo” được công nhận", "điển hình", 160, 184),
    ("Tỷ lệ thủ tục hành chính giải quyết đúng hạn", "%", 98, 98),
    ("Tỷ lệ hộ sử dụng nước sạch", "%", 100, 100),
    ("Số cơ sở đạt chuẩn văn minh đô thị", "cơ sở", 50, 50),
    ("Tỷ lệ chi bộ tổ chức sinh hoạt chuyên đề định kỳ", "%", 100, 100),
]

PLEDGE_2024 = [
    "Đổi mới nội dung, phương thức công tác dân vận; mỗi đơn vị xây dựng ít nhất một mô hình “Dân vận khéo”.",
    "Gắn phong trào với việc thực hiện nhiệm vụ chính trị, những việc mới, việc khó của đơn vị.",
    "Phát huy vai trò, trách nhiệm người đứng đầu; cán bộ, đảng viên gương mẫu, sâu sát cơ sở, gần dân.",
    "Phát hiện, bồi dưỡng, biểu dương, nhân rộng mô hình, điển hình tiêu biểu.",
    "Định kỳ sơ kết, tổng kết; báo cáo kết quả thực hiện giao ước về Ban Dân vận Quận ủy.",
]

INDIVIDUALS_2023 = [  # (name, position, unit code): invented people with outstanding results
    ("Nguyễn Thị Thu Hà", "Bí thư chi bộ tổ dân phố", "buoi-cb-01"),
    ("Trần Văn Khánh", "Tổ trưởng tổ dân phố", "nhat-tan-cb-03"),
    ("Lê Minh Tuấn", "Chỉ huy trưởng Ban Chỉ huy quân sự phường", "quang-an"),
    ("Phạm Thị Lan", "Chủ tịch Hội Liên hiệp Phụ nữ phường", "xuan-la"),
    ("Đỗ Văn Hùng", "Trưởng Công an phường", "tu-lien"),
]


def _at(year, month, day):
    return datetime.datetime(year, month, day, 9, tzinfo=HANOI)


def evaluate_2023(c2023, reviewer, awarded_ids):
    """Self-assessments and rulings: awarded entries "Tiêu biểu", a few "Không đạt", the rest "Đạt";
    Nhật Tân's entries scored by criteria and finalised by the chair (``judging.score_ward``)."""
    if c2023.entries.exclude(evaluation="").exists():
        return
    c2023 = stages.change_campaign_state(campaign=c2023, to=CampaignState.EVALUATING, by=reviewer)
    accepted = list(c2023.entries.filter(state="accepted").select_related("campaign", "unit"))
    results = {}
    for n, entry in enumerate(accepted):
        if entry.pk in awarded_ids:
            results[entry.pk] = Evaluation.OUTSTANDING
        elif n % 97 == 5:
            results[entry.pk] = Evaluation.NOT_PASSED
        else:
            results[entry.pk] = Evaluation.PASSED
    ward = Unit.objects.get(code=judging.SCORED_WARD)
    scored = [e for e in accepted if e.unit.path.startswith(ward.path)]
    judging.score_ward(
        c2023,
        scored,
        chair=reviewer,
        second=get_user_model().objects.get(username=SECOND_REVIEWER),
        staff=get_user_model().objects.get(username="canbo.nhattan"),
        results=results,
        at_self=_at(2023, 12, 1),
    )
    done = {e.pk for e in scored}
    for entry in accepted:
        if entry.pk in done:
            continue
        entry = registration.record_self_assessment(
            entry=entry,
            text="Hoàn thành các mục tiêu đăng ký (dữ liệu giả định).",
            by=reviewer,
            at=_at(2023, 12, 1),
        )
        review.evaluate_entry(entry=entry, by=reviewer, result=results[entry.pk], at=_at(2023, 12, 20))


def targets_2023(c2023):
    for order, (name, measure, planned, achieved) in enumerate(TARGETS_2023, start=1):
        Target.objects.get_or_create(
            campaign=c2023,
            order=order,
            defaults=dict(
                name=name,
                measure=measure,
                planned=Decimal(planned),
                achieved=Decimal(achieved),
                higher_is_better=name != "Tỷ lệ hộ nghèo",
            ),
        )


def city_award_and_individuals(c2023, decision, reviewer):
    """The city's Bằng khen for the Ban Chỉ huy quân sự quận model, and individuals on the district's list."""
    bang_khen = AwardType.objects.get(name="Bằng khen")
    city, created = Decision.objects.get_or_create(
        issuer_name="Ủy ban nhân dân thành phố Hà Nội",
        number="215/QĐ-UBND",
        defaults=dict(
            campaign=c2023,
            award_type=bang_khen,
            date=datetime.date(2024, 1, 12),
            signer_name="Chủ tịch UBND thành phố (giả định)",
            signer_position="Chủ tịch Ủy ban nhân dân thành phố",
            ceremony=decision.ceremony,
        ),
    )
    if created:
        military_model = c2023.entries.filter(unit__code="quan-su-quan", kind="model").order_by("pk").first()
        award_entries(decision=city, entries=[military_model], by=reviewer)
    if not decision.awards.filter(recipient_kind=RecipientKind.INDIVIDUAL).exists():
        units = {u.code: u for u in Unit.objects.filter(code__in=[code for *_, code in INDIVIDUALS_2023])}
        award_people(
            decision=decision,
            recipients=[
                {
                    "kind": RecipientKind.INDIVIDUAL,
                    "name": name,
                    "position": position,
                    "unit": units[code],
                    "achievement": "Có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo” năm 2023",
                }
                for name, position, code in INDIVIDUALS_2023
            ],
            by=reviewer,
        )


def pledge_2024(c2024, reviewer):
    """The 2024 pledge: five items, signed at the launch of 19/01/2024 by the 8 wards and most direct
    organisations (five are left unsigned so the list of units yet to sign shows something).
    """
    pledge, created = Pledge.objects.get_or_create(
        campaign=c2024,
        defaults=dict(
            title="Giao ước thi đua “Dân vận khéo”",
            preamble="Thực hiện phong trào thi đua “Dân vận khéo” năm 2024, các tổ chức cơ sở đảng giao ước:",
        ),
    )
    if not created:
        return pledge
    for number, text in enumerate(PLEDGE_2024, start=1):
        PledgeItem.objects.create(pledge=pledge, number=number, text=text)
    signatories = list(expected_signatories(pledge))
    direct = [u for u in signatories if u.kind == UnitKind.DIRECT_ORGANISATION]
    skipped = {u.pk for u in direct[-5:]}
    for unit in signatories:
        if unit.pk in skipped:
            continue
        ward = unit.kind == UnitKind.WARD_COMMITTEE
        sign_pledge(
            pledge=pledge,
            unit=unit,
            signer_name=f"Bí thư {unit.short_name or unit.name} (giả định)",
            signer_position="Bí thư Đảng ủy phường" if ward else "Bí thư",
            signed_on=datetime.date(2024, 1, 19),
            by=reviewer,
        )
    return pledge
