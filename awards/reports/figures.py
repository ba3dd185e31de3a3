"""The figures of a campaign's ceremony report (DESIGN.md, "Interfaces": ``campaign_report``).

Every count comes from the entries, units, awards, targets and signatures in the database, never from
stored totals. The units of a past year are those open during that year (``Unit.objects.active_during``),
so a later reorganisation leaves the figures of 2023 exactly as they were.
"""

from django.db.models import Avg, Count, Q

from campaigns.choices import EntryKind, EntryState, Evaluation, Field, SheetKind, SheetState, TargetStatus
from campaigns.models import Campaign, Entry, PledgeSignature, Scoresheet
from campaigns.services import quotas
from units.models import Unit, UnitKind

from ..models import Attendance, Award, Candidate, Meeting, RecipientKind


def _by_kind(queryset):
    rows = dict(queryset.values_list("kind").annotate(n=Count("pk", distinct=True)).order_by())
    return {"models": rows.get(EntryKind.MODEL, 0), "exemplars": rows.get(EntryKind.EXEMPLAR, 0)}


def _pairs(rows):
    """``{(key, kind): n}`` → ``{key: {"models": n, "exemplars": n}}``."""
    result = {}
    for (key, kind), n in rows.items():
        counts = result.setdefault(key, {"models": 0, "exemplars": 0})
        counts["models" if kind == EntryKind.MODEL else "exemplars"] += n
    return result


def campaign_units(campaign):
    """The units that took part in ``campaign`` (a queryset): the organiser's subtree as it was during
    the year."""
    return Unit.objects.subtree_of(campaign.organiser, include_self=False).active_during(campaign.year)


def _by_ward(campaign, units, by_top):
    """Registered entries under each unit directly below the organiser (wards, direct organisations),
    from ``quota_summary``'s sums per path prefix (one query for the units)."""
    tops = units.filter(depth=campaign.organiser.depth + 1).order_by("path")
    none = {"models": 0, "exemplars": 0}
    return [
        {"code": top.code, "name": top.name, "kind": top.kind, **by_top.get(top.path, none)} for top in tops
    ]


def _awarded(campaign):
    awards = Award.objects.filter(decision__campaign=campaign)
    by_recipient = dict(awards.values_list("recipient_kind").annotate(n=Count("pk")).order_by())
    by_type = (
        awards.values_list("decision__award_type__name")
        .annotate(n=Count("pk"))
        .order_by("decision__award_type__name")
    )
    entries = Entry.objects.filter(Q(awards__decision__campaign=campaign))
    return {
        **_by_kind(entries),
        "individuals": by_recipient.get(RecipientKind.INDIVIDUAL, 0),
        "collectives": by_recipient.get(RecipientKind.COLLECTIVE, 0),
        "by_award_type": dict(by_type),
    }


def _judging(campaign):
    """``{"scored", "average": {"models", "exemplars", "by_field"}, "classified"}`` (issue [H]):
    entries with a submitted reviewer sheet; the mean of their averages (``float`` to a tenth, ``None``
    without any), by kind and by field; the chair's classes of the scored entries. One query, over the
    sheets."""
    # Read from the sheets (a few per scored entry), never by scanning the campaign's entries: a scored
    # entry with a ruling is one the chair classed (``review.evaluate_entry`` refuses any other ruling).
    per_entry = (
        Scoresheet.objects.filter(
            entry__campaign=campaign, kind=SheetKind.REVIEWER, state=SheetState.SUBMITTED
        )
        .values_list("entry_id", "entry__kind", "entry__field", "entry__evaluation")
        .annotate(average=Avg("total"))
        .order_by()
    )
    by_kind, by_field, classes = {}, {}, {}
    for _, kind, field, evaluation, average in per_entry:
        by_kind.setdefault(kind, []).append(average)
        by_field.setdefault(field, []).append(average)
        classes[evaluation] = classes.get(evaluation, 0) + 1

    def mean(values):
        return round(float(sum(values) / len(values)), 1) if values else None

    return {
        "scored": sum(len(values) for values in by_kind.values()),
        "average": {
            "models": mean(by_kind.get(EntryKind.MODEL, [])),
            "exemplars": mean(by_kind.get(EntryKind.EXEMPLAR, [])),
            "by_field": {field.value: mean(by_field.get(field.value, [])) for field in Field},
        },
        "classified": {result.value: classes.get(result.value, 0) for result in Evaluation},
    }


