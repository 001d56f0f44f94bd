"""What every engine does, and the pieces they share."""

from collections.abc import Iterable
from typing import Protocol

from ..documents import facet_labels
from ..query import FACETS, SearchQuery, SearchResult


class EngineUnavailable(Exception):
    """The engine could not answer (down, slow, index missing): the service falls back to the database engine."""


class Engine(Protocol):
    name: str

    def search(self, query: SearchQuery) -> SearchResult: ...

    def suggest(self, prefix: str, limit: int = 8) -> list[dict]: ...

    def index_documents(self, documents: Iterable[dict]) -> None: ...

    def remove_sources(self, sources: list[str]) -> None: ...

    def rebuild(self, documents: Iterable[dict]) -> int: ...


def facet_list(query: SearchQuery, counts: dict[str, dict[str, int]]) -> dict[str, list[dict]]:
    """{facet: [{value, label, count, selected}]}: most frequent first; selected values always listed, even at zero."""
    facets = {}
    for facet in FACETS:
        facet_counts = dict(counts.get(facet, {}))
        selected = set(query.filters.get(facet, []))
        for value in selected:
            facet_counts.setdefault(value, 0)
        labels = facet_labels(facet, facet_counts)
        items = [
            {"value": value, "label": labels.get(value, value), "count": count, "selected": value in selected}
            for value, count in facet_counts.items()
            if value in selected or value in labels  # unknown selected values stay visible; stale values vanish
        ]
        if facet == "year":
            items.sort(key=lambda item: item["value"], reverse=True)
        else:
            items.sort(key=lambda item: (-item["count"], item["label"].lower()))
        facets[facet] = items
    return facets
