"""Faults against a real Elasticsearch node really stopped, or made slower than its timeout.

Editors' publishes, edits and unpublishes succeed with the engine down; public search answers from the database
engine and says so; when the engine is back, the task retry brings the index exactly in step.

No assertion depends on how fast two shared cores run: waits (backoff, cool-down) are made to pass by moving the
scheduled times, and the only timing bound (a slow engine costs its timeout, not its delay) has a wide margin.
"""

import time
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from benchmarks.slow_proxy import SlowProxy
from kb.search import indexing
from kb.search.consistency import check
from kb.search.engines.elasticsearch import ElasticsearchEngine
from kb.search.models import PendingIndexUpdate
from kb.search.query import SearchQuery
from kb.search.resilience import reset_breakers
from tests.factories import CaseStudyPageFactory
from tests.task_worker import run_worker_once, worker_inside_test_transaction

from .fault_support import Node

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

WORD = "wombatport"


@pytest.fixture(scope="module")
def node():
    """A node of this module's own: stopping it leaves the shared session node alone."""
    own = Node()
    try:
        own.start()
    except RuntimeError as error:
        from .conftest import _unavailable

        own.remove()
        _unavailable(str(error))
    yield own
    own.remove()


@pytest.fixture
def on_node(node, settings):
    """Search and indexing point at the fault-test node, with a fresh index name and closed breakers."""
    settings.SEARCH_BACKEND = "elasticsearch7"
    settings.SEARCH_URL = node.url
    settings.SEARCH_INDEX_PREFIX = f"kbfault_{uuid.uuid4().hex[:8]}"
    settings.SEARCH_RETRY_BASE_SECONDS = 60  # nothing falls due by itself during the test: backoff_elapses() makes it
    settings.SEARCH_RETRY_MAX_SECONDS = 600
    reset_breakers()
    yield node
    reset_breakers()
    ElasticsearchEngine(url=node.url).drop()


def entry(slug: str, title: str, live: bool = True):
    return CaseStudyPageFactory(title=title, slug=slug, summary=f"A {WORD} pilot for the harbour district.", live=live)


def api_search(client) -> tuple[dict, float]:
    started = time.monotonic()
    response = client.get("/api/search/", {"q": WORD, "page_size": 50})
    return response.json(), time.monotonic() - started


def page_search(client) -> str:
    return client.get("/search/", {"q": WORD}).content.decode()


def es_slugs() -> set[str]:
    """What the index holds, looked at with a generous timeout: the test checks content here, not speed."""
    return {hit.slug for hit in ElasticsearchEngine(timeout=30).search(SearchQuery(text=WORD, page_size=50)).hits}


def backoff_elapses() -> None:
    """As if the retry delay had passed: the outbox rows and the drain the worker scheduled for them fall due now."""
    now = timezone.now()
    PendingIndexUpdate.objects.update(next_attempt_at=now - timedelta(seconds=1))
    DBTaskResult.objects.filter(started_at__isnull=True).update(run_after=now - timedelta(seconds=1))


def test_with_the_engine_stopped_editors_work_readers_get_database_results_and_the_index_catches_up(client, on_node, settings):
    node = on_node
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # as in production: a queue and its worker
    with worker_inside_test_transaction():
        run_outage_scenario(client, node)


def run_outage_scenario(client, node):
    steady = entry("ct-wombat-steady", "Wombatport Steady Sensors")
    edited = entry("ct-wombat-edited", "Wombatport Water Meters")
    unpublished = entry("ct-wombat-unpublished", "Wombatport Parking App")
    fresh = entry("ct-wombat-fresh", "Wombatport Flood Gauges", live=False)
    indexing.rebuild_all()
    assert es_slugs() == {"ct-wombat-steady", "ct-wombat-edited", "ct-wombat-unpublished"}

    node.stop()
    try:
        fresh.save_revision().publish()
        edited.title = "Wombatport Smart Water Meters"
        edited.save_revision().publish()
        unpublished.unpublish()
        run_worker_once()  # the worker keeps running during the outage: the database engine takes the updates, Elasticsearch fails
        assert PendingIndexUpdate.objects.filter(engine="elasticsearch", attempts__gte=1).count() == 3  # kept, not dropped
        retry = DBTaskResult.objects.get(started_at__isnull=True)  # the drain scheduled its own retry, for when the rows fall due
        assert retry.run_after == PendingIndexUpdate.objects.order_by("next_attempt_at").first().next_attempt_at

        body, _ = api_search(client)
        assert body["engine"] == "database" and "unavailable" in body["fallback_reason"]
        assert {hit["slug"] for hit in body["results"]} == {"ct-wombat-steady", "ct-wombat-edited", "ct-wombat-fresh"}
        assert "Wombatport Smart Water Meters" in {hit["title"] for hit in body["results"]}
        assert "these results come from the database engine" in page_search(client)
    finally:
        node.start()

    run_worker_once()  # the retry is not due yet: nothing is lost meanwhile
    assert PendingIndexUpdate.objects.filter(engine="elasticsearch").count() == 3
    backoff_elapses()
    run_worker_once()  # only the task the drain scheduled for itself runs: nothing here enqueues anything
    assert not PendingIndexUpdate.objects.exists()
    reset_breakers()
    assert es_slugs() == {"ct-wombat-steady", "ct-wombat-edited", "ct-wombat-fresh"}
    titles = {hit.slug: hit.title for hit in ElasticsearchEngine(timeout=30).search(SearchQuery(text=WORD)).hits}
    assert titles["ct-wombat-edited"] == "Wombatport Smart Water Meters"
    report = check("elasticsearch")
    assert report.in_step, report
    body, _ = api_search(client)
    assert body["engine"] == "elasticsearch" and body["fallback_reason"] is None
    steady.refresh_from_db()
    assert steady.live


def test_a_slow_engine_costs_at_most_its_timeout_and_then_the_breaker_skips_it(client, on_node, settings):
    for number in range(3):
        entry(f"ct-wombat-{number}", f"Wombatport Kiosk {number}")
    indexing.rebuild_all()
    with SlowProxy(on_node.port, delay=20.0) as proxy:  # far slower than the timeout, so the bound below has a wide margin
        settings.SEARCH_URL = proxy.url
        settings.SEARCH_TIMEOUT = 0.5
        settings.SEARCH_BREAKER_THRESHOLD = 2
        settings.SEARCH_BREAKER_COOLDOWN = 3600  # the breaker stays open until the test lets the cool-down pass
        for _ in range(2):  # each tries the engine and gives up at its timeout, long before the engine would answer
            body, seconds = api_search(client)
            assert seconds < 10
            assert body["engine"] == "database" and "unavailable" in body["fallback_reason"]
            assert len(body["results"]) == 3

        body, _ = api_search(client)  # the breaker is open: straight to the database engine, without trying
        assert body["engine"] == "database" and "failed repeatedly" in body["fallback_reason"]
        assert "failed repeatedly" in page_search(client)

        proxy.delay = 0.0
        settings.SEARCH_BREAKER_COOLDOWN = 0  # the cool-down passes: one trial request finds the engine healthy again
        body, _ = api_search(client)
        assert body["engine"] == "elasticsearch" and body["fallback_reason"] is None
        assert {hit["slug"] for hit in body["results"]} == {"ct-wombat-0", "ct-wombat-1", "ct-wombat-2"}
