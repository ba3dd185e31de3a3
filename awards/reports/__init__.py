"""The ceremony report: it counts entries, awards, targets and signatures, so it stands on the awards floor.

- ``figures``: the figures of a campaign (``campaign_report``'s JSON), with last year's beside them
- ``tables``: the same figures as tables for the page and as an Excel workbook, one sheet per table
- ``units``: a unit's own slice of the year (its subtree only), for the ward's report page
"""
