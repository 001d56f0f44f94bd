"""The one entry point for views, the API, exports and later features: search(query, user) and suggest(prefix, user).

The index holds only live, unrestricted entries, so every user gets the public view from search; restricted
entries stay reachable for those allowed through their pages.
"""

import logging

from .engines import get_engine
from .engines.base import EngineUnavailable
from .query import SearchQuery, SearchResult

logger = logging.getLogger(__name__)


def search(query: SearchQuery, user=None, engine: str | None = None) -> SearchResult:
    """Search with the configured engine; when it cannot answer, the database engine answers and says why."""
    chosen = get_engine(engine)
    try:
        return chosen.search(query)
    except EngineUnavailable as error:
        if chosen.name == "database":
            raise
        logger.warning("Search engine %s unavailable, answering from the database: %s", chosen.name, error)
        result = get_engine("database").search(query)
        result.fallback_reason = f"The {chosen.name} engine is unavailable; these results come from the database engine."
        return result


def suggest(prefix: str, user=None, limit: int = 8, engine: str | None = None) -> list[dict]:
    """Titles that complete what the user is typing: [{text, url, type}]."""
    chosen = get_engine(engine)
    try:
        return chosen.suggest(prefix, limit=limit)
    except EngineUnavailable:
        return get_engine("database").suggest(prefix, limit=limit)
