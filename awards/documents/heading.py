"""The heading of a decision's documents (annex, certificates): which side issues it, the issuing body's
lines, the motto and the place and date in words, from the decision as recorded (DESIGN.md, "Documents").
"""

from dataclasses import dataclass

from tayho_danvan.lib import documents


@dataclass(frozen=True)
class Heading:
    state: bool  # the state side (Chủ tịch UBND) rather than the Party's
    issuer_lines: list  # top left
    motto: list  # top right: two lines, the second empty on the Party side
    place: str
    dated: str  # "Tây Hồ, ngày 19 tháng 01 năm 2024"


def heading_of(decision):
    """The ``Heading`` of ``decision``: the issuer's name as it was on the decision's date, the organiser's
    parent as the body above a Party issuer, the organiser's name as the place when the issuer's has none.
    """
    return heading_for(
        issuer_name=decision.issuer_name,
        organiser=decision.campaign.organiser,
        day=decision.date,
        number=decision.number,
    )


def heading_for(*, issuer_name, organiser, day, number=""):
    """The ``Heading`` of a document issued by ``issuer_name`` (str) for ``organiser`` (a ``Unit``) on
    ``day`` (a date); ``number`` the document's number, which may mark it a state one ("…/QĐ-UBND")."""
    state = documents.is_state_issuer(issuer_name, number)
    parent = organiser.parent
    place = documents.place_of(issuer_name, organiser.short_name or organiser.name)
    return Heading(
        state=state,
        issuer_lines=documents.issuer_lines(
            issuer_name, state=state, body_above=parent.name if parent else ""
        ),
        motto=documents.STATE_MOTTO if state else documents.PARTY_MOTTO,
        place=place,
        dated=documents.date_in_words(day, place),
    )
