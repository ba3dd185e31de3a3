"""Rows into PostgreSQL by ``COPY`` for the generated data (bench/bigdata.py): the text format's cells,
each model's columns with their defaults, ids assigned here and sequences moved past them, and audit
rows as django-simple-history writes them.
"""

import datetime
import io

from django.db import connection


def _cell(value):
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


class _NoDefault(Exception):
    pass


def _defaults(model):
    """``[(column, attname, default)]`` of ``model``'s concrete fields: the value used when a row omits
    the field (``None`` for nullable fields, ``""`` for text, else the field's own default)."""
    from django.db import models

    result = []
    for field in model._meta.concrete_fields:
        if field.has_default():
            default = field.get_default()
        elif field.null:
            default = None
        elif isinstance(field, (models.CharField, models.TextField)):
            default = ""
        else:
            default = _NoDefault
        result.append((field.column, field.attname, default))
    return result


def copy_rows(model, rows, chunk=50_000):
    """``COPY`` ``rows`` (an iterable of dicts keyed by field attname) into ``model``'s table.

    Returns the number of rows. Raises ``KeyError`` naming a field a row lacks that has no default.
    """
    layout = _defaults(model)
    columns = ", ".join(f'"{column}"' for column, _, _ in layout)
    sql = f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN'
    buffer, count = io.StringIO(), 0
    with connection.cursor() as cursor:
        raw = cursor.cursor
        for row in rows:
            cells = []
            for _column, attname, default in layout:
                value = row.get(attname, default)
                if value is _NoDefault:
                    raise KeyError(f"{model.__name__}.{attname}")
                cells.append(_cell(value))
            buffer.write("\t".join(cells))
            buffer.write("\n")
            count += 1
            if count % chunk == 0:
                buffer.seek(0)
                raw.copy_expert(sql, buffer)
                buffer = io.StringIO()
        buffer.seek(0)
        raw.copy_expert(sql, buffer)
    return count


def next_ids(*models):
    with connection.cursor() as cursor:
        result = []
        for model in models:
            cursor.execute(
                f'SELECT COALESCE(MAX("{model._meta.pk.column}"), 0) FROM "{model._meta.db_table}"'
            )
            result.append(cursor.fetchone()[0] + 1)
    return result


def move_sequences(*models):
    with connection.cursor() as cursor:
        for model in models:
            table, column = model._meta.db_table, model._meta.pk.column
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
                f'(SELECT MAX("{column}") FROM "{table}"))'
            )


def history_rows(model, rows, *, kind, at, user_id, start):
    """Audit rows of ``rows`` (dicts of ``model``) as django-simple-history writes them."""
    historical = model.history.model
    names = {f.attname for f in historical._meta.concrete_fields}
    for offset, row in enumerate(rows):
        record = {k: v for k, v in row.items() if k in names}
        record.update(
            history_id=start + offset,
            history_date=at(row),
            history_change_reason=None,
            history_type=kind,
            history_user_id=user_id,
        )
        yield record
