"""The one entry point for views, the API, exports and later features: search(query, user), suggest(prefix, user)
and aggregate(filters, fields).

The index holds only live, unrestricted entries, so every user gets the public view from search; restricted
entries stay reachable for those allowed through their pages.

When Elasticsearch cannot answer (down, slower than SEARCH_TIMEOUT, index missing), the database engine answers
and the result says why; a circuit breaker (kb.search.resilience) sends requests straight to the database engine
for a cool-down after repeated failures, so that a dead engine does not cost every request its timeout.

Answers are cached under the catalog version (kb.cache), keyed by the engine, the reader's language and the
request; not by the user, since every user gets the public view. An answer from the fallback engine is not kept:
the next request asks the configured engine again.
"""

import logging

from django.utils.translation import get_language

from kb.cache import cached

from .engines import EngineUnavailable, fallback_engine, get_engine
from .query import SearchQuery, SearchResult
from .resilience import breaker_for

logger = logging.getLogger(__name__)


def _guarded(engine_name: str | None, call, fallback):
    """call(engine) on the chosen engine through its breaker; fallback(reason) answers from the database engine."""
    chosen = get_engine(engine_name)
    if not chosen.remote:
        return call(chosen)
    breaker = breaker_for(chosen.key)
    if not breaker.allow():
        # The reason is shown to the public: no internal addresses or error text (those go to the log).
        return fallback(f"The {chosen.name} engine failed repeatedly; until it recovers, these results come from the database engine.")
    try:
        answer = call(chosen)
    except EngineUnavailable as error:
        breaker.failed(str(error))
        logger.warning("Search engine %s unavailable, answering from the database: %s", chosen.name, error)
        return fallback(f"The {chosen.name} engine is unavailable; these results come from the database engine.")
    breaker.succeeded()
    return answer


def _cached_guarded(kind: str, key, engine_name: str | None, call, fallback):
    """_guarded, its answer cached unless the fallback engine gave it."""
    chosen = get_engine(engine_name)
    fell_back = []

    def from_database(reason: str):
        fell_back.append(reason)
        return fallback(reason)

    return cached(
        kind,
        (chosen.key, getattr(chosen, "alias", ""), get_language(), key),
        lambda: _guarded(engine_name, call, from_database),
        keep=lambda answer: not fell_back,
    )


def search(query: SearchQuery, user=None, engine: str | None = None) -> SearchResult:
    """Search with the configured engine; when it cannot answer, the database engine answers and says why."""

    def from_database(reason: str) -> SearchResult:
        result = fallback_engine().search(query)
        result.fallback_reason = reason
        return result

    return _cached_guarded("search", query, engine, lambda chosen: chosen.search(query), from_database)


def suggest(prefix: str, user=None, limit: int = 8, engine: str | None = None) -> list[dict]:
    """Titles that complete what the user is typing: [{text, url, type}]."""
    return _cached_guarded(
        "suggest",
        (prefix, limit),
        engine,
        lambda chosen: chosen.suggest(prefix, limit=limit),
        lambda reason: fallback_engine().suggest(prefix, limit=limit),
    )


def aggregate(filters: dict[str, list[str]], fields: list[str], engine: str | None = None) -> dict[str, dict[str, int]]:
    """{field: {value: documents}} over the public documents matching every filter (values of one filter OR-ed).

    For figures such as the country comparison's: at scale Elasticsearch counts, on the embedded default the database.
    """
    return _cached_guarded(
        "aggregate",
        (filters, fields),
        engine,
        lambda chosen: chosen.aggregate(filters, fields),
        lambda reason: fallback_engine().aggregate(filters, fields),
    )
