"""What callers may ask of any engine beyond searching: whether its index exists, what it holds, and dropping it."""

import uuid

import pytest

from kb.search.engines import get_engine


@pytest.fixture
def own_index(engine_name, settings, contract_corpus, db):
    """The engine under test, on an index of this test's own (Elasticsearch) so dropping it harms no other test."""
    settings.SEARCH_INDEX_PREFIX = f"kbcontract_{uuid.uuid4().hex[:8]}"
    engine = get_engine(engine_name)
    yield engine, contract_corpus["_documents"]
    if engine_name == "database":
        engine.rebuild(contract_corpus["_documents"])  # the module's corpus, as the other tests expect it
    else:
        engine.drop()


def test_an_engine_fingerprints_every_document_as_it_would_index_it(own_index):
    engine, documents = own_index
    engine.rebuild(documents)
    assert engine.exists()
    fingerprints = engine.fingerprints()
    assert set(fingerprints) == {doc["source"] for doc in documents}
    assert all(fingerprints[doc["source"]] == engine.fingerprint(doc) for doc in documents)
    changed = {**documents[0], "title": "Another title"}
    assert engine.fingerprint(changed) != fingerprints[changed["source"]]


def test_a_dropped_index_holds_nothing(own_index, engine_name):
    engine, documents = own_index
    engine.rebuild(documents)
    engine.drop()
    assert engine.fingerprints() == {}
    # The database engine's tables stay (they come with the migrations); an Elasticsearch index is gone until rebuilt.
    assert engine.exists() is {"database": True, "elasticsearch": False}[engine_name]