def _council(campaign):
    """``{"meetings", "members", "present", "candidates", "passed"}`` (issue [H]): the campaign's council
    meetings, the council's members and those present at its last meeting, the candidates put to the
    meetings and those the votes passed. Two queries."""
    meetings = list(
        Meeting.objects.filter(campaign=campaign)
        .annotate(
            present=Count("attendance", filter=Q(attendance__status=Attendance.PRESENT), distinct=True),
            candidate_count=Count("candidates", distinct=True),
        )
        .order_by("date", "pk")
    )
    passed = (
        Candidate.objects.filter(meeting__campaign=campaign, passed=True).values("entry").distinct().count()
    )
    last = meetings[-1] if meetings else None
    return {
        "meetings": len(meetings),
        "members": last.members_total if last else 0,
        "present": last.present if last else 0,
        "candidates": sum(m.candidate_count for m in meetings),
        "passed": passed,
    }


def _targets(campaign):
    statuses = [target.status for target in campaign.targets.all()]
    exceeded = statuses.count(TargetStatus.EXCEEDED)
    return {
        "total": len(statuses),
        "met": statuses.count(TargetStatus.MET) + exceeded,  # DESIGN.md: met counts exceeded ones too
        "exceeded": exceeded,
        "missed": statuses.count(TargetStatus.MISSED),
        "pending": statuses.count(TargetStatus.PENDING),
    }


def _next_pledge(campaign):
    """The pledge of the organiser's next campaign, signed at this year's conference (the article: the
    2024 pledge signed on 19/01/2024), or ``None``: ``{"year", "items", "signatories", "by_unit_kind"}``.
    """
    signatures = PledgeSignature.objects.filter(
        pledge__campaign__organiser=campaign.organiser, pledge__campaign__year=campaign.year + 1
    )
    kinds = dict(signatures.values_list("unit__kind").annotate(n=Count("pk")).order_by())
    following = Campaign.objects.filter(organiser=campaign.organiser, year=campaign.year + 1).first()
    if following is None or not hasattr(following, "pledge"):
        return None
    return {
        "year": following.year,
        "items": following.pledge.items.count(),
        "signatories": sum(kinds.values()),
        "by_unit_kind": kinds,
    }


def campaign_figures(campaign, *, with_previous=True):
    """The report of ``campaign`` as a JSON-ready dict (keys of DESIGN.md, and a few more).

    - ``registered``: entries counted as registered (submitted, resubmitted, accepted), by kind;
    - ``by_field``, ``by_unit_kind``: the same per field and per kind of unit; ``by_ward``: per unit
      directly under the organiser, its subtree included;
    - ``quota``: units within, under and over their quota; cells that registered (the article's 100%);
    - ``evaluation``: the board's rulings, and entries accepted but not yet evaluated;
    - ``judging``: entries scored by criteria, their average by kind and field, the chair's classes;
    - ``council``: the council's meetings, members, those present, candidates and those passed;
    - ``awarded``: distinct entries holding at least one award of the campaign's decisions (an entry
      awarded at two levels counts once), awards to individuals and collectives, awards per type;
    - ``targets``: total, met (exceeded included), exceeded, missed, pending;
    - ``pledge_signatories``: units that signed the campaign's pledge;
    - ``previous``: the same figures for the organiser's previous campaign, or ``None``.
    """
    units = campaign_units(campaign)
    registered = Entry.objects.filter(campaign=campaign, state__in=EntryState.counted_as_registered)
    # Counted from the (campaign, state, evaluation, kind, field, id) index alone: no row is read.
    tally = registered.values_list("field", "kind", "evaluation", "state").annotate(n=Count("pk")).order_by()
    per_field, rulings = {}, {}
    for field_value, kind, evaluation, state, n in tally:
        per_field[(field_value, kind)] = per_field.get((field_value, kind), 0) + n
        if state == EntryState.ACCEPTED:
            rulings[evaluation] = rulings.get(evaluation, 0) + n
    totals = {"models": 0, "exemplars": 0}
    for (_, kind), n in per_field.items():
        totals["models" if kind == EntryKind.MODEL else "exemplars"] += n
    per_field = _pairs(per_field)
    quota = quotas.quota_summary(campaign, units, top_length=(campaign.organiser.depth + 1) * Unit.steplen)
    by_top, per_kind = quota.pop("by_top"), quota.pop("by_unit_kind")
    figures = {
        "year": campaign.year,
        "organiser": {"code": campaign.organiser.code, "name": campaign.organiser.name},
        "campaign": campaign.title,
        "registered": totals,
        "by_field": {
            field.value: {"label": field.label, **per_field.get(field.value, {"models": 0, "exemplars": 0})}
            for field in Field
        },
        "by_unit_kind": {
            kind.value: {"label": kind.label, **per_kind.get(kind.value, {"models": 0, "exemplars": 0})}
            for kind in UnitKind
            if kind != UnitKind.ORGANISER
        },
        "by_ward": _by_ward(campaign, units, by_top),
        "quota": quota,
        "evaluation": {
            **{result.value: rulings.get(result.value, 0) for result in Evaluation},
            "not_evaluated": rulings.get("", 0),
        },
        "judging": _judging(campaign),
        "council": _council(campaign),
        "awarded": _awarded(campaign),
        "targets": _targets(campaign),
        "pledge_signatories": PledgeSignature.objects.filter(pledge__campaign=campaign).count(),
        "next_pledge": _next_pledge(campaign),
        "previous": None,
    }
    if with_previous:
        previous = (
            Campaign.objects.filter(organiser=campaign.organiser, year__lt=campaign.year)
            .order_by("-year")
            .first()
        )
        if previous is not None:
            figures["previous"] = campaign_figures(previous, with_previous=False)
    return figures


