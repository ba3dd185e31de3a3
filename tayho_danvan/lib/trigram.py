"""Trigram indexes for the unaccented search (issue [E]): a ``pg_trgm`` GIN index on a folded search
column serves ``search_text LIKE '%word%'`` (Django's ``contains``) on PostgreSQL, so a search over a
million entries reads the index instead of every row. SQLite has no such index and needs none at the
demo's size: the operations do nothing there (PLATFORM.md, "Unaccented search").
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


def trigram_index(table, column, name):
    """A migration operation creating (and, backwards, dropping) ``name`` on ``table``(``column``),
    on PostgreSQL only. Use after ``TrigramExtension()`` in the same migration."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("{column}" gin_trgm_ops)'
            )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(forwards, backwards, elidable=False)


__all__ = ["TrigramExtension", "trigram_index"]
