"""What every engine does (the Engine protocol), and the pieces they share."""

from collections.abc import Iterable
from typing import Protocol

from ..documents import facet_labels
from ..query import FACETS, SearchQuery, SearchResult


class EngineUnavailable(Exception):
    """The engine could not answer (down, slow, index missing): the service falls back to the database engine."""


class Engine(Protocol):
    name: str
    remote: bool  # a separate service that may fail or be slow: callers guard it and fall back to the database engine
    key: str  # identifies this engine's service (one circuit breaker each)

    # --- reading ---
    def search(self, query: SearchQuery) -> SearchResult: ...

    def suggest(self, prefix: str, limit: int = 8) -> list[dict]: ...

    def aggregate(self, filters: dict[str, list[str]], fields: list[str]) -> dict[str, dict[str, int]]:
        """{field: {value: documents}} over the documents that match every filter (values of one filter OR-ed)."""
        ...

    def fingerprints(self) -> dict[str, object]:
        """{source: fingerprint} of every indexed document, to compare with fingerprint(document)."""
        ...

    def fingerprint(self, document: dict) -> object:
        """What fingerprints() gives for this document once it is indexed."""
        ...

    def exists(self) -> bool: ...

    # --- writing ---
    def index_documents(self, documents: Iterable[dict]) -> None: ...

    def remove_sources(self, sources: list[str]) -> None:
        """Remove these documents and the documents they own (a case study's lessons)."""
        ...

    def prune_owned(self, owners: list[str], keep: set[str]) -> None:
        """Remove the documents these own that are not in `keep` (a lesson deleted from its case study)."""
        ...

    def rebuild(self, documents: Iterable[dict]) -> int: ...

    def drop(self) -> None: ...


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
