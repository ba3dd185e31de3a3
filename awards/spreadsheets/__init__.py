"""Awards to and from Excel.

- ``resources``: the award list as a django-import-export resource (the admin's plain export)
- ``people``: individuals and collectives imported into a decision (all rows or none)
"""
