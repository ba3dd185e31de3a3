"""Awards, their documents and the ceremony report — floor 3, above ``campaigns`` (DESIGN.md, "awards").

- ``models``: ``AwardType``, ``Ceremony``, ``Decision``, ``Award``; ``rules``: who may be awarded
- ``services``: the doors: award entries and people in a decision
- ``documents/``: what the office prints (the decision's annex, certificates, their shared heading)
- ``spreadsheets/``: the award list export resource and the import of individuals and collectives
- ``reports/``: the ceremony report (figures from every app, its tables and workbook)
- ``views/``: the leader's home, the report page and workbook, a ward's certificate; ``urls``
- ``signals``: the awards of entries for the campaigns floor's pages (``campaigns.signals``)
- ``templatetags/work_queue``: the board's work queue on the admin home
- ``admin/``: decisions, awards, ceremonies; the award action and report links on the campaigns admins
- ``management/commands``: ``campaign_report``, ``export_awards``; ``apps``: the board's permissions
"""
