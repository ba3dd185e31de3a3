"""Small scoped searches behind the browser's search boxes: they keep choices that grow with the data
out of the pages (issue [E])."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

from tayho_danvan.lib.records import is_valid_key
from units.collation import fold

from .. import permissions
from ..forms import model_label, replicable_models

SHOWN = 20  # results per search; the box asks again as the user types more


@login_required
def replicable_search(request, campaign_pk):
    """``{"results": [{"id", "text"}], "more": bool}``: accepted models of the campaign's organiser
    (any year) whose title, exemplar or unit matches every word of ``?q=`` (case and accent blind),
    newest year first, at most ``SHOWN``; ``?bo=<pk>`` leaves out the entry being edited.

    404 for a campaign the user may not read; no words (or under two letters) gives no result.
    """
    campaign = permissions.get_campaign_for_viewer_or_404(request.user, campaign_pk)
    words = fold(request.GET.get("q", "")).split()
    if len("".join(words)) < 2:
        return JsonResponse({"results": [], "more": False})
    models = replicable_models(campaign)
    leave_out = request.GET.get("bo", "")
    if is_valid_key(leave_out):
        models = models.exclude(pk=int(leave_out))
    for word in words:  # the entry's folded text holds its unit's name too
        models = models.filter(search_text__contains=word)
    found = list(models[: SHOWN + 1])
    return JsonResponse(
        {"results": [{"id": e.pk, "text": model_label(e)} for e in found[:SHOWN]], "more": len(found) > SHOWN}
    )
