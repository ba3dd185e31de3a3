"""Keyset pagination, newest first (issue [E]): a page is the rows just below (``?sau=<id>``) or just
above (``?truoc=<id>``) an id already seen, read through an index in the same time on page 1 or page
4,000, where ``OFFSET`` reads and throws away every row before the page. The count is capped: counting a
100,000-row campaign on every click costs more than the page itself, and "hơn 1.000" says enough.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from .records import is_valid_key

AFTER, BEFORE = "sau", "truoc"  # the query parameters


@dataclass
class KeysetPage:
    object_list: list
    has_next: bool
    has_previous: bool
    next_key: int | None  # the id to put after ``?sau=`` for the next page
    previous_key: int | None  # the id to put after ``?truoc=`` for the previous page
    count: int  # rows matching, at most ``count_cap`` + 1
    count_cap: int

    @property
    def count_is_capped(self):
        return self.count > self.count_cap

    @property
    def count_label(self):
        """``"25"``, or ``"hơn 1.000"`` past the cap."""
        return capped_count_label(self.count, self.count_cap)

    @property
    def is_first(self):
        return not self.has_previous


def capped_count_label(count, cap):
    """``count`` as Vietnamese write it (``"1.000"``), or ``"hơn <cap>"`` when it is past ``cap``."""
    shown = f"{min(count, cap):,}".replace(",", ".")
    return f"hơn {shown}" if count > cap else shown


def _key(value):
    return int(value) if value and is_valid_key(value) else None


def keyset_page(queryset, params, *, per_page, count_cap=1000):
    """The page of ``queryset`` (any order given is replaced by newest id first) that ``params`` (a
    ``QueryDict``: ``sau``/``truoc``) asks for; a bad or missing key gives the first page.

    Returns ``KeysetPage``; two queries (the rows and the capped count).
    """
    after, before = _key(params.get(AFTER)), _key(params.get(BEFORE))
    if before is not None:
        rows = list(queryset.filter(pk__gt=before).order_by("pk")[: per_page + 1])
        has_previous, has_next = len(rows) > per_page, True
        rows = rows[:per_page][::-1]
    else:
        queryset_page = queryset.filter(pk__lt=after) if after is not None else queryset
        rows = list(queryset_page.order_by("-pk")[: per_page + 1])
        has_next, has_previous = len(rows) > per_page, after is not None
        rows = rows[:per_page]
    if not rows and before is not None:  # nothing above the key: the first page is what was asked for
        return keyset_page(queryset, {}, per_page=per_page, count_cap=count_cap)
    count = queryset.order_by()[: count_cap + 1].count()
    return KeysetPage(
        object_list=rows,
        has_next=has_next and bool(rows),
        has_previous=has_previous,
        next_key=rows[-1].pk if rows else None,
        previous_key=rows[0].pk if rows else None,
        count=count,
        count_cap=count_cap,
    )


class CappedPaginator(Paginator):
    """Django's paginator with its count stopped at ``COUNT_CAP`` + 1 rows: the admin's changelist of a
    million entries counts at most that many (an exact ``COUNT(*)`` reads them all on every click), and
    its page links reach the first ``COUNT_CAP`` rows; filters and the search narrow to the rest.
    ``count_is_capped`` tells the template to say "hơn 10.000"."""

    COUNT_CAP = 10_000

    @cached_property
    def count(self):
        return self.object_list.order_by()[: self.COUNT_CAP + 1].count()

    @property
    def count_is_capped(self):
        return self.count > self.COUNT_CAP

    @property
    def count_label(self):
        """``"50"``, or ``"hơn 10.000"`` past the cap."""
        return capped_count_label(self.count, self.COUNT_CAP)
