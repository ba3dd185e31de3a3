"""Entries to and from Excel, the same code for the admin and the commands (DESIGN.md, "Interfaces").

- ``resources``: ``EntryResource`` (django-import-export): Vietnamese headers, checks per row
- ``entries``: import (all rows or none), export of any queryset, templates pre-filled per unit
"""
