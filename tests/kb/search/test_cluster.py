"""A three-node Elasticsearch cluster, as production runs it: one replica per shard, SEARCH_URL naming every node.

With the node that holds an index's primary shard stopped, public search keeps answering from Elasticsearch with the
same results (no fallback to the database engine), and the cluster is green again once the node is back.
"""

import json
import shutil
import subprocess
import tempfile
import urllib.request
import uuid

import pytest

from kb.search import service
from kb.search.engines.elasticsearch import ElasticsearchEngine
from kb.search.query import SearchQuery
from kb.search.resilience import reset_breakers

from .conftest import ES_SCRIPT, ROOT, _free_port, _unavailable

pytestmark = [pytest.mark.elasticsearch, pytest.mark.slow, pytest.mark.django_db]

NODES = 3


class Cluster:
    """Three local nodes, one process each (es.sh start --nodes 3): node I answers HTTP on port + I - 1."""

    def __init__(self):
        self.data_dir = tempfile.mkdtemp(prefix="kb-cluster-es-")
        self.port = _free_port(NODES)
        self.ports = list(range(self.port, self.port + NODES))

    def _es(self, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", str(ES_SCRIPT), *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)

    def start(self) -> None:
        done = self._es("start", "--nodes", str(NODES), "--port", str(self.port), "--data", self.data_dir, "--heap", "256m", "--timeout", "200")
        if done.returncode != 0:
            raise RuntimeError(f"could not start a cluster on {self.port}-{self.ports[-1]}: {(done.stderr or done.stdout)[-500:]}")

    def stop_node(self, port: int) -> None:
        self._es("stop", "--data", self._node_dir(port), timeout=120)

    def start_node(self, port: int) -> None:
        index = port - self.port + 1
        member = f"{index}/{NODES}/{self.port + 199}"
        done = self._es("start", "--port", str(port), "--data", self._node_dir(port), "--member", member, "--heap", "256m", "--timeout", "200")
        if done.returncode != 0:
            raise RuntimeError(f"node on {port} did not start again: {(done.stderr or done.stdout)[-500:]}")

    def _node_dir(self, port: int) -> str:
        return f"{self.data_dir}/node-{port - self.port + 1}"

    def get(self, path: str, port: int | None = None) -> object:
        with urllib.request.urlopen(f"http://127.0.0.1:{port or self.port}{path}", timeout=130) as response:
            return json.loads(response.read())

    def health(self, port: int, wait_for: str) -> dict:
        return self.get(f"/_cluster/health?{wait_for}&timeout=120s", port)

    def copies(self, index: str, port: int) -> list[tuple[str, int, str]]:
        """(p or r, node HTTP port, state) of every copy of the index's shards."""
        nodes = self.get("/_nodes/http", port)["nodes"]
        ports = {node_id: int(node["http"]["publish_address"].rsplit(":", 1)[1]) for node_id, node in nodes.items()}
        shards = self.get(f"/_cat/shards/{index}?format=json&h=prirep,id,state", port)
        return [(shard["prirep"], ports.get(shard["id"] or "", 0), shard["state"]) for shard in shards]

    def remove(self) -> None:
        self._es("stop", "--data", self.data_dir, timeout=180)
        shutil.rmtree(self.data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster():
    own = Cluster()
    try:
        own.start()
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        own.remove()
        _unavailable(str(error))
    yield own
    own.remove()


@pytest.fixture
def on_cluster(cluster, contract_corpus, settings):
    """Search through every node's address, on an index built with one replica per shard."""
    settings.SEARCH_BACKEND = "elasticsearch7"
    settings.SEARCH_URL = ",".join(f"http://127.0.0.1:{port}" for port in cluster.ports)
    settings.SEARCH_INDEX_PREFIX = f"kbcluster_{uuid.uuid4().hex[:8]}"
    settings.SEARCH_REPLICAS = 1
    settings.SEARCH_TIMEOUT = 30  # a loaded machine must not turn this into a timeout test
    settings.CATALOG_CACHE_SECONDS = 0  # every search goes to the cluster, none is answered from the cache
    reset_breakers()
    engine = ElasticsearchEngine()
    engine.rebuild(contract_corpus["_documents"])
    yield engine
    reset_breakers()
    engine.drop()


def concrete_index(engine: ElasticsearchEngine) -> str:
    return next(iter(engine.client.indices.get_alias(name=engine.alias)))


def searched(text: str) -> tuple[list[str], set[str], list[str]]:
    """(slugs found, engines that answered, fallback reasons) of ten public searches in a row."""
    slugs, engines, reasons = [], set(), []
    for _ in range(10):
        result = service.search(SearchQuery(text=text, page_size=50))
        slugs = sorted(hit.slug for hit in result.hits)
        engines.add(result.engine)
        reasons += [result.fallback_reason] if result.fallback_reason else []
    return slugs, engines, reasons


def test_each_shard_of_the_index_has_a_replica_on_another_node_and_the_cluster_is_green(cluster, on_cluster):
    health = cluster.health(cluster.port, "wait_for_status=green")
    copies = cluster.copies(concrete_index(on_cluster), cluster.port)

    assert health["status"] == "green" and health["number_of_nodes"] == NODES
    assert sorted(kind for kind, _, _ in copies) == ["p", "r"]
    assert len({node for _, node, _ in copies}) == 2, f"primary and replica share a node: {copies}"
    assert {state for _, _, state in copies} == {"STARTED"}


def test_with_the_primarys_node_stopped_search_keeps_answering_from_elasticsearch_and_the_cluster_heals(cluster, on_cluster, settings):
    cluster.health(cluster.port, "wait_for_status=green")
    before, _, _ = searched("traffic")
    primary = next(node for kind, node, _ in cluster.copies(concrete_index(on_cluster), cluster.port) if kind == "p")
    survivor = next(port for port in cluster.ports if port != primary)
    # The stopped node is the first address the site knows: every turn that reaches it must move on to another.
    settings.SEARCH_URL = ",".join(f"http://127.0.0.1:{port}" for port in [primary, *(port for port in cluster.ports if port != primary)])

    cluster.stop_node(primary)
    try:
        during, engines, reasons = searched("traffic")
        degraded = cluster.health(survivor, "wait_for_nodes=2")
    finally:
        cluster.start_node(primary)
    healed = cluster.health(survivor, f"wait_for_status=green&wait_for_nodes={NODES}")

    assert before, "the corpus has traffic entries to find"
    assert during == before
    assert engines == {"elasticsearch"} and reasons == []
    assert degraded["number_of_nodes"] == 2 and degraded["status"] in ("yellow", "green")
    assert healed["status"] == "green" and healed["number_of_nodes"] == NODES


def test_an_address_list_with_every_node_down_falls_back_to_the_database_engine(contract_corpus, settings):
    """Several addresses do not hide an outage: when none answers, the database engine does, and says so."""
    settings.SEARCH_BACKEND = "elasticsearch7"
    settings.SEARCH_URL = "http://127.0.0.1:9,http://127.0.0.1:10"
    reset_breakers()

    result = service.search(SearchQuery(text="traffic"))
    reset_breakers()

    assert result.engine == "database" and "unavailable" in result.fallback_reason
    assert result.hits, "the database engine found the traffic entries"
