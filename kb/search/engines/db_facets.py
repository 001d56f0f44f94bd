"""Facet counting in the database: one disjunctive-facet helper, over SearchFacetValue rows."""

from collections.abc import Callable

from django.db.models import Count, QuerySet

from .. import schema
from ..models import SearchFacetValue

KEYWORD_FACETS = schema.keyword_facet_names()


def disjunctive_counts(
    facets: list[str],
    selected: dict[str, list],
    filtered: Callable[[str | None], QuerySet],
    count: Callable[[QuerySet, list[str]], dict[str, dict[str, int]]],
) -> dict[str, dict[str, int]]:
    """Each facet counted under every selection but its own, so that choosing Thailand still shows Viet Nam's count.

    filtered(skipped) is the result set with every selection applied except that of facet `skipped` (None: all);
    count(result set, facets) counts those facets' values in it. Each selected facet costs one count; the facets
    nobody selected share one.
    """
    unselected = [facet for facet in facets if not selected.get(facet)]
    counts: dict[str, dict[str, int]] = {facet: {} for facet in facets}
    for skipped, group in [(None, unselected), *((facet, [facet]) for facet in facets if selected.get(facet))]:
        if group:
            counts.update(count(filtered(skipped), group))
    return counts


def value_counts(documents: QuerySet, facets: list[str]) -> dict[str, dict[str, int]]:
    """{facet: {value: documents}} of search documents, the year among them if asked for."""
    counts: dict[str, dict[str, int]] = {facet: {} for facet in facets}
    keyword_facets = [facet for facet in facets if facet != "year"]
    if keyword_facets:
        rows = SearchFacetValue.objects.filter(facet__in=keyword_facets, document__in=documents).values("facet", "value")
        for row in rows.annotate(n=Count("document", distinct=True)):
            counts[row["facet"]][row["value"]] = row["n"]
    if "year" in facets:
        years = documents.exclude(year=None).order_by().values("year").annotate(n=Count("pk"))
        counts["year"] = {str(row["year"]): row["n"] for row in years}
    return counts


def filter_documents(
    documents: QuerySet,
    filters: dict[str, list[str]],
    year_from: int | None = None,
    year_to: int | None = None,
    skip: str | None = None,
    all_of: set[str] = frozenset(),
) -> QuerySet:
    """The documents with every facet's values (OR-ed within a facet, AND-ed across; all of them for the facets
    `all_of` names) but `skip`'s."""
    for facet, values in filters.items():
        if values and facet != skip and facet in KEYWORD_FACETS:
            for group in [[value] for value in values] if facet in all_of else [values]:
                documents = documents.filter(pk__in=SearchFacetValue.objects.filter(facet=facet, value__in=group).values("document_id"))
    if skip != "year":
        if year_from is not None:
            documents = documents.filter(year__gte=year_from)
        if year_to is not None:
            documents = documents.filter(year__lte=year_to)
    return documents
