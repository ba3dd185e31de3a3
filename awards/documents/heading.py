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
    organiser = decision.campaign.organiser
    state = documents.is_state_issuer(decision.issuer_name, decision.number)
    parent = organiser.parent
    place = documents.place_of(decision.issuer_name, organiser.short_name or organiser.name)
    return Heading(
        state=state,
        issuer_lines=documents.issuer_lines(
            decision.issuer_name, state=state, body_above=parent.name if parent else ""
        ),
        motto=documents.STATE_MOTTO if state else documents.PARTY_MOTTO,
        place=place,
        dated=documents.date_in_words(decision.date, place),
    )
