"""The award documents the office prints or files (DESIGN.md, "Documents").

- ``heading``: a decision's heading (Party or state side, issuing body, place and date in words)
- ``recipients``: one line per award, the same on the annex and the certificate ("Số sổ vàng")
- ``annex``: the award list as the decision's annex in Excel
- ``certificates``: Giấy khen and Bằng khen, one A4 landscape page per award
"""
