"""Keeping the indexes in step with the catalog, through an outbox.

A change (publish, unpublish, move, delete, privacy, a linked record renamed) only writes PendingIndexUpdate rows,
in the editor's own transaction, and enqueues the drain task once the transaction commits (kb.search.tasks).
The drain rebuilds each pending document from the catalog as it is then and hands it to the engine; a row is
deleted only once the engine took it. When the engine fails, the rows stay with a growing delay (backoff) and the
task re-enqueues itself for the next due row, so updates reach the index once the engine is back, without anyone acting.

The fallback engine is always kept current; the configured engine too (kb.search.engines.kept_engine_names).
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from kb.cache import bump_catalog_version
from projects.models import AgreementPage, CaseStudyPage, City, Organisation, SolutionPage, Theme

from .documents import all_documents, documents_for, owner_source, source_key
from .engines import get_engine, kept_engine_names
from .models import PendingIndexUpdate

logger = logging.getLogger(__name__)

SOURCE_MODELS = {"page": Page, "organisation": Organisation, "city": City, "theme": Theme}
DRAIN_BATCH = 500


def engine_names() -> list[str]:
    """The engines kept in step: the fallback always, the configured one too."""
    return kept_engine_names()


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff: SEARCH_RETRY_BASE_SECONDS, doubled per failed attempt, capped at SEARCH_RETRY_MAX_SECONDS."""
    base = getattr(settings, "SEARCH_RETRY_BASE_SECONDS", 5.0)
    cap = getattr(settings, "SEARCH_RETRY_MAX_SECONDS", 300.0)
    return timedelta(seconds=min(cap, base * 2 ** max(0, attempts - 1)))


# --- queueing (called from signals, inside the editor's transaction) --------------------------------


def queue_sources(sources: Iterable[str], action: str = "update") -> None:
    """Record that these documents must be brought in step, and drain once the transaction commits."""
    sources = sorted(set(sources))
    if not sources:
        return
    now = timezone.now()
    rows = [
        PendingIndexUpdate(engine=name, source=source, action=action, attempts=0, next_attempt_at=now)
        for name in engine_names()
        for source in sources
    ]
    for start in range(0, len(rows), DRAIN_BATCH):
        PendingIndexUpdate.objects.bulk_create(
            rows[start : start + DRAIN_BATCH],
            update_conflicts=True,
            unique_fields=["engine", "source"],
            update_fields=["action", "attempts", "next_attempt_at"],
        )
    _enqueue_drain_on_commit()


def queue_objects(objects: Iterable, action: str = "update") -> None:
    queue_sources((key for key in map(source_key, objects) if key), action)


def queue_subtree(page: Page, action: str) -> None:
    """A move or a restriction change affects a page and everything under it."""
    queue_sources((f"page:{pk}" for pk in page.get_descendants(inclusive=True).values_list("pk", flat=True)), action)


def queue_linked_entries(record) -> None:
    """A renamed organisation, city or theme shows in the documents of the entries that cite it: re-index them too."""
    page_ids: set[int] = set()
    if isinstance(record, Organisation):
        page_ids.update(CaseStudyPage.objects.filter(partners__organisation=record).values_list("pk", flat=True))
        page_ids.update(AgreementPage.objects.filter(party_organisations=record).values_list("pk", flat=True))
        page_ids.update(SolutionPage.objects.filter(vendor=record).values_list("pk", flat=True))
    elif isinstance(record, City):
        page_ids.update(CaseStudyPage.objects.filter(cities=record).values_list("pk", flat=True))
        page_ids.update(SolutionPage.objects.filter(deployments__cities=record).values_list("pk", flat=True))
    elif isinstance(record, Theme):  # case studies show its name, and their lessons on it are titled with it
        page_ids.update(CaseStudyPage.objects.filter(Q(themes=record) | Q(lessons__theme=record)).values_list("pk", flat=True))
    queue_sources([f"page:{pk}" for pk in page_ids], "linked")


def _enqueue_drain() -> None:
    from .tasks import drain_search_index_updates

    try:
        drain_search_index_updates.enqueue()
    except Exception:  # the outbox keeps the update; the next drain (or check_search_index --repair) takes it
        logger.exception("Could not enqueue the search index drain; pending updates stay in the outbox")


def _enqueue_drain_on_commit() -> None:
    """Once per transaction, however many documents it changed.

    SEARCH_QUEUE_ON_COMMIT=False (unit tests, whose transaction never commits) enqueues at once instead.
    """
    if not getattr(settings, "SEARCH_QUEUE_ON_COMMIT", True):
        _enqueue_drain()
        return
    if connection.in_atomic_block and any(func is _enqueue_drain for _, func, _ in connection.run_on_commit):
        return
    transaction.on_commit(_enqueue_drain, robust=True)


