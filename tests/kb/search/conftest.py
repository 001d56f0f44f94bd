"""Fixtures for the search tests: a real Elasticsearch node, the contract corpus, and the engine under test."""

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
ES_SCRIPT = ROOT / "deploy" / "elasticsearch" / "es.sh"
# Test nodes take the first free port from KB_TEST_ES_PORT_TOP down (the cluster runner accepts ports up to 9299);
# `make test` gives its SQLite and PostgreSQL runs, which go side by side, ranges of their own.
ES_PORT_TOP = min(9299, int(os.environ.get("KB_TEST_ES_PORT_TOP", "9299")))
ES_PORTS = range(ES_PORT_TOP, ES_PORT_TOP - 25, -1)
# KB_TEST_ES_NODES=3 runs the search tests on a cluster of three nodes, each index with one replica per shard.
ES_NODES = int(os.environ.get("KB_TEST_ES_NODES", "1"))
ENGINES = ["database", "elasticsearch"]


def _free_port(nodes: int = 1) -> int:
    """KB_TEST_ES_PORT, or the first port of ES_PORTS free for `nodes` nodes in a row, so that two test runs never
    share a node."""
    if os.environ.get("KB_TEST_ES_PORT"):
        return int(os.environ["KB_TEST_ES_PORT"])
    for port in ES_PORTS:
        if port + nodes - 1 > ES_PORT_TOP:
            continue
        if all(_port_free(candidate) for candidate in range(port, port + nodes)):
            return port
    return ES_PORTS[0]


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def _unavailable(reason: str):
    if os.environ.get("KB_REQUIRE_SERVICES") == "1":
        pytest.fail(f"Elasticsearch is required (KB_REQUIRE_SERVICES=1) but {reason}", pytrace=False)
    pytest.skip(f"ELASTICSEARCH TESTS NOT RUN: {reason} (set KB_REQUIRE_SERVICES=1 to make this a failure)")


@pytest.fixture(scope="session")
def elasticsearch_url():
    """SEARCH_URL from the environment, or a node of our own started from deploy/elasticsearch and stopped afterwards."""
    if os.environ.get("SEARCH_URL"):
        url, data_dir = os.environ["SEARCH_URL"], None
    else:
        if not ES_SCRIPT.exists():
            _unavailable(f"{ES_SCRIPT.relative_to(ROOT)} is missing and SEARCH_URL is not set")
        data_dir = tempfile.mkdtemp(prefix="kb-test-es-")
        port = _free_port(ES_NODES)
        command = ["bash", str(ES_SCRIPT), "start", "--port", str(port), "--data", data_dir]
        if ES_NODES > 1:
            command += ["--nodes", str(ES_NODES), "--heap", "384m"]
        started = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
        if started.returncode != 0:
            subprocess.run(["bash", str(ES_SCRIPT), "stop", "--data", data_dir], cwd=ROOT, capture_output=True, timeout=120)
            shutil.rmtree(data_dir, ignore_errors=True)
            _unavailable(f"no node could be started on port {port}: {(started.stderr or started.stdout).strip()[-500:]}")
        url = ",".join(f"http://127.0.0.1:{node_port}" for node_port in range(port, port + ES_NODES))
    previous = settings.SEARCH_URL, settings.SEARCH_INDEX_PREFIX, settings.SEARCH_REPLICAS
    settings.SEARCH_URL = url
    settings.SEARCH_INDEX_PREFIX = f"kbtest_{uuid.uuid4().hex[:8]}"
    settings.SEARCH_REPLICAS = 1 if ES_NODES > 1 else settings.SEARCH_REPLICAS
    try:
        from kb.search.engines.elasticsearch import ElasticsearchEngine

        if not ElasticsearchEngine().client.ping():
            _unavailable(f"the node at {url} does not answer")
        yield url
    finally:
        from kb.search.engines.elasticsearch import ElasticsearchEngine

        ElasticsearchEngine().drop()
        settings.SEARCH_URL, settings.SEARCH_INDEX_PREFIX, settings.SEARCH_REPLICAS = previous
        if data_dir:
            subprocess.run(["bash", str(ES_SCRIPT), "stop", "--data", data_dir], cwd=ROOT, capture_output=True, timeout=120)
            shutil.rmtree(data_dir, ignore_errors=True)


def ensure_test_database() -> None:
    """Module fixtures write outside test transactions: make sure that is the test database, never a real one.

    (pytest-django only creates the test database when a collected test is marked for database access.)
    """
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    if not (name.startswith("file:memorydb") or name == ":memory:" or "test" in Path(name).name):
        pytest.fail(f"refusing to write search fixtures into {name}: mark the test with django_db", pytrace=False)


def use_engine(name: str, request) -> str:
    """Point settings at the engine; for Elasticsearch, make sure a node is there first."""
    if name == "elasticsearch":
        request.getfixturevalue("elasticsearch_url")
    return name


@pytest.fixture(params=ENGINES)
def engine_name(request, settings):
    """The engine under test: the same test runs against both."""
    name = use_engine(request.param, request)
    settings.SEARCH_BACKEND = "database" if name == "database" else "elasticsearch7"
    return name


@pytest.fixture(scope="module")
def contract_corpus(django_db_setup, django_db_blocker):
    """The contract catalog, indexed alone in the database engine; removed when the module is done."""
    from kb.search.engines import get_engine

    from .corpus import build, corpus_documents, remove_created, snapshot

    with django_db_blocker.unblock():
        ensure_test_database()
        before = snapshot()
        objects = build()
        documents = corpus_documents(objects)
        get_engine("database").rebuild(documents)
        objects["_documents"] = documents
        objects["_es_built"] = False
    yield objects
    with django_db_blocker.unblock():
        remove_created(before)
        get_engine("database").rebuild([])


@pytest.fixture
def corpus(contract_corpus, engine_name, db):
    """The contract catalog, indexed in the engine under test."""
    if engine_name == "elasticsearch" and not contract_corpus["_es_built"]:
        from kb.search.engines import get_engine

        get_engine("elasticsearch").rebuild(contract_corpus["_documents"])
        contract_corpus["_es_built"] = True
    return contract_corpus
