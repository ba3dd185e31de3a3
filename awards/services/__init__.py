"""The one door for adding awards to a decision (DESIGN.md, "awards")."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from campaigns.choices import EntryKind
from campaigns.services.common import nfc, record_event
from tayho_danvan.lib.documents import normal_text

from ..models import Award, Decision, RecipientKind
from ..rules import award_problem

# Longest text per field of a person's award, in characters (the model's columns).
LIMITS = {
    "name": Award._meta.get_field("recipient_name").max_length,
    "position": Award._meta.get_field("recipient_position").max_length,
}


@transaction.atomic
def award_entries(*, decision, entries, by=None):
    """Add each of ``entries`` (accepted models or exemplars) to ``decision`` as an award.

    Returns ``(created, skipped)``: the new ``Award`` rows, numbered after the decision's last STT in
    the given order, and the entries already on the decision (a no-op for those).
    Raises ``ValidationError`` (nothing written) when an entry belongs to another campaign, is not
    accepted, or was evaluated "not passed". ``by`` is the acting user, for the audit trail of [C].
    Side effects: the ``Award`` rows, and one ``EntryEvent`` per awarded entry (state unchanged) so the
    unit sees the award in the entry's history.
    """
    decision = Decision.objects.select_for_update().select_related("award_type").get(pk=decision.pk)
    entries = list(entries)
    problems = [problem for entry in entries if (problem := award_problem(decision=decision, entry=entry))]
    if problems:
        raise ValidationError(problems)
    already = set(decision.awards.filter(entry__in=entries).values_list("entry_id", flat=True))
    position = decision.awards.aggregate(last=Max("position"))["last"] or 0
    created, skipped = [], []
    for entry in entries:
        if entry.pk in already:
            skipped.append(entry)
            continue
        position += 1
        created.append(
            Award(
                decision=decision,
                position=position,
                recipient_kind=RecipientKind.MODEL
                if entry.kind == EntryKind.MODEL
                else RecipientKind.EXEMPLAR,
                entry=entry,
                recipient_name=entry.recipient_name,
                recipient_position=entry.subject_position if entry.kind == EntryKind.EXEMPLAR else "",
                unit=entry.unit,
                achievement=entry.title if entry.kind == EntryKind.EXEMPLAR else "",
            )
        )
        already.add(entry.pk)
    Award.objects.bulk_create(created)
    for award in created:
        # The unit reads it in the entry's history: what, by which decision.
        record_event(
            award.entry,
            by=by,
            from_state=award.entry.state,
            to_state=award.entry.state,
            comment=f"Được khen thưởng: {decision.award_type.name} theo Quyết định số {decision.number} "
            f"ngày {decision.date:%d/%m/%Y}",
        )
    return created, skipped


@transaction.atomic
def award_people(*, decision, recipients, by=None):
    """Add individuals and collectives named by hand (not registered entries) to ``decision``.

    ``recipients``: dicts with ``kind`` (``RecipientKind.INDIVIDUAL`` or ``COLLECTIVE``), ``name``,
    ``position`` (optional), ``unit`` and ``achievement``. Returns the new ``Award`` rows, numbered after
    the decision's last STT. A recipient already on the decision (same kind, name and unit) is skipped.
    Raises ``ValidationError`` (nothing written) for another kind, an empty name, or a unit outside the
    campaign's organiser. ``by``: the acting user, recorded in the audit history.
    """
    decision = Decision.objects.select_for_update().select_related("campaign__organiser").get(pk=decision.pk)
    problems = []
    recipients = [
        nfc({key: value.strip() if isinstance(value, str) else value for key, value in recipient.items()})
        for recipient in recipients
    ]
    for recipient in recipients:
        for key, limit in LIMITS.items():
            if len(recipient.get(key) or "") > limit:
                problems.append(f"“{recipient[key][:40]}…” dài quá {limit} ký tự; hãy rút gọn.")
        if recipient.get("kind") not in (RecipientKind.INDIVIDUAL, RecipientKind.COLLECTIVE):
            problems.append("Chỉ thêm tay được cá nhân hoặc tập thể; mô hình, điển hình chọn từ hồ sơ.")
        if not (recipient.get("name") or "").strip():
            problems.append("Thiếu họ tên cá nhân hoặc tên tập thể.")
        if problem := award_problem(decision=decision, unit=recipient.get("unit")):
            problems.append(problem)
    if problems:
        raise ValidationError(problems)
    # The same person typed again (another Unicode form, case, spacing or tone placement) is not a new award.
    existing = {
        (kind, normal_text(name), unit_id)
        for kind, name, unit_id in decision.awards.values_list("recipient_kind", "recipient_name", "unit_id")
    }
    position = decision.awards.aggregate(last=Max("position"))["last"] or 0
    created = []
    for recipient in recipients:
        key = (recipient["kind"], normal_text(recipient["name"]), recipient["unit"].pk)
        if key in existing:
            continue
        existing.add(key)
        position += 1
        award = Award(
            decision=decision,
            position=position,
            recipient_kind=recipient["kind"],
            recipient_name=recipient["name"],
            recipient_position=recipient.get("position", ""),
            unit=recipient["unit"],
            achievement=recipient.get("achievement", ""),
        )
        award._history_user = by
        award.save()
        created.append(award)
    return created
