"""Shared infrastructure below every app: it imports no app, and every app may import it.

- ``excel``: reading checked .xlsx uploads and writing text-safe workbooks (openpyxl, tablib)
- ``documents``: headings of Party and state documents, the place and the date in words
- ``history``: the scoped, Vietnamese audit-history admin base (django-simple-history)
- ``records``: create-or-update of a record kept once per key, with who and when stamped
- ``commands``: management-command helpers (Vietnamese errors, writable output files)
"""
