"""Rebuilding and record changes keep the index whole; pages cost a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kb.search import service
from kb.search.engines.base import EngineUnavailable
from kb.search.engines.elasticsearch import ElasticsearchEngine
from kb.search.query import SearchQuery


def test_a_rebuild_swaps_in_a_fresh_index_behind_the_alias(contract_corpus, elasticsearch_url, settings, db):
    settings.SEARCH_BACKEND = "elasticsearch7"
    engine = ElasticsearchEngine()
    corpus = contract_corpus
    engine.rebuild(corpus["_documents"])
    before = set(engine.client.indices.get_alias(name=engine.alias))
    engine.rebuild(corpus["_documents"])
    after = set(engine.client.indices.get_alias(name=engine.alias))
    assert len(after) == 1 and not before & after
    assert not engine.client.indices.exists(index=",".join(before))  # the old index is gone
    assert service.search(SearchQuery(text="congestion")).hits[0].slug == "ct-hangzhou-city-brain"


def test_a_rebuild_that_fails_keeps_the_old_index_answering_and_the_next_one_cleans_up(contract_corpus, elasticsearch_url, settings, db):
    settings.SEARCH_BACKEND = "elasticsearch7"
    engine = ElasticsearchEngine()
    engine.rebuild(contract_corpus["_documents"])
    serving = set(engine.client.indices.get_alias(name=engine.alias))

    def broken_documents():
        yield from contract_corpus["_documents"][:3]
        raise EngineUnavailable("the node went away mid-rebuild")

    with pytest.raises(EngineUnavailable):
        engine.rebuild(broken_documents())
    assert set(engine.client.indices.get_alias(name=engine.alias)) == serving  # readers never saw the half-built index
    assert service.search(SearchQuery(text="congestion")).hits[0].slug == "ct-hangzhou-city-brain"

    engine.client.indices.create(index=f"{engine.alias}_leftover", request_timeout=30)  # as if a node had died before the cleanup
    engine.rebuild(contract_corpus["_documents"])
    assert list(engine.client.indices.get(index=f"{engine.alias}_*")) == list(engine.client.indices.get_alias(name=engine.alias))


def test_renaming_a_city_updates_its_entry_in_the_index(corpus, engine_name):
    city = next(record for record in corpus["records"] if getattr(record, "slug", "") == "ct-bangkok")
    city.name = "Krung Thep"
    city.save()
    try:
        hits = service.search(SearchQuery(text="Krung Thep")).hits
        assert [hit.slug for hit in hits][:1] == ["ct-bangkok"]
    finally:
        city.name = "Bangkok"
        city.save()


@pytest.mark.parametrize("page_size", [2, 20])
def test_the_search_page_costs_the_same_queries_whatever_the_page_size(client, corpus, engine_name, page_size, settings):
    settings.CATALOG_CACHE_SECONDS = 0  # what computing the page costs, not reading it back from the cache
    client.get("/search/", {"q": "city", "page_size": 2})  # warm caches (site root, synonyms table)
    with CaptureQueriesContext(connection) as small:
        client.get("/search/", {"q": "city", "page_size": 2})
    with CaptureQueriesContext(connection) as large:
        response = client.get("/search/", {"q": "city", "page_size": page_size})
    assert response.status_code == 200
    assert len(large) == len(small) <= 40
