"""The board's admin for the campaigns app, one module per part of its work; importing this package
registers them all (Django's admin autodiscovery imports ``campaigns.admin``).

- ``campaigns``: campaigns, their quota rules, stage actions
- ``entries``: entries with filters, the scoped change form and the review actions
- ``spreadsheets``: Excel import (preview, confirm), export and templates of entries
- ``exports``: files made in the background (big exports), their progress and download
- ``judging``: rubrics, reviewers, the scoring pages and the ranking (issue [H])
- ``quotas``: the board's quota overrides with a reason
- ``pledges``: the pledge (items, signatures) and the plan targets
- ``filters``: list filters scoped to the reviewer's campaigns
"""

from . import campaigns, entries, exports, judging, pledges, quotas  # noqa: F401  (registration with the admin site)
