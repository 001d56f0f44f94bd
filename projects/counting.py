"""Counting entries: correlated subqueries in SQL, and the hooks through which the site counts faster at scale.

Annotating two counts over different many-to-many relations in one query (a country's case studies *and* its
agreements) makes SQL join every link of one with every link of the other: harmless with a few entries, millions
of rows per country at 100k. A subquery per count touches only the rows it counts.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import F, Func, IntegerField, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import get_language

T = TypeVar("T")


class _CountDistinct(Func):
    function = "COUNT"
    template = "%(function)s(DISTINCT %(expressions)s)"
    output_field = IntegerField()


def count_of(rows: QuerySet, field: str = "pk") -> Coalesce:
    """The number of distinct `field` values in `rows`, which filter on OuterRef(...) to the annotated row."""
    counted = rows.order_by().annotate(linked_count=_CountDistinct(F(field))).values("linked_count")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


# What the site may plug in (projects never imports it; kb.search installs both when it starts): a faster way to count
# the facets of a list, and a cache for figures that only change with the catalog. Without them, as in the catalog's
# own tests, every count is SQL and nothing is kept.


@dataclass
class FacetCounts:
    """A list's facet counts from elsewhere than SQL: {facet: {value: entries}}, each facet counted under every
    selection but its own (its own too when its values must all match), and the entries under every selection."""

    counts: dict[str, dict[str, int]]
    total: int


# (list name, {facet: chosen values}, facets whose values must all match) -> FacetCounts, or None when it cannot count
# that list or that selection (the list then counts in SQL). Called for anonymous readers only: it counts public entries.
FacetCounter = Callable[[str, dict[str, list[str]], set[str]], FacetCounts | None]
# (kind, key, compute) -> compute(), or the value kept for that key since the catalog last changed.
CatalogCache = Callable[[str, object, Callable[[], T]], T]

_hooks: dict[str, Callable] = {}


def install(*, facet_counter: FacetCounter | None = None, catalog_cache: CatalogCache | None = None) -> None:
    for name, hook in (("facet_counter", facet_counter), ("catalog_cache", catalog_cache)):
        if hook is not None:
            _hooks[name] = hook


def facet_counts(listing: str, selections: dict[str, list[str]], all_of: set[str]) -> FacetCounts | None:
    counter = _hooks.get("facet_counter")
    return counter(listing, selections, all_of) if counter and listing else None


def kept(kind: str, key, compute: Callable[[], T]) -> T:
    """compute(), or its value kept since the catalog last changed; only for what every anonymous reader sees alike
    (`key` holds the rest: the language, the filters)."""
    cache = _hooks.get("catalog_cache")
    return cache(kind, key, compute) if cache else compute()


def kept_for(request, kind: str, key, compute: Callable[[], T]) -> T:
    """kept() for anonymous readers, who all see the same catalog; a signed-in reader's figures are computed each time.
    The value is pickled into the cache, which runs any query it holds."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return compute()
    return kept(kind, (key, get_language()), compute)
