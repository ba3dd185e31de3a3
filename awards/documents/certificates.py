"""Certificates (Giấy khen, Bằng khen) to print, one A4 landscape page per award, in batch per decision.

The heading follows the issuer: a Party body prints "ĐẢNG CỘNG SẢN VIỆT NAM" and its own name over the
body above it; a state body (Ủy ban nhân dân) prints "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập – Tự
do – Hạnh phúc" (DESIGN.md, "Documents"). Place and date in words as on the decision.
"""

from dataclasses import dataclass

from ..models import RecipientKind
from .heading import heading_of
from .recipients import RecipientLine, recipient_line


@dataclass
class Certificate:
    award: object
    decision: object
    state: bool
    dated: str
    title: str
    collective: bool
    issuer_lines: list
    citation: str
    recipient: str
    line: RecipientLine  # the same line as the annex: name, unit, "Số sổ vàng"


DISTINCTION = "Đã có thành tích xuất sắc, là điển hình tiêu biểu trong phong trào thi đua “Dân vận khéo”"


def citation_of(award, year):
    """The line "Đã có thành tích …": the award's achievement as written, without repeating its first
    words; a model's certificate names the model (its unit is the one commended).
    """
    entry = award.entry
    if award.recipient_kind == RecipientKind.MODEL and entry is not None and not award.achievement:
        return (
            f"Đã có thành tích xuất sắc trong xây dựng mô hình “{entry.title}”, phong trào thi đua "
            f"“Dân vận khéo” năm {year}."
        )
    if award.recipient_kind == RecipientKind.EXEMPLAR and award.achievement in (
        "",
        getattr(entry, "title", ""),
    ):
        # The exemplar's registered title names the person; the certificate states the distinction.
        return f"{DISTINCTION} năm {year}."
    text = (award.achievement or "").strip().rstrip(".")
    for lead in ("đã có thành tích ", "có thành tích "):
        if text.lower().startswith(lead):
            text = text[len(lead) :]
            break
    return f"Đã có thành tích {text or f'xuất sắc trong phong trào thi đua “Dân vận khéo” năm {year}'}."


def _certificate(award, decision, heading):
    line = recipient_line(award)
    return Certificate(
        award=award,
        decision=decision,
        state=heading.state,
        dated=heading.dated,
        title=decision.award_type.name.upper(),
        collective=line.collective,
        issuer_lines=heading.issuer_lines,
        citation=citation_of(award, decision.campaign.year),
        recipient=line.name,
        line=line,
    )


def certificates(decisions):
    """``[Certificate]`` for every award of ``decisions`` (an iterable of ``Decision``), in STT order."""
    result = []
    for decision in decisions:
        heading = heading_of(decision)
        for award in decision.awards.select_related("unit", "entry").order_by("position"):
            result.append(_certificate(award, decision, heading))
    return result


def certificate_of(award):
    """The ``Certificate`` of one ``award`` (its decision, campaign and organiser loaded)."""
    return _certificate(award, award.decision, heading_of(award.decision))