def as_text(figures):
    """A Vietnamese plain-text rendering of ``campaign_figures``' result."""
    quota, evaluation, awarded, targets = (
        figures["quota"],
        figures["evaluation"],
        figures["awarded"],
        figures["targets"],
    )
    lines = [
        f"Báo cáo phong trào năm {figures['year']} — {figures['organiser']['name']}",
        f"Đăng ký: {figures['registered']['models']} mô hình, {figures['registered']['exemplars']} điển hình",
        "Theo lĩnh vực:",
        *(
            f"  - {r['label']}: {r['models']} mô hình, {r['exemplars']} điển hình"
            for r in figures["by_field"].values()
        ),
        "Theo loại đơn vị:",
        *(
            f"  - {r['label']}: {r['models']} mô hình, {r['exemplars']} điển hình"
            for r in figures["by_unit_kind"].values()
        ),
        f"Chỉ tiêu đăng ký: {quota['units_compliant']}/{quota['units_total']} đơn vị đủ chỉ tiêu, "
        f"{quota['units_under']} chưa đủ, {quota['units_over']} vượt; chi bộ đã đăng ký "
        f"{quota['cells_registered']}/{quota['cells_total']}",
        f"Đánh giá: {evaluation['outstanding']} tiêu biểu, {evaluation['passed']} đạt, "
        f"{evaluation['not_passed']} không đạt, {evaluation['not_evaluated']} chưa đánh giá",
        _judging_line(figures.get("judging")),
        f"Khen thưởng: {awarded['models']} mô hình, {awarded['exemplars']} điển hình, "
        f"{awarded['individuals']} cá nhân, {awarded['collectives']} tập thể",
        *(f"  - {name}: {n}" for name, n in awarded["by_award_type"].items()),
        f"Chỉ tiêu kế hoạch: đạt {targets['met']}/{targets['total']}, trong đó {targets['exceeded']} vượt",
        f"Đơn vị ký giao ước thi đua: {figures['pledge_signatories']}",
    ]
    following = figures.get("next_pledge")
    if following:
        wards = following["by_unit_kind"].get(UnitKind.WARD_COMMITTEE, 0)
        lines.append(
            f"Giao ước thi đua năm {following['year']} ({following['items']} nội dung): "
            f"{following['signatories']} đơn vị đã ký, trong đó {wards} Đảng ủy phường"
        )
    return "\n".join(lines)


def _judging_line(judging):
    if not judging or not judging["scored"]:
        return "Chấm điểm theo tiêu chí: chưa có hồ sơ nào được chấm"
    average, classified = judging["average"], judging["classified"]
    shown = [
        f"{label} bình quân {str(value).replace('.', ',')} điểm"
        for label, value in (("mô hình", average["models"]), ("điển hình", average["exemplars"]))
        if value is not None
    ]
    return (
        f"Chấm điểm theo tiêu chí: {judging['scored']} hồ sơ đã chấm, {', '.join(shown)}; trưởng ban đã "
        f"chốt {classified['outstanding']} tiêu biểu, {classified['passed']} đạt, "
        f"{classified['not_passed']} không đạt"
    )


def headlines(campaigns):
    """``{campaign_pk: {"models", "exemplars", "awarded_entries", "awards"}}`` for the leader's home:
    registered models and exemplars (as ``campaign_report`` counts them) and awards, in two queries.
    """
    pks = [c.pk for c in campaigns]
    result = {pk: {"models": 0, "exemplars": 0, "awarded_entries": 0, "awards": 0} for pk in pks}
    registered = (
        Entry.objects.filter(campaign_id__in=pks, state__in=EntryState.counted_as_registered)
        .values_list("campaign_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for pk, kind, n in registered:
        result[pk]["models" if kind == EntryKind.MODEL else "exemplars"] = n
    awarded = (
        Award.objects.filter(decision__campaign_id__in=pks)
        .values_list("decision__campaign_id")
        .annotate(n=Count("pk"), entries=Count("entry", distinct=True))
        .order_by()
    )
    for pk, n, entries in awarded:
        result[pk].update(awards=n, awarded_entries=entries)
    return result
