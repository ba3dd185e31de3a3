"""Certificates (Giấy khen, Bằng khen) to print, one A4 landscape page per award, in batch per decision.

The heading follows the issuer: a Party body prints "ĐẢNG CỘNG SẢN VIỆT NAM" and its own name over the
body above it; a state body (Ủy ban nhân dân) prints "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập – Tự
do – Hạnh phúc" (DESIGN.md, "Documents"). Place and date in words as on the decision.
"""

from dataclasses import dataclass

from .annex import date_in_words, is_collective, is_state_issuer, place_of
from .models import RecipientKind


@dataclass
class Certificate:
    award: object
    decision: object
    state: bool
    issuer_parent: str
    dated: str
    title: str
    collective: bool
    issuer_lines: list
    citation: str
    recipient: str


def citation_of(award, year):
    """The line "Đã có thành tích …": the award's achievement as written, without repeating its first
    words; a model's certificate names the model (its unit is the one commended).
    """
    if award.recipient_kind == RecipientKind.MODEL and award.entry is not None and not award.achievement:
        return (
            f"Đã có thành tích xuất sắc trong xây dựng mô hình “{award.entry.title}”, phong trào thi đua "
            f"“Dân vận khéo” năm {year}."
        )
    text = (award.achievement or "").strip().rstrip(".")
    for lead in ("đã có thành tích ", "có thành tích "):
        if text.lower().startswith(lead):
            text = text[len(lead) :]
            break
    return f"Đã có thành tích {text or f'xuất sắc trong phong trào thi đua “Dân vận khéo” năm {year}'}."


def issuer_lines(decision, parent):
    """The issuing body top left: "ỦY BAN NHÂN DÂN / THÀNH PHỐ HÀ NỘI", or the Party body under its parent."""
    if is_state_issuer(decision):
        rest = decision.issuer_name
        if rest.lower().startswith("ủy ban nhân dân"):
            rest = rest[len("ủy ban nhân dân") :].strip()
        return ["ỦY BAN NHÂN DÂN", rest.upper()]
    return [(parent.name if parent else "").upper(), decision.issuer_name.upper(), "*"]


def certificates(decisions):
    """``[Certificate]`` for every award of ``decisions`` (an iterable of ``Decision``), in STT order."""
    result = []
    for decision in decisions:
        parent = decision.campaign.organiser.parent
        for award in decision.awards.select_related("unit", "entry").order_by("position"):
            result.append(
                Certificate(
                    award=award,
                    decision=decision,
                    state=is_state_issuer(decision),
                    issuer_parent=(parent.name if parent else "").upper(),
                    dated=date_in_words(decision.date, place_of(decision)),
                    title=decision.award_type.name.upper(),
                    collective=is_collective(award),
                    issuer_lines=issuer_lines(decision, parent),
                    citation=citation_of(award, decision.campaign.year),
                    recipient=award.unit.name
                    if award.recipient_kind == RecipientKind.MODEL
                    else award.recipient_name,
                )
            )
    return result
