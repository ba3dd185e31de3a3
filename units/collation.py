"""Vietnamese ordering and unaccented search on both database backends.

PostgreSQL gets an ICU collation named ``vi`` from migration ``units.0001``; SQLite gets a Python
collation of the same name, registered on every new connection, backed by ICU (PyICU) so that both
backends sort alike: An < Anh < Ánh < Ăn < Ân < Ấn < Ba < Bà … < Dương < Đào (PLATFORM.md).
"""

from functools import lru_cache

from django.db.backends.signals import connection_created
from unidecode import unidecode

COLLATION = "vi"


@lru_cache(maxsize=1)
def _collator():
    import icu

    return icu.Collator.createInstance(icu.Locale("vi"))


def sort_key(text):
    """Return the ICU Vietnamese sort key (bytes) of ``text``; for sorting in Python."""
    return _collator().getSortKey(text or "")


def _sqlite_compare(left, right):
    return _collator().compare(left, right)


def _register(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, _sqlite_compare)


def connect():
    connection_created.connect(_register, dispatch_uid="units.collation.vi")


def fold(text):
    """Fold Vietnamese text for unaccented search: ``"Nhật Tân, Đặng"`` → ``"nhat tan, dang"``.

    Unidecode maps đ/Đ to d, which Unicode decomposition alone does not.
    """
    return unidecode(text or "").lower()
