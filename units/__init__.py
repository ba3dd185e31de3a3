"""The unit tree — floor 1, above ``tayho_danvan.lib`` only (DESIGN.md, "units").

- ``models``: ``Unit`` (materialised path, django-treebeard; valid from/to, successors), ``Membership``
- ``services``: the doors: create and move units, add memberships (the board group joins reviewers)
- ``scoping``: which units a user may see or act for; the 404 helpers for unit pages
- ``reorganisation``: closing units and opening successors; the roll-up of past figures to today's units
- ``collation``: the ``vi`` collation on both databases and ``fold`` for unaccented search
- ``board``: the "Ban Dân vận" group, built from every app's ``board_permissions``
- ``admin``: units and memberships for the superuser; ``apps``: registers the collation and the board group
"""
