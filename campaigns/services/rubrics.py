"""The rubric of a campaign (issue [H] 1): made from the organiser's previous campaign, or the first
time from ``DEFAULT_CRITERIA``. No official point scale for "Dân vận khéo" exists (DESIGN.md, legal
basis): the rubric is the organiser's; the default's shape (100 base points, ±3, classes by thresholds,
"no criterion at 0" for the top class) follows Cần Thơ's QĐ 2579/QĐ-UBND (2025) for mass-mobilisation
work.
"""

from decimal import Decimal

from django.db import transaction

from ..choices import EntryKind
from ..models import Criterion, Rubric

# (name, what earns the points, maximum) per entry kind; issue [H] gives the models' five.
DEFAULT_CRITERIA = {
    EntryKind.MODEL: [
        (
            "Gắn với việc mới, việc khó và nhiệm vụ chính trị của đơn vị",
            "Mô hình giải quyết việc mới, việc khó, vấn đề bức xúc ở cơ sở, gắn với nhiệm vụ chính trị.",
            20,
        ),
        (
            "Nội dung, cách làm sáng tạo, phù hợp",
            "Cách làm mới, phù hợp đặc điểm địa bàn, đối tượng; dễ hiểu, dễ làm.",
            20,
        ),
        (
            "Kết quả, hiệu quả cụ thể, kiểm chứng được",
            "Kết quả đo đếm được so với mục tiêu đăng ký, có minh chứng.",
            30,
        ),
        (
            "Sự tham gia, đồng thuận của nhân dân và vai trò người đứng đầu",
            "Nhân dân tham gia, đồng tình; người đứng đầu trực tiếp chỉ đạo, gương mẫu.",
            20,
        ),
        ("Khả năng duy trì, nhân rộng", "Duy trì qua các năm; được nơi khác học tập, nhân rộng.", 10),
    ],
    EntryKind.EXEMPLAR: [
        (
            "Phẩm chất, tinh thần trách nhiệm, gương mẫu",
            "Gương mẫu chấp hành chủ trương, pháp luật; tận tụy, trách nhiệm với công việc chung.",
            20,
        ),
        (
            "Cách làm dân vận sáng tạo, gần dân, sát dân",
            "Trọng dân, gần dân, hiểu dân, học dân, có trách nhiệm với dân; cách vận động sáng tạo.",
            25,
        ),
        (
            "Thành tích, kết quả cụ thể, kiểm chứng được",
            "Việc làm và kết quả cụ thể, có số liệu, được xác nhận.",
            35,
        ),
        (
            "Sức lan tỏa, được nhân dân tín nhiệm, ghi nhận",
            "Được nhân dân, tổ chức tín nhiệm; tấm gương được học tập, lan tỏa.",
            20,
        ),
    ],
}


@transaction.atomic
def set_up_rubrics(*, campaign):
    """The rubrics of ``campaign``, one per entry kind, made when missing: a copy of the organiser's
    latest earlier campaign's rubric of that kind, else the default (``DEFAULT_CRITERIA``, bonus and
    penalty 3, Tiêu biểu from 90 with no criterion at 0, Đạt from 70).

    Side effects: ``Rubric`` and ``Criterion`` rows for the missing kinds only (existing ones are never
    changed: a no-op on a second call). Returns ``{EntryKind: Rubric}``.
    """
    rubrics = {rubric.kind: rubric for rubric in campaign.rubrics.all()}
    for kind in EntryKind:
        if kind in rubrics:
            continue
        source = (
            Rubric.objects.filter(
                campaign__organiser_id=campaign.organiser_id, campaign__year__lt=campaign.year, kind=kind
            )
            .order_by("-campaign__year")
            .prefetch_related("criteria")
            .first()
        )
        if source is not None:
            criteria = [(c.name, c.guidance, c.max_points) for c in source.criteria.all()]
            copied = {
                name: getattr(source, name)
                for name in (
                    "bonus_max",
                    "penalty_max",
                    "outstanding_from",
                    "outstanding_needs_every_criterion",
                    "passed_from",
                    "deviation_share",
                )
            }
            rubric = Rubric.objects.create(campaign=campaign, kind=kind, **copied)
        else:
            criteria = DEFAULT_CRITERIA[kind]
            rubric = Rubric.objects.create(campaign=campaign, kind=kind)
        Criterion.objects.bulk_create(
            Criterion(rubric=rubric, order=n, name=name, guidance=guidance, max_points=Decimal(maximum))
            for n, (name, guidance, maximum) in enumerate(criteria, start=1)
        )
        rubrics[kind] = rubric
    return rubrics


def rubric_of(entry):
    """The rubric that scores ``entry`` (criteria prefetched), made from the default when the campaign
    has none yet (``set_up_rubrics``)."""
    rubric = Rubric.objects.filter(campaign_id=entry.campaign_id, kind=entry.kind).first()
    if rubric is None:
        rubric = set_up_rubrics(campaign=entry.campaign)[entry.kind]
    return Rubric.objects.prefetch_related("criteria").get(pk=rubric.pk)
