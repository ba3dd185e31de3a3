"""The unit's self-score in the browser and what it reads once the chair has finalised (issue [H]).

The entry page (``entries.detail_context``) shows the form while the unit may assess itself
(``permissions.can_self_assess``) and, once classed, the scores per criterion and the comments.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import permissions
from ..models.judging import points_text
from ..services import classing, judging


def score_context(entry, *, can_self_assess, posted=None):
    """``{"self_score": rows or None, "judged": Judgement or None, …}`` for the entry page: the form's
    rows (criterion, points and explanation as saved or as ``posted``, the evidence ticked) while the
    unit may assess itself, and the finalised judgement once the chair has classed a scored entry."""
    context = {
        "self_score": None,
        "judged": None,
        "judged_comments": [],
        "self_comment": "",
        "own_sheet": None,
    }
    if can_self_assess:
        rubric = judging.rubric_of(entry)
        own = judging.self_sheet(entry)
        context["own_sheet"] = own
        if own is not None and judging.board_has_scored(entry):
            # Fixed once a reviewer has submitted: the page shows it, no longer as a form.
            context["self_locked"] = [(s.criterion, s) for s in own.scores.select_related("criterion")]
            return context
        saved = {score.criterion_id: score for score in own.scores.all()} if own else {}
        rows = []
        for criterion in rubric.criteria.all():
            score = saved.get(criterion.pk)
            if posted is not None:
                points = posted.get(f"points_{criterion.pk}", "")
                reason = posted.get(f"reason_{criterion.pk}", "")
                ticked = set(posted.getlist(f"evidence_{criterion.pk}"))
            else:
                points = points_text(score.points) if score else ""
                reason = score.reason if score else ""
                ticked = {str(e.pk) for e in score.evidence.all()} if score else set()
            rows.append({"criterion": criterion, "points": points, "reason": reason, "ticked": ticked})
        context["self_score"] = rows
        context["self_comment"] = (
            posted.get("comment", "") if posted is not None else (own.comment if own else "")
        )
    elif entry.evaluation and entry.score is not None:
        judged = classing.judgement_of(entry)
        # The unit reads what the reviewers said, not who said it.
        context["judged"], context["judged_comments"] = (
            judged,
            [s.comment for s in judged.sheets if s.comment],
        )
    return context


@login_required
@require_POST
def entry_self_score(request, pk):
    """The unit's proposed score and explanation per criterion, with links to its evidence."""
    # Imported here: the entry page's context lives with the entry views, which import this module.
    from .entries import detail_context

    entry = permissions.get_entry_for_staff_or_404(request.user, pk)
    rubric = judging.rubric_of(entry)
    scores = {
        criterion.pk: judging.Points(
            request.POST.get(f"points_{criterion.pk}", ""),
            request.POST.get(f"reason_{criterion.pk}", ""),
            tuple(request.POST.getlist(f"evidence_{criterion.pk}")),
        )
        for criterion in rubric.criteria.all()
    }
    try:
        sheet = judging.record_self_score(
            entry=entry, by=request.user, scores=scores, comment=request.POST.get("comment", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        entry.refresh_from_db()
        return render(
            request, "campaigns/entry_detail.html", detail_context(request, entry, posted=request.POST)
        )
    messages.success(request, f"Đã lưu phần tự chấm: {points_text(sheet.total)} điểm.")
    return redirect("entry_detail", pk=entry.pk)
