"""The demo's judging by criteria (issue [H]): in 2023 the board scored the entries of phường Nhật Tân
on the campaign's rubric (the default one) — the ward's own score, two reviewers, the chair's
finalisation — while the other wards' entries keep the free-text self-assessment and the one-word ruling
of before, as a real year changing over would. Points are invented; the classes are those the article's
figures need (``year_end.evaluate_2023``).
"""

from decimal import Decimal

from campaigns.choices import Evaluation
from campaigns.models import Reviewer
from campaigns.services import classing, judging

SCORED_WARD = "nhat-tan"


def _spread(rubric, total):
    """Points per criterion adding up to ``total`` (an int), each in proportion to its maximum."""
    criteria = list(rubric.criteria.all())
    points = [int(c.max_points * total / 100) for c in criteria]
    order = sorted(range(len(criteria)), key=lambda i: -criteria[i].max_points)
    i = 0
    while sum(points) < total:
        k = order[i % len(order)]
        if points[k] < criteria[k].max_points:
            points[k] += 1
        i += 1
    return {c.pk: Decimal(p) for c, p in zip(criteria, points, strict=True)}


def _target(result, n):
    if result == Evaluation.OUTSTANDING:
        return 92 + n % 5
    if result == Evaluation.NOT_PASSED:
        return 60 + n % 8
    return 75 + n % 12


def score_ward(c2023, entries, *, chair, second, staff, results, at_self=None):
    """Score ``entries`` (Nhật Tân's accepted ones, ``{entry: result}`` in ``results``) on the rubric and
    finalise each to its result. ``chair`` and ``second`` are board users; ``staff`` scores for the ward
    (its event dated ``at_self``).
    Returns the entries done."""
    judging.set_up_rubrics(campaign=c2023)
    chair_row, _ = Reviewer.objects.get_or_create(campaign=c2023, user=chair, defaults={"is_chair": True})
    second_row, _ = Reviewer.objects.get_or_create(campaign=c2023, user=second)
    for n, entry in enumerate(entries):
        rubric = judging.rubric_of(entry)
        total = _target(results[entry.pk], n)
        own = _spread(rubric, min(total + 2, 98))
        judging.record_self_score(
            entry=entry,
            by=staff,
            at=at_self,
            scores={
                pk: judging.Points(p, "Đã thực hiện, có số liệu kèm theo (dữ liệu giả định).")
                for pk, p in own.items()
            },
        )
        for row, shift in ((chair_row, 1), (second_row, -1)):
            judging.score_entry(
                entry=entry,
                reviewer=row,
                by=row.user,
                scores={pk: judging.Points(p) for pk, p in _spread(rubric, total + shift).items()},
                comment="Mô hình thiết thực, cần duy trì và nhân rộng." if shift > 0 else "",
            )
        classing.finalise_entry(entry=entry, by=chair, comment="Đã chấm theo tiêu chí (dữ liệu giả định).")
    return entries
