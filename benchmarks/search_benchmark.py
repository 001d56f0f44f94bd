"""Search and page benchmark: the site under gunicorn on loopback, 20 concurrent clients, engines side by side.

    .venv/bin/python benchmarks/search_benchmark.py --entries 10000 [--database-url URL] [--search-url http://127.0.0.1:9200]

Generates the corpus when the catalog is empty, rebuilds each engine's index (timed), serves the site with
gunicorn (2 workers), drives each URL kind first with one client (service time) then with N keep-alive clients
for a bounded time and request count, and prints p50/p95/p99 latency, throughput, errors, SQL queries per page,
reindex speed and memory. A URL kind the site does not serve (404) is reported as n/a. It asserts nothing.
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
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
ENGINE_BACKENDS = {"database": "database", "elasticsearch": "elasticsearch7"}
URL_KINDS = {
    "search page": ["/search/?q=city+brain", "/search/?q=surveillance+camera&country=PH", "/search/?q=traffic&type=case_study&sort=newest"],
    "search API + facets": ["/api/search/?q=data+exchange", "/api/search/?q=health+code&country=CN", "/api/search/?q=smart+grid&domain=energy"],
    "suggestions": ["/api/search/suggest/?q=sma", "/api/search/suggest/?q=traf", "/api/search/suggest/?q=dig"],
    "list page + filters": ["/case-studies/?country=SG&domain=mobility", "/case-studies/?technology=ai&page=3", "/agreements/?country=CN"],
    "entry page": [],  # real entry URLs, read from the database
}
CATALOG_FACTS = """
import json
from wagtail.models import Page
from projects.models import AgreementPage, CaseStudyPage
print(json.dumps({
    "entries": Page.objects.filter(depth=4).count(),
    "entry_urls": [page.url for page in CaseStudyPage.objects.live().order_by("path")[:50]],
    "rare_title": AgreementPage.objects.order_by("path").values_list("title", flat=True).last() or "",
}))
"""
QUERY_COUNTS = """
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
out = {}
for path in json.loads(sys.argv[1]):
    client.get(path)  # caches warm, as in a running worker
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    out[path] = [status, len(queries)]
print(json.dumps(out))
"""


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600)


def manage_ok(env: dict, *args: str) -> str:
    result = manage(env, *args)
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


def listening_pid(port: int) -> int | None:
    """The process that listens on 127.0.0.1/0.0.0.0:port (from /proc/net/tcp*), so we measure the right engine node."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                inodes.add(fields[9])
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        try:
            for fd in fd_dir.iterdir():
                if os.readlink(fd).removeprefix("socket:[").removesuffix("]") in inodes:
                    return int(fd_dir.parent.name)
        except OSError:
            continue
    return None


