"""Browser pages of the awards floor.

- ``reports``: the leader's home, the ceremony report page and its workbook, a unit's own report
- ``certificates``: one award's certificate to print, for the ward that received it
"""
