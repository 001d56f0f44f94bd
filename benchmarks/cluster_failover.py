"""A node of a three-node Elasticsearch cluster stops in the middle of a load run: does any search fail or fall back?

    bash deploy/elasticsearch/es.sh start --nodes 3 --port 9206 --data /tmp/kbcluster --heap 512m
    .venv/bin/python benchmarks/cluster_failover.py --port 9206 --data /tmp/kbcluster --database-url sqlite:////tmp/kb-2k.sqlite3
    bash deploy/elasticsearch/es.sh stop --data /tmp/kbcluster

Indexes the catalog into the cluster with one replica per shard (SEARCH_REPLICAS=1), serves the site with gunicorn,
drives the search API (the benchmark's query mix) with N clients, stops the node holding the primary shard after a
third of the run and starts it again after two thirds, and prints errors,
answers from the fallback engine (the API names the engine that answered), latencies, and the cluster's health
over time until it is green again. It asserts nothing.

--site-urls one: the site talks to the node that holds no copy of the index (SEARCH_URL names it alone);
--site-urls all: SEARCH_URL names every node, the stopped one first, as production does (deploy/README.md).
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.drive import drive  # noqa: E402
from benchmarks.processes import PYTHON, ROOT, manage_ok  # noqa: E402
from benchmarks.search_benchmark import start_site  # noqa: E402

ES_SH = ROOT / "deploy" / "elasticsearch" / "es.sh"
ANSWERED_BY_ELASTICSEARCH = b'"engine": "elasticsearch"'


def es(port: int, path: str, body: dict | None = None, method: str = "GET") -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=70) as response:
        return json.loads(response.read())


def health(port: int) -> str:
    try:
        found = es(port, "/_cluster/health?timeout=1s")
        return f"{found['status']} ({found['number_of_nodes']} nodes)"
    except OSError as error:
        return f"no answer ({error.__class__.__name__})"


def roles(port: int) -> tuple[int, int, str]:
    """(HTTP port the site talks to, HTTP port of the node to stop, where the shard copies are): the site talks to
    a node without a copy when there is one, and the node holding the primary is stopped. Nodes go by port: the
    runner names every node "Node 1"."""
    ports = {node_id: int(node["http"]["publish_address"].rsplit(":", 1)[1]) for node_id, node in es(port, "/_nodes/http")["nodes"].items()}
    shards = es(port, "/_cat/shards/kbcluster_search?format=json&h=prirep,id")
    copies = sorted(((shard["prirep"], ports[shard["id"]]) for shard in shards if shard.get("id")), key=lambda copy: copy[0] != "p")
    holders = [copy_port for _, copy_port in copies]
    site = next((node_port for node_port in sorted(ports.values()) if node_port not in holders), port)
    victim = next(copy_port for copy_port in holders if copy_port != site)
    return site, victim, ", ".join(f"{'primary' if kind == 'p' else 'replica'} on :{copy_port}" for kind, copy_port in copies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=9211, help="HTTP port of the cluster's first node (es.sh start --nodes --port).")
    parser.add_argument("--nodes", type=int, default=3)
    parser.add_argument("--data", required=True, help="The cluster's --data directory (es.sh start --nodes).")
    parser.add_argument("--database-url", required=True, help="A catalog (e.g. the benchmark's).")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--site-urls", choices=["one", "all"], default="one", help="The site's SEARCH_URL: the node without a copy, or every node.")
    args = parser.parse_args()

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.settings", "DEBUG": "0", "DATABASE_URL": args.database_url,
           "SEARCH_BACKEND": "elasticsearch7", "SEARCH_URL": f"http://127.0.0.1:{args.port}", "SEARCH_INDEX_PREFIX": "kbcluster",
           "SEARCH_TIMEOUT": "2", "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "ERROR", "PYTHONPATH": str(ROOT),
           "SEARCH_REPLICAS": "1", "CATALOG_CACHE_SECONDS": "0"}  # fmt: skip
    manage_ok(env, "rebuild_search_index", "--engine", "elasticsearch")
    es(args.port, "/_cluster/health?wait_for_status=green&timeout=60s")
    site, victim, placement = roles(args.port)
    others = [f"http://127.0.0.1:{port}" for port in range(args.port, args.port + args.nodes) if port != victim]
    env["SEARCH_URL"] = f"http://127.0.0.1:{site}" if args.site_urls == "one" else ",".join([f"http://127.0.0.1:{victim}", *others])
    print(f"index kbcluster_search: {placement}; the site's SEARCH_URL: {env['SEARCH_URL']}; the node to stop: :{victim}")
    command = [PYTHON, "-m", "benchmarks.plan", "--queries", "300", "--bodies"]
    plan = json.loads(subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
    requests = plan["urls"]["search API + facets"]
    # Every node answers its first searches slowly (cold caches): warm each one, so that no cold start, slower than
    # SEARCH_TIMEOUT on a loaded machine, opens the site's circuit breaker before the run.
    for port in range(args.port, args.port + args.nodes):
        for bodies in list(plan["engine_bodies"].values())[:20]:
            for body in bodies:
                es(port, "/kbcluster_search/_search", body, "POST")

    last = victim - args.port + 1  # es.sh --nodes: node I answers on port + I - 1
    member = f"{last}/{args.nodes}/{args.port + 199}"
    node_data = f"{args.data}/node-{last}"
    timeline: list[str] = []
    started = time.perf_counter()

    def at(seconds: float, action) -> None:
        time.sleep(max(0.0, seconds - (time.perf_counter() - started)))
        timeline.append(f"{time.perf_counter() - started:5.1f}s {action()}")

    def stop_node() -> str:
        subprocess.run(["bash", str(ES_SH), "stop", "--data", node_data], check=True, capture_output=True)
        return f"stopped node kb-{last}"

    def start_node() -> str:
        command = ["bash", str(ES_SH), "start", "--port", str(args.port + last - 1), "--data", node_data, "--member", member, "--heap", "512m"]
        result = subprocess.run(command, capture_output=True, text=True)
        return f"started node kb-{last} again" if result.returncode == 0 else f"node kb-{last} did not start: {result.stderr[-200:]}"

    def watch() -> None:
        while time.perf_counter() - started < args.seconds:
            timeline.append(f"{time.perf_counter() - started:5.1f}s health {health(site)}")
            time.sleep(2)

    server, port = start_site(env)
    try:
        drive(port, requests, 2, 1.0, 40)  # warm both workers
        started = time.perf_counter()
        helpers = [
            threading.Thread(target=at, args=(args.seconds / 3, stop_node)),
            threading.Thread(target=at, args=(2 * args.seconds / 3, start_node)),
            threading.Thread(target=watch),
        ]
        for helper in helpers:
            helper.start()
        figures = drive(port, requests, args.clients, args.seconds, 10**7, expect=ANSWERED_BY_ELASTICSEARCH)
        for helper in helpers:
            helper.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    final = es(site, "/_cluster/health?wait_for_status=green&timeout=120s")
    timeline.append(f"{time.perf_counter() - started:5.1f}s health {final['status']} ({final['number_of_nodes']} nodes) after the run")

    print("\n".join(sorted(timeline)))
    print(
        f"{figures['n']} search API requests, {args.clients} clients, {args.seconds:.0f}s: {figures['errors']} errors, "
        f"{figures['unexpected']} answered by the fallback engine; p50 {figures['p50']:.0f} ms, p95 {figures['p95']:.0f} ms, "
        f"p99 {figures['p99']:.0f} ms, {figures['rps']:.1f} req/s"
    )


if __name__ == "__main__":
    main()
