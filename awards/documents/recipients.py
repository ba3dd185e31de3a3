"""One line per award, the same on the decision's annex and on the certificate (issue [K] 7).

A model is commended as the collective that built it: its unit, with the model named in the
achievement. Every document numbers a recipient by its number in the decision (the award's STT),
which the certificate prints as "Số sổ vàng" (NĐ 98/2023/NĐ-CP Điều 104).
"""

from dataclasses import dataclass

from campaigns.choices import SubjectKind

from ..models import RecipientKind


@dataclass(frozen=True)
class RecipientLine:
    number: int  # the recipient's number in the decision: STT of the annex, "Số sổ vàng"
    name: str  # who is commended
    position: str
    unit: str
    field: str
    award_type: str
    achievement: str  # as written; a model without one is named: Mô hình “…”
    collective: bool


def is_collective(award):
    """True for a model, a collective, or an exemplar whose subject is a collective (no query)."""
    if award.recipient_kind in (RecipientKind.MODEL, RecipientKind.COLLECTIVE):
        return True
    if award.recipient_kind == RecipientKind.EXEMPLAR and award.entry is not None:
        return award.entry.subject_kind == SubjectKind.COLLECTIVE
    return False


def recipient_line(award):
    """The ``RecipientLine`` of ``award`` (its ``unit``, ``entry`` and ``decision.award_type`` loaded)."""
    entry = award.entry
    model = award.recipient_kind == RecipientKind.MODEL
    achievement = award.achievement or (entry.title if entry is not None else "")
    if model and entry is not None and not award.achievement:
        achievement = f"Mô hình “{entry.title}”"
    return RecipientLine(
        number=award.position,
        name=award.unit.name if model else award.recipient_name,
        position=award.recipient_position,
        unit=award.unit.name,
        field=entry.get_field_display() if entry is not None else "",
        award_type=award.decision.award_type.name,
        achievement=achievement,
        collective=is_collective(award),
    )
