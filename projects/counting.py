"""Counts of linked entries as correlated subqueries.

Annotating two counts over different many-to-many relations in one query (a country's case studies *and* its
agreements) makes SQL join every link of one with every link of the other: harmless with a few entries, millions
of rows per country at 100k. A subquery per count touches only the rows it counts.
"""

from django.db.models import F, Func, IntegerField, QuerySet, Subquery
from django.db.models.functions import Coalesce


class _CountDistinct(Func):
    function = "COUNT"
    template = "%(function)s(DISTINCT %(expressions)s)"
    output_field = IntegerField()


def count_of(rows: QuerySet, field: str = "pk") -> Coalesce:
    """The number of distinct `field` values in `rows`, which filter on OuterRef(...) to the annotated row."""
    counted = rows.order_by().annotate(linked_count=_CountDistinct(F(field))).values("linked_count")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