# --- draining (the task) ---------------------------------------------------------------------------


@dataclass
class DrainReport:
    indexed: int = 0
    removed: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    next_due: datetime | None = None  # when the next pending row falls due, if any remain

    @property
    def pending(self) -> bool:
        return self.next_due is not None


def _object_for(source: str):
    prefix, _, pk = source.partition(":")
    model = SOURCE_MODELS.get(prefix)
    if model is None or not pk.isdigit():
        return None
    return model.objects.filter(pk=int(pk)).first()


def _documents_by_source(sources: list[str]) -> dict[str, list[dict]]:
    """The documents of each source's entry as the catalog has them now (a case study's own and its lessons');
    [] when it must leave the index."""
    found = {}
    for source in sources:
        obj = _object_for(owner_source(source))
        found[source] = documents_for(obj) if obj is not None else []
    return found


def drain(limit: int = DRAIN_BATCH) -> DrainReport:
    """Apply the due outbox rows to their engines; failed rows wait (backoff) for a later drain, never dropped."""
    report = DrainReport()
    now = timezone.now()
    due = list(PendingIndexUpdate.objects.filter(next_attempt_at__lte=now)[:limit])
    for name in sorted({row.engine for row in due}):
        rows = [row for row in due if row.engine == name]
        documents = _documents_by_source([row.source for row in rows])
        to_index = list({doc["source"]: doc for docs in documents.values() for doc in docs}.values())
        indexed = {doc["source"] for doc in to_index}
        owners = sorted({owner_source(source) for source, docs in documents.items() if docs})
        to_remove = [source for source in documents if source not in indexed]
        try:
            with transaction.atomic():  # a savepoint: a failure here cannot spoil the caller's transaction
                engine = get_engine(name)
                if to_index:
                    engine.index_documents(to_index)
                    engine.prune_owned(owners, keep=indexed)  # e.g. a lesson deleted from its case study
                if to_remove:
                    engine.remove_sources(to_remove)
        except Exception as error:  # down, slow, refused: keep every row of this engine for a later attempt
            message = f"{type(error).__name__}: {error}"[:500]
            logger.warning("Search index update on %s failed (%d documents wait for a retry): %s", name, len(rows), message)
            for row in rows:
                row.attempts += 1
                row.last_error = message
                row.next_attempt_at = timezone.now() + retry_delay(row.attempts)
            PendingIndexUpdate.objects.bulk_update(rows, ["attempts", "last_error", "next_attempt_at"])
            report.failed += len(rows)
            report.errors.append(f"{name}: {message}")
            continue
        for row in rows:
            # Only if nobody queued the document again meanwhile: a newer change keeps its row.
            PendingIndexUpdate.objects.filter(pk=row.pk, next_attempt_at=row.next_attempt_at).delete()
        bump_catalog_version()  # answers cached between the editor's save and now came from the index before it
        report.indexed += len(to_index)
        report.removed += len(to_remove)
    next_row = PendingIndexUpdate.objects.order_by("next_attempt_at").first()
    report.next_due = next_row.next_attempt_at if next_row else None
    return report


def drain_all(max_rounds: int = 1000) -> DrainReport:
    """Drain every due row, batch after batch (a big move or a renamed organisation queues many)."""
    total = DrainReport()
    for _ in range(max_rounds):
        report = drain()
        total.indexed += report.indexed
        total.removed += report.removed
        total.failed += report.failed
        total.errors += report.errors
        total.next_due = report.next_due
        if report.failed or not (report.indexed or report.removed):
            break
    return total


# --- direct use (commands, tests) --------------------------------------------------------------------


def update_entry(obj) -> None:
    """Queue one entry or record; with the immediate task backend it is indexed when the transaction commits."""
    queue_objects([obj])


def remove_entry(obj) -> None:
    queue_objects([obj], "remove")


def update_subtree(page) -> None:
    queue_subtree(page, "move")


def rebuild_all(engine_names_: list[str] | None = None) -> dict[str, int]:
    """Rebuild each engine's index from the catalog (new index, alias swap); returns {engine: documents indexed}."""
    started = timezone.now()
    names = engine_names_ or engine_names()
    counts = {name: get_engine(name).rebuild(all_documents()) for name in names}  # streamed: memory stays flat
    bump_catalog_version()
    # The rebuilt index holds what rows queued before it started asked for; rows queued since stay.
    PendingIndexUpdate.objects.filter(engine__in=names).filter(Q(next_attempt_at__lte=started) | Q(attempts__gt=0, created_at__lte=started)).delete()
    return counts
