"""Signals by which higher floors add to the campaigns floor's pages without it importing them
(the developers' guide: floors; the way pretix lets plugins extend its pages).

``entry_outcomes``: sent by the entry page and the unit dashboard with ``entries`` (a queryset or list
of ``Entry``); each receiver returns ``{entry_pk: [Outcome, …]}`` in one or two queries for all of them.
The awards floor answers with each entry's awards (``awards.signals``); ``unit_pages`` likewise with
links to a unit's own report.
"""

from dataclasses import dataclass

from django.dispatch import Signal

entry_outcomes = Signal()
# Sent with ``entries`` (a queryset of one ``campaign``'s entries) and ``campaign``; each receiver returns
# a queryset of the ids of those entries holding an outcome of its floor (``.values("entry_id")``), for
# a page to filter on without loading them.
entry_outcome_holders = Signal()
# Sent by the unit page with ``unit`` and ``campaigns`` (this year's, last year's): receivers return
# ``[Outcome]`` of pages about the unit kept on their floor (the awards floor: the unit's report).
unit_pages = Signal()


@dataclass(frozen=True)
class Outcome:
    text: str  # "Giấy khen theo Quyết định số 125-QĐ/QU ngày 15/01/2024 của Quận ủy Tây Hồ"
    url: str = ""  # where to see or print it, if anywhere
    url_label: str = ""


def pages_of(unit, campaigns):
    """``[Outcome]`` from every receiver of ``unit_pages``: links to show on the unit's page."""
    answers = unit_pages.send(sender=None, unit=unit, campaigns=campaigns)
    return [page for _receiver, answer in answers for page in answer]


def outcome_holders_of(entries, campaign):
    """``[queryset of entry ids]``, one per receiver of ``entry_outcome_holders`` (no query run)."""
    answers = entry_outcome_holders.send(sender=None, entries=entries, campaign=campaign)
    return [answer for _receiver, answer in answers if answer is not None]


def outcomes_of(entries):
    """``{entry_pk: [Outcome]}`` from every receiver of ``entry_outcomes`` for ``entries``."""
    merged = {}
    for _receiver, answer in entry_outcomes.send(sender=None, entries=entries):
        for pk, outcomes in (answer or {}).items():
            merged.setdefault(pk, []).extend(outcomes)
    return merged
