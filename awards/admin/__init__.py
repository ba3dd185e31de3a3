"""The board's admin for the awards app; importing this package registers both modules.

- ``decisions``: award types, ceremonies, decisions (annex, certificates, people import) and awards
- ``entries``: the entry admin of ``campaigns`` with the action "Đưa vào quyết định khen thưởng" and
  the "việc cần làm" filter
- ``council``: the council, its members and rules, the meeting's page (attendance, candidates, the
  tally, the outcome) and its papers (issue [H])
- ``campaigns``: the campaign admin of ``campaigns`` with links to each campaign's report
"""

from . import campaigns, council, decisions, entries  # noqa: F401  (registration with the admin site)
