"""Index updates go through the outbox and a queued task: on commit, retried with backoff, never dropped; checkable and repairable."""

import socket
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from kb.search import service
from kb.search.engines import get_engine
from kb.search.models import PendingIndexUpdate
from kb.search.query import SearchQuery
from kb.search.tasks import drain_search_index_updates
from tests.factories import CaseStudyPageFactory, CaseStudyPartnerFactory, OrganisationFactory


def slugs(text: str, engine: str | None = None) -> list[str]:
    return [hit.slug for hit in service.search(SearchQuery(text=text), engine=engine).hits]


def closed_port() -> int:
    """A loopback port nothing listens on: an engine there is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def draft(slug="ct-numbat-grid", title="Numbat Grid Smart Meters"):
    return CaseStudyPageFactory(title=title, slug=slug, summary="Smart meters across the numbat district.", live=False)


def test_an_editors_publish_reaches_the_index_only_when_the_transaction_commits(corpus, settings, django_capture_on_commit_callbacks):
    settings.SEARCH_QUEUE_ON_COMMIT = True
    page = draft()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()
        assert "ct-numbat-grid" not in slugs("numbat")  # the save did not touch the engine
        assert PendingIndexUpdate.objects.filter(source=f"page:{page.pk}", action="publish").exists()
    drains = [callback for callback in callbacks if callback.__name__ == "_enqueue_drain"]
    assert len(drains) == 1  # one drain per transaction
    try:
        drains[0]()
        assert slugs("numbat") == ["ct-numbat-grid"]
        assert not PendingIndexUpdate.objects.exists()
    finally:
        settings.SEARCH_QUEUE_ON_COMMIT = False
        page.refresh_from_db()
        page.unpublish()


def test_a_rolled_back_publish_leaves_neither_the_index_nor_the_outbox_changed(corpus, settings, django_capture_on_commit_callbacks):
    settings.SEARCH_QUEUE_ON_COMMIT = True
    page = draft()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            page.save_revision().publish()
            raise RuntimeError("the editor's request failed after publishing")
    assert callbacks == []
    assert not PendingIndexUpdate.objects.exists()
    assert "ct-numbat-grid" not in slugs("numbat")


def test_renaming_an_organisation_re_indexes_the_entries_that_show_it(corpus, engine_name):
    organisation = OrganisationFactory(name="Quoll Systems", slug="ct-quoll-systems")
    page = draft()
    CaseStudyPartnerFactory(page=page, organisation=organisation)
    page.save_revision().publish()
    try:
        organisation.name = "Bilby Networks"
        organisation.save()
        assert "ct-numbat-grid" in slugs("Bilby Networks")
        assert "ct-numbat-grid" not in slugs("Quoll")
    finally:
        page.refresh_from_db()
        page.unpublish()
        page.partners.all().delete()
        organisation.delete()


def test_moving_an_entry_updates_its_address_in_the_index(corpus, engine_name):
    page = draft()
    page.save_revision().publish()
    new_parent = Page.objects.get(pk=corpus["kl_safe"].pk)
    try:
        page.refresh_from_db()
        page.move(new_parent, pos="last-child")
        [hit] = [hit for hit in service.search(SearchQuery(text="numbat")).hits if hit.slug == "ct-numbat-grid"]
        assert hit.url == f"/case-studies/{new_parent.slug}/ct-numbat-grid/"
    finally:
        page.refresh_from_db()
        page.unpublish()


def test_a_failed_update_waits_with_backoff_and_reaches_the_engine_once_it_is_back(corpus, elasticsearch_url, settings):
    settings.SEARCH_BACKEND = "elasticsearch7"
    settings.SEARCH_RETRY_BASE_SECONDS = 60  # nothing falls due by itself during the test: backoff_elapses() makes it
    settings.SEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    page = draft()
    before_first = timezone.now()
    page.save_revision().publish()  # succeeds although Elasticsearch is down
    try:
        assert slugs("numbat", engine="database") == ["ct-numbat-grid"]  # the fallback is current at once
        waiting = PendingIndexUpdate.objects.get(engine="elasticsearch", source=f"page:{page.pk}")
        assert waiting.attempts == 1 and "Connection" in waiting.last_error
        assert waiting.next_attempt_at >= before_first + timedelta(seconds=60)

        backoff_elapses()
        before_second = timezone.now()
        drain_search_index_updates.enqueue()  # still down: kept, and waits twice as long
        waiting.refresh_from_db()
        assert waiting.attempts == 2
        assert waiting.next_attempt_at >= before_second + timedelta(seconds=120)

        settings.SEARCH_URL = elasticsearch_url
        drain_search_index_updates.enqueue()  # not due yet: nothing happens
        assert PendingIndexUpdate.objects.filter(engine="elasticsearch").exists()
        backoff_elapses()
        drain_search_index_updates.enqueue()
        assert not PendingIndexUpdate.objects.exists()
        assert slugs("numbat", engine="elasticsearch") == ["ct-numbat-grid"]
    finally:
        settings.SEARCH_URL = elasticsearch_url
        page.refresh_from_db()
        page.unpublish()


def backoff_elapses() -> None:
    """As if the retry delay had passed: every waiting outbox row falls due now."""
    PendingIndexUpdate.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def check_index(engine: str, repair: bool = False) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("check_search_index", engine=[engine], repair=repair, stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def test_check_search_index_reports_missing_stale_and_no_longer_public_entries_and_repair_fixes_them(corpus, engine_name):
    engine = get_engine(engine_name)
    documents = {doc["source"]: doc for doc in corpus["_documents"]}
    brain, kl_safe, hcmc = (f"page:{corpus[key].pk}" for key in ("brain", "kl_safe", "hcmc_traffic"))
    hidden = draft()
    hidden_source = f"page:{hidden.pk}"
    try:
        engine.remove_sources([brain])
        engine.index_documents([{**documents[kl_safe], "title": "An outdated title"}])
        engine.index_documents([{**documents[hcmc], "source": hidden_source, "slug": "ct-numbat-grid"}])

        code, report = check_index(engine_name)
        assert code == 1 and "OUT OF STEP" in report
        assert f"missing: {brain}" in report
        assert f"stale: {kl_safe}" in report
        assert f"no longer public: {hidden_source}" in report

        code, report = check_index(engine_name, repair=True)
        assert code == 0 and f"{engine_name}: repaired" in report
        assert check_index(engine_name)[0] == 0
        assert "ct-hangzhou-city-brain" in slugs("Hangzhou City Brain")
        assert "An outdated title" not in [hit.title for hit in service.search(SearchQuery(text="outdated")).hits]
        assert "ct-numbat-grid" not in slugs("Ho Chi Minh")
    finally:
        engine.remove_sources([hidden_source])
        engine.index_documents(corpus["_documents"])
