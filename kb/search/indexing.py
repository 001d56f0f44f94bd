"""Keeping the indexes in step with the catalog. Every change goes through update_entry / remove_entry
(one place, so a later change can put them on a task queue), and rebuild_all rebuilds from scratch."""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction

from .documents import all_documents, documents_for, source_key
from .engines import get_engine
from .engines.base import EngineUnavailable

logger = logging.getLogger(__name__)


@contextmanager
def _never_blocking(engine_name: str, source: str):
    """An index update must never make an editor's save fail: log the problem; a rebuild catches up."""
    try:
        with transaction.atomic():  # a savepoint, so a failed update cannot spoil the editor's transaction
            yield
    except EngineUnavailable as error:
        logger.warning("Could not update %s in the %s index: %s", source, engine_name, error)
    except Exception:
        logger.exception("Updating %s in the %s index failed", source, engine_name)


def _engines():
    """The database engine is always kept current (it is the fallback); Elasticsearch too when configured."""
    engines = [get_engine("database")]
    if settings.SEARCH_BACKEND != "database":
        engines.append(get_engine("elasticsearch"))
    return engines


def update_entry(obj) -> None:
    """Index an entry or record as it is now, or drop it when it is no longer public (unpublished, restricted)."""
    source = source_key(obj)
    if source is None:
        return
    documents = documents_for(obj)
    for engine in _engines():
        with _never_blocking(engine.name, source):
            if documents:
                engine.index_documents(documents)
            else:
                engine.remove_sources([source])


def update_subtree(page) -> None:
    """A move or a restriction change affects a page and everything under it."""
    for descendant in page.get_descendants(inclusive=True).specific():
        update_entry(descendant)


def remove_entry(obj) -> None:
    source = source_key(obj)
    if source is None:
        return
    for engine in _engines():
        with _never_blocking(engine.name, source):
            engine.remove_sources([source])


def rebuild_all(engine_names: list[str] | None = None) -> dict[str, int]:
    """Rebuild each engine's index from the catalog; returns {engine: documents indexed}."""
    documents = list(all_documents())
    engines = [get_engine(name) for name in engine_names] if engine_names else _engines()
    return {engine.name: engine.rebuild(documents) for engine in engines}
