"""What every engine does (the Engine protocol), and the pieces they share."""

from collections.abc import Iterable
from typing import Protocol

from django.utils.translation import get_language

from kb.cache import cached

from ..documents import LABELLED_BY, facet_labels
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
        labels = _labels(facet, facet_counts)
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


def _labels(facet: str, values) -> dict[str, str]:
    """Labels of a facet's values; the records' labels (countries, cities, vocabularies) read once per catalog
    version and language rather than in a query per facet per search."""
    if facet not in LABELLED_BY:
        return facet_labels(facet, values)
    every = cached("facet-labels", (facet, get_language()), lambda: facet_labels(facet, None))
    return {value: every[value] for value in values if value in every}
