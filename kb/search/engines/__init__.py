"""The one place that chooses an engine: database (the embedded default and everyone's fallback) or Elasticsearch.

Everything outside this package talks to an Engine (kb.search.engines.base) and never asks which one it is.
"""

from django.conf import settings

from .base import Engine, EngineUnavailable

ENGINE_NAMES = ["database", "elasticsearch"]
FALLBACK = "database"

__all__ = ["ENGINE_NAMES", "Engine", "EngineUnavailable", "engine_name", "fallback_engine", "get_engine", "kept_engine_names"]


def engine_name(backend: str | None = None) -> str:
    """The engine a SEARCH_BACKEND value names."""
    backend = backend or settings.SEARCH_BACKEND
    return "database" if backend == "database" else "elasticsearch"


def get_engine(name: str | None = None) -> Engine:
    name = name or engine_name()
    if name == "database":
        from .database import DatabaseEngine

        return DatabaseEngine()
    from .elasticsearch import ElasticsearchEngine

    return ElasticsearchEngine()


def fallback_engine() -> Engine:
    """The engine that answers when the configured one cannot: it is always there and always kept current."""
    return get_engine(FALLBACK)


def kept_engine_names() -> list[str]:
    """The engines whose indexes are kept in step with the catalog: the fallback always, the configured one too."""
    return list(dict.fromkeys([FALLBACK, engine_name()]))
