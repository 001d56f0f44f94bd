"""The catalog's lists counted by the search engine: facet counts and totals of the case study, agreement, solution
and lesson lists for anonymous readers, from one filtered search with the engine's disjunctive aggregations instead
of SQL over the whole catalog (projects.counting.FacetCounter, installed when the site starts).

Only where the index holds exactly what the list filters on (every facet of these lists now); a list filtered by
anything else is counted in SQL (kept under the catalog version). The database engine (the embedded default) counts
in SQL as the lists always did.
"""

from kb.cache import cached
from projects import counting
from projects.results import MATCH_ALL, MATCH_ANY

from . import service
from .engines import get_engine
from .query import SearchQuery

# {list: the facets the index holds with the list's own meaning}
INDEXED_FACETS = {
    "case_study": ("country", "city", "domain", "technology", "theme", "status", "year"),
    "agreement": ("country", "kind", "status", "year"),
    "solution": ("vendor", "country", "domain", "technology"),
    "lesson": ("country", "domain", "technology", "theme"),
}


def count_listing(listing: str, selections: dict[str, list[str]], all_of: set[str]) -> counting.FacetCounts | None:
    facets = INDEXED_FACETS.get(listing)
    if facets is None or not get_engine().remote or not set(selections) <= set(facets) or not all_of <= {"country"}:
        return None
    years = sorted(int(year) for year in selections.get("year", []))
    if len(years) > 1:
        return None  # the engine filters a range of years, the list any of several
    query = SearchQuery(
        filters={"type": [listing], **{facet: values for facet, values in selections.items() if facet != "year"}},
        year_from=years[0] if years else None,
        year_to=years[0] if years else None,
        page_size=0,
        country_match=MATCH_ALL if all_of else MATCH_ANY,
    )
    result = service.search(query)
    if result.fallback_reason:
        return None  # Elasticsearch did not answer: the list counts its own rows rather than trust another index
    counts = {facet: {item["value"]: item["count"] for item in result.facets.get(facet, []) if item["count"]} for facet in facets}
    return counting.FacetCounts(counts, result.total)


def connect() -> None:
    counting.install(facet_counter=count_listing, catalog_cache=cached)
