"""The campaigns app's models, one module per aggregate (DESIGN.md, "campaigns").

- ``campaign``: ``Campaign``, ``QuotaRule``, ``QuotaOverride`` (the year's movement and its quotas)
- ``entry``: ``Entry``, ``EntryEvent`` (a registered model or exemplar and its state changes)
- ``evidence``: ``Evidence`` (files attached to an entry)
- ``export``: ``ExportFile`` (a file made outside the request)
- ``judging``: ``Rubric``, ``Criterion``, ``Reviewer``, ``Scoresheet``, ``CriterionScore`` (scores by
  criteria, issue [H])
- ``pledge``: ``Pledge``, ``PledgeItem``, ``PledgeSignature`` (the emulation pledge)
- ``target``: ``Target`` (the organiser's plan targets)

Models stay thin: state changes live in ``campaigns.services``, who may do what in
``campaigns.permissions``, enums and named groups of states in ``campaigns.choices``.
"""

from .campaign import Campaign, QuotaOverride, QuotaRule
from .entry import MAX_TEXT, TEXT_FIELDS, Entry, EntryEvent
from .evidence import Evidence, evidence_path
from .export import ExportFile, export_path
from .judging import Criterion, CriterionScore, Reviewer, Rubric, Scoresheet
from .pledge import Pledge, PledgeItem, PledgeSignature
from .target import Target

__all__ = [
    "MAX_TEXT",
    "TEXT_FIELDS",
    "Campaign",
    "Criterion",
    "CriterionScore",
    "Entry",
    "EntryEvent",
    "Evidence",
    "ExportFile",
    "Pledge",
    "PledgeItem",
    "PledgeSignature",
    "QuotaOverride",
    "QuotaRule",
    "Reviewer",
    "Rubric",
    "Scoresheet",
    "Target",
    "evidence_path",
    "export_path",
]
