"""Is each engine's index in step with the catalog? Compares every indexed document with the one the catalog gives now."""

from dataclasses import dataclass, field

from .documents import all_documents
from .engines import get_engine


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


def check(engine_name: str) -> IndexReport:
    """Raises EngineUnavailable when the engine cannot be read."""
    engine = get_engine(engine_name)
    indexed = engine.fingerprints()
    report = IndexReport(engine=engine_name, indexed=len(indexed))
    seen = set()
    for doc in all_documents():
        source = doc["source"]
        seen.add(source)
        report.expected += 1
        if source not in indexed:
            report.missing.append(source)
        elif indexed[source] != engine.fingerprint(doc):
            report.stale.append(source)
    report.not_public = sorted(set(indexed) - seen)
    return report
