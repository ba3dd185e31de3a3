"""Campaigns and what units register in them — floor 2, above ``units`` (DESIGN.md, "campaigns").

- ``choices``: every enum (states, kinds, fields, evaluation, target status) and the named state groups
- ``models/``: one module per aggregate (campaign and quotas, entry and events, evidence, pledge, target)
- ``services/``: the doors: registration, review, quotas, evidence, pledges, a campaign's stages
- ``permissions``: the predicates (``can_edit_entry`` …) and the scoped querysets, 404 for the rest
- ``forms``, ``filters``: the staff pages' forms and the entry list's filter
- ``views/``: the staff pages (unit page and dashboard, entries, evidence, lists, pledges); ``urls``
- ``spreadsheets/``: entries to and from Excel (the import-export resource, import and export)
- ``admin/``: the board's admin (campaigns, entries, spreadsheets, quotas, pledges and targets, filters)
- ``signals``: ``entry_outcomes``, ``unit_pages``: how higher floors add to the entry and unit pages
- ``management/commands``: ``export_entries``, ``import_entries``; ``apps``: the board's permissions
"""