def drive(port: int, paths: list[str], clients: int, seconds: float, max_requests: int) -> dict:
    """N threads with keep-alive connections, each cycling through `paths` until time or count runs out."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    budget = [max_requests]

    def client(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
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
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors[0] += 0 if ok else 1
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    wall = time.perf_counter() - started
    latencies.sort()

    def percentile(p: float) -> float:  # nearest rank
        return latencies[max(0, min(len(latencies) - 1, round(p * len(latencies)) - 1))] * 1000 if latencies else float("nan")

    figures = {"p50": percentile(0.50), "p95": percentile(0.95), "p99": percentile(0.99)}
    return {**figures, "rps": len(latencies) / wall, "n": len(latencies), "errors": errors[0]}


def served(port: int, paths: list[str]) -> list[str]:
    """The paths the site serves (anything but 404), so that a URL kind not built yet is reported as n/a."""
    kept = []
    for path in paths:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30).read()
            kept.append(path)
        except urllib.error.HTTPError as error:
            if error.code != 404:
                kept.append(path)  # a 500 is a finding, not an absent feature: measure it and count the errors
        except OSError:
            kept.append(path)
    return kept


def count_queries(env: dict, paths: list[str]) -> dict:
    result = subprocess.run([PYTHON, "-c", QUERY_COUNTS, json.dumps(paths)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        print(f"(query counts failed: {result.stderr.strip()[-300:]})", file=sys.stderr)
        return {}
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10000, help="Corpus size to generate when the catalog is empty.")
    parser.add_argument("--seed", type=int, default=1, help="Corpus seed.")
    parser.add_argument("--database-url", default="sqlite:////tmp/kb-benchmark.sqlite3", help="Database to benchmark (a scratch one!).")
    parser.add_argument("--search-url", default="", help="An Elasticsearch node to include (e.g. after `make search-engine`).")
    parser.add_argument("--engines", default="", help="Subset of: database,elasticsearch (default: database, plus ES with --search-url).")
    parser.add_argument("--clients", type=int, default=20, help="Concurrent clients.")
    parser.add_argument("--seconds", type=float, default=8.0, help="Time per URL kind under load.")
    parser.add_argument("--max-requests", type=int, default=5000, help="Request cap per URL kind under load.")
    parser.add_argument("--skip-reindex", action="store_true", help="Use the indexes as they are.")
    args = parser.parse_args()

    base_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kb.settings.dev", "DEBUG": "0", "DATABASE_URL": args.database_url,
                "SEARCH_INDEX_PREFIX": "kbbench", "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "ERROR",
                "PYTHONPATH": str(ROOT)}  # fmt: skip
    manage_ok(base_env, "migrate", "--no-input")
    manage_ok(base_env, "collectstatic", "--no-input")
    facts = json.loads(manage_ok(base_env, "shell", "--no-imports", "-c", CATALOG_FACTS).strip().splitlines()[-1])
    if facts["entries"] == 0:
        print(manage_ok(base_env, "generate_corpus", "--entries", str(args.entries), "--seed", str(args.seed)).strip())
        facts = json.loads(manage_ok(base_env, "shell", "--no-imports", "-c", CATALOG_FACTS).strip().splitlines()[-1])
    entry_urls = facts["entry_urls"]
    URL_KINDS["entry page"] = entry_urls[-10:]
    rare = urllib.parse.quote_plus(facts["rare_title"])
    query_paths = {
        "search page, many results": "/search/?q=city",
        "search page, few results": f"/search/?q={rare}",
        "search API, many results": "/api/search/?q=city",
        "search API, few results": f"/api/search/?q={rare}",
        "list page, all entries": "/case-studies/",
        "list page, narrow filters": "/case-studies/?country=BN&domain=water&technology=5g",
        "entry page": entry_urls[0] if entry_urls else "/",
    }

    engines = [name.strip() for name in args.engines.split(",") if name.strip()] or ["database"] + (["elasticsearch"] if args.search_url else [])
    has_rebuild = manage(base_env, "help", "rebuild_search_index").returncode == 0
    rows, extras = [], []
    for engine in engines:
        env = {**base_env, "SEARCH_BACKEND": ENGINE_BACKENDS[engine], "SEARCH_URL": args.search_url or "http://127.0.0.1:9200", "SEARCH_TIMEOUT": "2"}
        if has_rebuild and not args.skip_reindex:
            started = time.perf_counter()
            output = manage_ok(env, "rebuild_search_index", "--engine", engine)
            reindex = time.perf_counter() - started
            documents = sum(int(word) for line in output.splitlines() for word in line.split()[1:2] if word.isdigit())
            print(f"  {engine}: reindexed in {reindex:.1f}s", file=sys.stderr, flush=True)
            extras.append(f"{engine}: full reindex of {documents} documents in {reindex:.1f}s ({documents / reindex:.0f} docs/s, whole command)")
        elif not has_rebuild:
            extras.append(f"{engine}: full reindex n/a (no rebuild_search_index command)")

        port = free_port()
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "kb.wsgi:application", "--workers", "2", "--bind", f"127.0.0.1:{port}",
             "--log-level", "warning", "--timeout", "300"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            for _ in range(120):
                try:
                    # A static file: it answers as soon as a worker has loaded the site, and an abandoned probe
                    # leaves no slow page running in a worker.
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/static/css/site.css", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.5)
            for kind, paths in URL_KINDS.items():
                paths = served(port, paths)
                if not paths:
                    rows.append((engine, kind, None, None))
                    continue
                drive(port, paths, 2, 1.0, 40)  # warm both workers
                alone = drive(port, paths, 1, 3.0, 200)
                loaded = drive(port, paths, args.clients, args.seconds, args.max_requests)
                rows.append((engine, kind, alone, loaded))
                progress = f"1 client p50 {alone['p50']:.0f} ms, {args.clients} clients p95 {loaded['p95']:.0f} ms"
                print(f"  {engine} {kind}: {progress}", file=sys.stderr, flush=True)
            workers = children(server.pid)
            memory = ", ".join(f"{rss_mb(pid):.0f}" for pid in workers)
            extras.append(f"{engine}: gunicorn master {rss_mb(server.pid):.0f} MB RSS, workers {memory} MB RSS")
        finally:
            server.terminate()
            server.wait(timeout=30)
        queries = count_queries(env, list(query_paths.values()))
        extras.append(f"{engine}: SQL queries per request (warm):")
        for label, path in query_paths.items():
            status, count = queries.get(path, ["?", "?"])
            extras.append(f"    {label:<28} {count!s:>4} queries (HTTP {status})  {path[:70]}")
    if "elasticsearch" in engines:
        port = urllib.parse.urlsplit(args.search_url or "http://127.0.0.1:9200").port or 9200
        pid = listening_pid(port)
        extras.append(f"elasticsearch node on :{port}: " + (f"{rss_mb(pid):.0f} MB RSS (pid {pid})" if pid else "process not found"))

    database = args.database_url.split(":")[0]
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(f"\n{facts['entries']} entries, database {database}, {os.cpu_count()} cores, gunicorn 2 sync workers, {when}")
    print(f"1 client: service time; {args.clients} clients: {args.seconds:.0f}s or {args.max_requests} requests per URL kind, keep-alive")
    header = f"{'engine':<14} {'url kind':<20} {'1c p50':>7} {'1c p95':>7} | {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'req/s':>7} "
    header += f"{'reqs':>6} {'errors':>6}"
    print(header)
    print("-" * len(header))
    for engine, kind, alone, f in rows:
        if f is None:
            print(f"{engine:<14} {kind:<20} {'n/a':>7} {'n/a':>7} | {'n/a':>7} {'n/a':>7} {'n/a':>7} {'n/a':>7} {'n/a':>6} {'n/a':>6}")
            continue
        print(
            f"{engine:<14} {kind:<20} {alone['p50']:7.1f} {alone['p95']:7.1f} | "
            f"{f['p50']:7.1f} {f['p95']:7.1f} {f['p99']:7.1f} {f['rps']:7.1f} {f['n']:6d} {f['errors']:6d}"
        )
    print("\n".join(extras))


if __name__ == "__main__":
    main()
