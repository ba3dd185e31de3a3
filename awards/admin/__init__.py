"""The board's admin for the awards app; importing this package registers both modules.

- ``decisions``: award types, ceremonies, decisions (annex, certificates, people import) and awards
- ``entries``: the entry admin of ``campaigns`` with the action "Đưa vào quyết định khen thưởng"
"""

from . import decisions, entries  # noqa: F401  (registration with the admin site)
