"""The award documents the office prints or files (DESIGN.md, "Documents").

- ``heading``: a decision's heading (Party or state side, issuing body, place and date in words)
- ``annex``: the award list as the decision's annex in Excel
- ``certificates``: Giấy khen and Bằng khen, one A4 landscape page per award
"""
