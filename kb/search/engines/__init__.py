"""The two engines behind kb.search.service: database (embedded default) and Elasticsearch."""

from django.conf import settings

from .base import Engine


def engine_name(backend: str | None = None) -> str:
    backend = backend or settings.SEARCH_BACKEND
    return "database" if backend == "database" else "elasticsearch"


def get_engine(name: str | None = None) -> Engine:
    name = name or engine_name()
    if name == "database":
        from .database import DatabaseEngine

        return DatabaseEngine()
    from .elasticsearch import ElasticsearchEngine

    return ElasticsearchEngine()
