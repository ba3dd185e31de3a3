"""Browser pages of the awards floor.

- ``reports``: the ceremony report page and its workbook (leaders and the board)
"""
