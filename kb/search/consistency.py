"""Is each engine's index in step with the catalog? Compares every indexed document with the one the catalog gives now."""

from dataclasses import dataclass, field

from django.db.models import Model

from .documents import all_documents
from .engines import get_engine
from .engines.base import EngineUnavailable

DATABASE_COMPARED = [
    "doc_type", "slug", "title", "url", "summary", "local_names", "organisations", "places", "tags",
    "lessons", "outcomes", "controversies", "body", "status", "year", "sort_date", "facet_data",
]  # fmt: skip


@dataclass
class IndexReport:
    engine: str
    missing: list[str] = field(default_factory=list)  # public, not in the index
    stale: list[str] = field(default_factory=list)  # in the index with other content than the catalog's
    not_public: list[str] = field(default_factory=list)  # in the index, no longer public (or gone)
    indexed: int = 0
    expected: int = 0

    @property
    def in_step(self) -> bool:
        return not (self.missing or self.stale or self.not_public)


def _database_fingerprints() -> dict[str, tuple]:
    from .models import SearchDocument

    return {
        row["source"]: tuple(row[name] for name in DATABASE_COMPARED)
        for row in SearchDocument.objects.values("source", *DATABASE_COMPARED).iterator()
    }


def _database_expected(doc: dict) -> tuple:
    from .engines.database import _to_model

    model: Model = _to_model(doc)
    return tuple(getattr(model, name) for name in DATABASE_COMPARED)


def _elasticsearch_fingerprints() -> dict[str, dict]:
    from elasticsearch import helpers
    from elasticsearch.exceptions import ElasticsearchException, NotFoundError

    engine = get_engine("elasticsearch")
    try:
        return {
            hit["_id"]: hit["_source"]
            for hit in helpers.scan(engine.client, index=engine.alias, query={"query": {"match_all": {}}}, size=1000, request_timeout=60)
        }
    except NotFoundError:
        return {}
    except ElasticsearchException as error:
        raise EngineUnavailable(str(error)[:300]) from error


def _elasticsearch_expected(doc: dict) -> dict:
    from .engines.elasticsearch import _es_document

    return _es_document(doc)


def check(engine_name: str) -> IndexReport:
    """Raises EngineUnavailable when the engine cannot be read."""
    fingerprints, expected_of = (
        (_database_fingerprints, _database_expected) if engine_name == "database" else (_elasticsearch_fingerprints, _elasticsearch_expected)
    )
    indexed = fingerprints()
    report = IndexReport(engine=engine_name, indexed=len(indexed))
    seen = set()
    for doc in all_documents():
        source = doc["source"]
        seen.add(source)
        report.expected += 1
        if source not in indexed:
            report.missing.append(source)
        elif indexed[source] != expected_of(doc):
            report.stale.append(source)
    report.not_public = sorted(set(indexed) - seen)
    return report
