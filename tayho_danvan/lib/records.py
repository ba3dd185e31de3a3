"""Create-or-update of a record that exists once per key, with who and when stamped (the quota
override of a unit, the pledge signature of a unit). Imports no app.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

MAX_KEY_DIGITS = 18  # a 64-bit id has at most 19 digits; more overflows SQLite and PostgreSQL alike


def is_valid_key(value, field=None):
    """True when ``value`` (text from an address or a form) can be a key of ``field`` (a model field;
    ``None``: a whole-number id, as every model here has). "abc" or a 30-digit number is not, and must
    never reach the database (a 500 on some backends)."""
    text = str(value)
    if field is None:
        # ASCII digits only: "²" and "٤" are digits to str.isdigit(), not to int() or the database.
        return text.isascii() and text.isdigit() and len(text) <= MAX_KEY_DIGITS
    try:
        return field.to_python(value) is not None and len(text) <= MAX_KEY_DIGITS
    except (ValidationError, ValueError, TypeError):
        return False


def save_one_per_key(model, *, key, values, by, stamp):
    """Create or update the one row of ``model`` matching ``key`` (a dict) with ``values``, under a row
    lock; a no-op when the values are already there. ``stamp``: the names of the who and when fields,
    set to ``by`` and now on every real change (and named in the audit history). Returns the row.
    """
    row = model.objects.select_for_update().filter(**key).first()
    if row is None:
        row = model(**key, **values, **{stamp[0]: by})
        row._history_user = by
        row.save()
        return row
    if all(getattr(row, name) == value for name, value in values.items()):
        return row
    for name, value in values.items():
        setattr(row, name, value)
    setattr(row, stamp[0], by)
    setattr(row, stamp[1], timezone.now())
    row._history_user = by
    row.save(update_fields=[*values, *stamp])
    return row
