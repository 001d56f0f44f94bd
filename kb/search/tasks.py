"""The queued task that brings the search indexes in step with the outbox (kb.search.indexing.drain).

Enqueued when an editor's transaction commits; run by the django-tasks worker (manage.py db_worker) in
production and immediately in unit tests. When an engine fails, the rows stay in the outbox and the task
enqueues itself again for when the next one falls due (backoff), so the index catches up on its own.
"""

import logging

from django_tasks import task

from . import indexing

logger = logging.getLogger(__name__)


@task()
def drain_search_index_updates() -> dict:
    report = indexing.drain_all()
    if report.failed and report.next_due is not None:
        backend = drain_search_index_updates.get_backend()
        if backend.supports_defer:
            drain_search_index_updates.using(run_after=report.next_due).enqueue()
        else:  # e.g. the immediate backend of the unit tests: the next change or check_search_index --repair drains
            logger.warning("Search index updates wait in the outbox: the task backend cannot schedule a retry")
    return {"indexed": report.indexed, "removed": report.removed, "failed": report.failed, "errors": report.errors}
