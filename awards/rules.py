"""Which entries may be awarded under which decision: one rule for the services and the admin."""

from campaigns.choices import CampaignState, EntryState, Evaluation


def award_problem(*, decision, entry=None, unit=None, adding=True):
    """Why this award may not be made, as a Vietnamese sentence, or ``None`` when it may.

    ``entry``: the model or exemplar being awarded (``None`` for individuals and collectives added by
    hand); ``unit``: the unit the award names. Rules: the entry belongs to the decision's campaign, is
    accepted and not evaluated "not passed"; the unit is the entry's unit, or lies in the campaign's
    subtree; the campaign is not closed, since closing it made its results and awards final (DESIGN.md,
    "awards"; issue [D], "Bad input"; ``stages.change_campaign_state``). ``adding=False``: an existing
    award corrected in place (only an administrator may, on a closed campaign: issue [F] 3).
    """
    if adding and decision.campaign.state == CampaignState.CLOSED:
        return (
            f"“{decision.campaign}” đã kết thúc: kết quả và khen thưởng đã chốt, không thêm khen thưởng vào "
            f"quyết định {decision.number} được nữa."
        )
    if entry is not None:
        if entry.campaign_id != decision.campaign_id:
            return f"“{entry}” thuộc phong trào khác với quyết định {decision.number}."
        if entry.state not in EntryState.awardable:
            return f"“{entry}” chưa được duyệt (đang “{entry.get_state_display()}”)."
        if entry.evaluation == Evaluation.NOT_PASSED:
            return f"“{entry}” được đánh giá không đạt, không thể khen thưởng."
        if unit is not None and unit.pk != entry.unit_id:
            return f"Đơn vị được khen phải là đơn vị đăng ký “{entry}” ({entry.unit})."
    elif unit is not None and not unit.path.startswith(decision.campaign.organiser.path):
        return f"“{unit}” không thuộc phạm vi của phong trào trong quyết định {decision.number}."
    return None
