"""Browser pages of the awards floor.

- ``reports``: the ceremony report page and its workbook (leaders and the board)
- ``certificates``: one award's certificate to print, for the ward that received it
"""
