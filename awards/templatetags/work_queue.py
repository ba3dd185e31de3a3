"""The board's work queue on the admin home (issue [K] 4): what waits for it, each a link to the list
filtered to exactly those entries. On the awards floor because "to award" reads the awards.
"""

from django import template
from django.db.models import Count, Q
from django.urls import reverse

from campaigns import permissions
from campaigns.choices import CampaignState, EntryState, Evaluation
from campaigns.services import judging

# What waits beyond review, by the work filter's value: results to rule on in an evaluating campaign;
# entries ruled passed or outstanding, in a campaign not yet closed, that no decision holds yet.
WORK = {
    "danh-gia": Q(state=EntryState.ACCEPTED, evaluation="", campaign__state=CampaignState.EVALUATING)
    & ~Q(self_assessment=""),
    "khen-thuong": Q(
        state=EntryState.ACCEPTED,
        evaluation__in=[Evaluation.PASSED, Evaluation.OUTSTANDING],
        awards=None,
        campaign__state__in=CampaignState.running,
    ),
}

register = template.Library()

CHANGELIST = "admin:campaigns_entry_changelist"


def queue_of(user):
    """``[(label, count, url)]`` of the entries waiting for ``user`` (a reviewer): one query, and two a
    scoring role in a campaign being evaluated (``judging.waiting_for``)."""
    # Each count is exactly what its link lists (the same conditions as ``WORK`` and the state filter).
    entries = permissions.reviewable_entries(user)
    to_evaluate, to_award = WORK["danh-gia"], WORK["khen-thuong"]
    counts = entries.aggregate(
        submitted=Count("pk", filter=Q(state=EntryState.SUBMITTED), distinct=True),
        resubmitted=Count("pk", filter=Q(state=EntryState.RESUBMITTED), distinct=True),
        to_evaluate=Count("pk", filter=to_evaluate, distinct=True),
        to_award=Count("pk", filter=to_award, distinct=True),
    )
    url = reverse(CHANGELIST)
    to_score = judging.waiting_for(user)
    scoring = (
        [("Cần chấm điểm", to_score, reverse("admin:campaigns_entry_score_queue"))]
        if to_score is not None
        else []
    )
    return [
        *scoring,
        ("Chờ duyệt (mới gửi)", counts["submitted"], f"{url}?state__exact={EntryState.SUBMITTED}"),
        ("Đơn vị đã sửa, gửi lại", counts["resubmitted"], f"{url}?state__exact={EntryState.RESUBMITTED}"),
        ("Cần đánh giá kết quả", counts["to_evaluate"], f"{url}?cho=danh-gia"),
        ("Đạt, chưa đưa vào quyết định", counts["to_award"], f"{url}?cho=khen-thuong"),
    ]


@register.inclusion_tag("admin/work_queue.html", takes_context=True)
def work_queue(context):
    user = context["request"].user
    return {"queue": queue_of(user) if permissions.is_reviewer(user) else []}
