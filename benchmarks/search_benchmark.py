"""Search and page benchmark: the site under gunicorn on loopback, 20 concurrent clients, both engines side by side.

    .venv/bin/python benchmarks/search_benchmark.py --entries 10000 [--database-url URL] [--search-url http://127.0.0.1:9200]

Generates the corpus when the catalog is empty, rebuilds each engine's index (timed), serves the site with
gunicorn (2 workers), drives each URL kind with N threads for a bounded time, and prints p50/p95/p99 latency,
throughput, errors, SQL queries per page, reindex speed and memory. It prints figures; it asserts nothing.
"""

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
URL_KINDS = {
    "search page": ["/search/?q=city+brain", "/search/?q=surveillance+camera&country=PH", "/search/?q=traffic&type=case_study&sort=newest"],
    "search API + facets": ["/api/search/?q=data+exchange", "/api/search/?q=health+code&country=CN", "/api/search/?q=smart+grid&domain=energy"],
    "suggestions": ["/api/search/suggest/?q=sma", "/api/search/suggest/?q=traf", "/api/search/suggest/?q=dig"],
    "list page + filters": ["/case-studies/?country=SG&domain=mobility", "/case-studies/?technology=ai&page=3", "/agreements/?country=CN"],
    "entry page": [],  # filled with real entry URLs
}


def manage(env: dict, *args: str, capture: bool = True) -> str:
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=capture, text=True, timeout=3600)
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


def elasticsearch_rss_mb() -> float:
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"ElasticsearchClusterRunner" in cmdline.read_bytes():
                return rss_mb(int(cmdline.parent.name))
        except OSError:
            continue
    return 0.0


def drive(port: int, paths: list[str], clients: int, seconds: float, max_requests: int) -> dict:
    """N threads with keep-alive connections, each cycling through `paths` until time or count runs out."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    budget = [max_requests]

    def client(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        index = offset
        while time.perf_counter() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            path = paths[index % len(paths)]
            index += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors[0] += 0 if ok else 1
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    wall = time.perf_counter() - started
    latencies.sort()

    def percentile(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")

    return {
        "p50": percentile(0.50),
        "p95": percentile(0.95),
        "p99": percentile(0.99),
        "rps": len(latencies) / wall,
        "n": len(latencies),
        "errors": errors[0],
    }


ENTRY_URLS = "from projects.models import CaseStudyPage as C; print(' '.join(p.url for p in C.objects.live()[:50]))"
QUERY_COUNT_SCRIPT = """
import json, sys
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
out = {}
for path in json.loads(sys.argv[1]):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    out[path] = [status, len(queries)]
print(json.dumps(out))
"""


def count_queries(env: dict, paths: list[str]) -> dict:
    result = subprocess.run(
        [PYTHON, "-c", "import django, os; django.setup(); exec(open(os.environ['KB_QC_SCRIPT']).read())", json.dumps(paths)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1]) if result.returncode == 0 else {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10000, help="Corpus size to generate when the catalog is empty.")
    parser.add_argument("--database-url", default="sqlite:////tmp/kb-benchmark.sqlite3", help="Database to benchmark.")
    parser.add_argument("--search-url", default="", help="An Elasticsearch node to include (e.g. after `make search-engine`).")
    parser.add_argument("--clients", type=int, default=20, help="Concurrent clients.")
    parser.add_argument("--seconds", type=float, default=8.0, help="Time per URL kind.")
    parser.add_argument("--max-requests", type=int, default=5000, help="Request cap per URL kind.")
    args = parser.parse_args()

    base_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kb.settings.dev", "DEBUG": "0", "DATABASE_URL": args.database_url,
                "SEARCH_INDEX_PREFIX": "kbbench", "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "ERROR"}  # fmt: skip
    qc_script = Path("/tmp/kb-benchmark-query-count.py")
    qc_script.write_text(QUERY_COUNT_SCRIPT)
    base_env["KB_QC_SCRIPT"] = str(qc_script)

    manage(base_env, "migrate", "--no-input")
    manage(base_env, "collectstatic", "--no-input")
    count = int(
        manage(base_env, "shell", "--no-imports", "-c", "from wagtail.models import Page; print(Page.objects.filter(depth=4).count())").split()[-1]
    )
    if count == 0:
        print(manage(base_env, "generate_corpus", "--entries", str(args.entries), "--seed", "1").strip())
        count = args.entries
    entry_urls = manage(
        base_env, "shell", "-c", "from projects.models import CaseStudyPage as C; print(' '.join(p.url for p in C.objects.live()[:50]))"
    ).split()
    URL_KINDS["entry page"] = entry_urls[-10:]

    engines = [("database", "database")]
    if args.search_url:
        engines.append(("elasticsearch", "elasticsearch7"))
    rows, extras = [], []
    for engine, backend in engines:
        env = {**base_env, "SEARCH_BACKEND": backend, "SEARCH_URL": args.search_url or "http://127.0.0.1:9200", "SEARCH_TIMEOUT": "2"}
        started = time.perf_counter()
        output = manage(env, "rebuild_search_index", "--engine", engine)
        reindex = time.perf_counter() - started
        documents = sum(int(line.split(":")[1].split()[0]) for line in output.splitlines() if ":" in line)
        extras.append(f"{engine}: full reindex of {documents} documents in {reindex:.1f}s ({documents / reindex:.0f} docs/s)")

        port = free_port()
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "kb.wsgi:application", "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            for _ in range(60):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.5)
            for kind, paths in URL_KINDS.items():
                drive(port, paths, 2, 1.0, 40)  # warm the workers' caches and connections
                figures = drive(port, paths, args.clients, args.seconds, args.max_requests)
                rows.append((engine, kind, figures))
            workers = children(server.pid)
            memory = sum(rss_mb(pid) for pid in [server.pid, *workers])
            extras.append(f"{engine}: gunicorn master + {len(workers)} workers RSS {memory:.0f} MB")
        finally:
            server.terminate()
            server.wait(timeout=30)
        queries = count_queries(
            env, [URL_KINDS["search page"][0], URL_KINDS["list page + filters"][0], URL_KINDS["list page + filters"][1], entry_urls[0]]
        )
        extras.append(f"{engine}: SQL queries per page " + ", ".join(f"{path} -> {n} (HTTP {status})" for path, (status, n) in queries.items()))
    if args.search_url:
        extras.append(f"elasticsearch node RSS {elasticsearch_rss_mb():.0f} MB")

    database = args.database_url.split(":")[0]
    print(f"\n{count} entries, {args.clients} clients, {args.seconds:.0f}s per URL kind, database {database}, {os.cpu_count()} cores")
    print(f"{'engine':<14} {'url kind':<22} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>8} {'requests':>9} {'errors':>7}")
    for engine, kind, f in rows:
        print(f"{engine:<14} {kind:<22} {f['p50']:8.1f} {f['p95']:8.1f} {f['p99']:8.1f} {f['rps']:8.1f} {f['n']:9d} {f['errors']:7d}")
    print("\n".join(extras))


if __name__ == "__main__":
    main()
