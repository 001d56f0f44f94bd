"""Search and page benchmark: the site under gunicorn on loopback beside its peers, on one corpus and one node.

    .venv/bin/python benchmarks/search_benchmark.py --entries 2000 --search-url http://127.0.0.1:9205

Generates the corpus when the catalog is empty, rebuilds each engine's index and Wagtail's own (timed), serves the
site with gunicorn (2 sync workers, benchmarks.settings: the site plus the stock Wagtail search view), and drives
each kind of request first with one client (service time) then with N keep-alive clients. Searches follow a
realistic mix (benchmarks/querymix.py: 300 distinct planner queries, Zipf-skewed). Beside the search page it
measures its peers: the raw Elasticsearch round trip for exactly the request our engine sends, a plain
multi_match over title and summary (the floor), and stock Wagtail search. Prints the table, the three ratio lines,
nDCG@10 of the judged set per engine (on the starter content, in a database of its own), SQL queries per page,
reindex speed and memory. A page kind the site does not serve (404) is reported as n/a. It asserts nothing.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.drive import drive, free_port, percentile, served  # noqa: E402
from benchmarks.processes import PYTHON, ROOT, children, count_queries, listening_pid, manage, manage_ok, rss_mb  # noqa: E402
from benchmarks.querymix import ratio_line  # noqa: E402

ENGINE_BACKENDS = {"database": "database", "elasticsearch": "elasticsearch7"}
JUDGEMENTS = ROOT / "tests" / "kb" / "search" / "judgements.yaml"
PEERS = ("raw engine request", "plain query", "raw engine, no request cache")


def plan(env: dict, args, bodies: bool = False) -> dict:
    """The query mix and page addresses; with `bodies`, the Elasticsearch requests too (once its index is built)."""
    command = [PYTHON, "-m", "benchmarks.plan", "--queries", str(args.queries), "--requests", str(args.requests), "--seed", str(args.seed)]
    if bodies:
        command.append("--bodies")
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"benchmarks.plan failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(port: int, requests: list, clients: int, args, took: list | None = None) -> tuple[dict, dict]:
    drive(port, requests, 2, 1.0, 40)  # warm both workers
    alone = drive(port, requests, 1, args.single_seconds, args.single_requests, took=took)
    loaded = drive(port, requests, clients, args.seconds, args.max_requests)
    return alone, loaded


def reindex(env: dict, engine: str, extras: list) -> None:
    started = time.perf_counter()
    output = manage_ok(env, "rebuild_search_index", "--engine", engine)
    took = time.perf_counter() - started
    documents = sum(int(word) for line in output.splitlines() for word in line.split()[1:2] if word.isdigit())
    extras.append(f"{engine}: full reindex of {documents} documents in {took:.1f}s ({documents / took:.0f} docs/s, whole command)")
    started = time.perf_counter()
    manage_ok(env, "update_index", "--verbosity", "0")
    extras.append(f"{engine}: Wagtail's own index (update_index, for stock Wagtail search) in {time.perf_counter() - started:.1f}s")
    print(f"  {engine}: reindexed", file=sys.stderr, flush=True)


def start_site(env: dict) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "kb.wsgi:application", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "--timeout", "300", "--config", "python:benchmarks.gunicorn_cache_stats"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(240):
        try:
            # A static file answers as soon as a worker has loaded the site, and leaves no slow page running.
            urllib.request.urlopen(f"http://127.0.0.1:{port}/static/css/site.css", timeout=2).read()
            break
        except OSError:
            time.sleep(0.5)
    return server, port


def engine_peers(args, the_plan: dict, rows: list, tooks: dict) -> None:
    """Our engine's own request and the plain floor query, straight to Elasticsearch, in the search page's mix."""
    es_port = urllib.parse.urlsplit(args.search_url).port or 9200
    search = f"/{the_plan['alias']}/_search"
    ours = f"{search}?{urllib.parse.urlencode(the_plan['engine_params'])}"  # as our engine sends it
    cold = f"{search}?request_cache=false"  # what it costs the node to compute
    peers = ((ours, the_plan["engine_bodies"]), (search, the_plan["plain_bodies"]), (cold, the_plan["engine_bodies"]))
    for kind, (path, bodies) in zip(PEERS, peers, strict=True):
        clear_request_cache(args, the_plan)
        requests = [(path, *(json.dumps(body).encode() for body in bodies[q])) for q in the_plan["sequence"]]
        tooks[kind] = []
        alone, loaded = measure(es_port, requests, args.clients, args, took=tooks[kind])
        rows.append(("elasticsearch", kind, alone, loaded))


def without_cache(env: dict, requests: list, engine: str, args, rows: list) -> None:
    """The search page again with the site's cache turned off (CATALOG_CACHE_SECONDS=0): what a miss costs."""
    server, port = start_site({**env, "CATALOG_CACHE_SECONDS": "0", "KB_CACHE_STATS_DIR": ""})
    try:
        alone, loaded = measure(port, requests, args.clients, args)
        rows.append((engine, "search page, no cache", alone, loaded))
        print(f"  {engine} search page, no cache: 1 client p50 {alone['p50']:.0f} ms", file=sys.stderr, flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


def clear_request_cache(args, the_plan: dict) -> None:
    """Empty the node's request cache, so that each peer starts as cold as the site's own cache does."""
    es_port = urllib.parse.urlsplit(args.search_url).port or 9200
    request = urllib.request.Request(f"http://127.0.0.1:{es_port}/{the_plan['alias']}/_cache/clear?request=true", method="POST")
    urllib.request.urlopen(request, timeout=30).read()


def relevance(base_env: dict, args, engines: list[str]) -> list[str]:
    """nDCG@10 of the judged set per engine, on the starter content it was judged on (a database of its own)."""
    env = {**base_env, "DATABASE_URL": args.relevance_database_url, "SEARCH_INDEX_PREFIX": "kbbenchrel", "SEARCH_URL": args.search_url or ""}
    manage_ok(env, "migrate", "--no-input")
    manage_ok(env, "load_starter_content", "--verbosity", "0")  # unchanged on a rerun
    lines = []
    for engine in engines:
        engine_env = {**env, "SEARCH_BACKEND": ENGINE_BACKENDS[engine]}
        manage_ok(engine_env, "rebuild_search_index", "--engine", engine)
        output = manage(engine_env, "search_relevance", "--quiet", "--engine", engine, str(JUDGEMENTS))
        lines += [line for line in output.stdout.splitlines() if line.startswith(f"{engine}:")] or [f"{engine}: {output.stderr.strip()[-200:]}"]
    return lines


def print_table(rows: list, clients: int) -> None:
    header = f"{'engine':<14} {'request':<22} {'1c p50':>7} {'1c p95':>7} | {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'req/s':>7} "
    header += f"{'reqs':>6} {'errors':>6}"
    print(header)
    print("-" * len(header))
    for engine, kind, alone, f in rows:
        if f is None:
            print(f"{engine:<14} {kind:<22} {'n/a':>7} {'n/a':>7} | {'n/a':>7} {'n/a':>7} {'n/a':>7} {'n/a':>7} {'n/a':>6} {'n/a':>6}")
            continue
        print(
            f"{engine:<14} {kind:<22} {alone['p50']:7.1f} {alone['p95']:7.1f} | "
            f"{f['p50']:7.1f} {f['p95']:7.1f} {f['p99']:7.1f} {f['rps']:7.1f} {f['n']:6d} {f['errors']:6d}"
        )


def ratio_lines(rows: list, tooks: dict, engine: str, cold: bool = False) -> list[str]:
    """The three ratio lines; with `cold`, the same without any cache (ours or the node's), labelled apart."""
    found = {kind: (alone, loaded) for name, kind, alone, loaded in rows if name == engine and loaded is not None}

    def figure(kind: str, part: int, key: str) -> float | None:
        return found[kind][part][key] if kind in found else None

    took = {kind: percentile(values, 0.5) if values else None for kind, values in tooks.items()}
    page, raw = ("search page, no cache", "raw engine, no request cache") if cold else ("search page", "raw engine request")
    lines = [
        ratio_line("search-page-p50/raw-engine-p50", figure(page, 0, "p50"), figure(raw, 0, "p50")),
        ratio_line("engine-took/plain-query-took", took.get(raw), took.get("plain query")),
        ratio_line("search-page-throughput/stock-wagtail-throughput", figure(page, 1, "rps"), figure("stock Wagtail search", 1, "rps")),
    ]
    return [line.replace("ratio ", "ratio (no caches) ", 1) for line in lines] if cold else lines


def cache_lines(directory: str, engine: str) -> list[str]:
    """Hits and misses of the site's cache (kb.cache) over the run, per kind of value, from the workers' files."""
    totals: dict[str, list[int]] = {}
    for path in Path(directory).glob("*.json"):
        for kind, counts in json.loads(path.read_text()).items():
            total = totals.setdefault(kind, [0, 0])
            total[0] += counts["hits"]
            total[1] += counts["misses"]
    rates = [f"{kind} {100 * hits / (hits + misses):.1f}% ({hits} hits, {misses} misses)" for kind, (hits, misses) in sorted(totals.items())]
    return [f"{engine}: cache hit rates over the run: " + ("; ".join(rates) or "no cache reads")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10000, help="Corpus size to generate when the catalog is empty.")
    parser.add_argument("--seed", type=int, default=1, help="Corpus and query mix seed.")
    parser.add_argument("--database-url", default="sqlite:////tmp/kb-benchmark.sqlite3", help="Database to benchmark (a scratch one!).")
    parser.add_argument("--relevance-database-url", default="sqlite:////tmp/kb-benchmark-relevance.sqlite3", help="Scratch database for nDCG.")
    parser.add_argument("--search-url", default="", help="An Elasticsearch node to include (e.g. after `make search-engine`).")
    parser.add_argument("--engines", default="", help="Subset of: database,elasticsearch (default: database, plus ES with --search-url).")
    parser.add_argument("--queries", type=int, default=300, help="Distinct queries in the mix (at least 200 for a realistic mix).")
    parser.add_argument("--requests", type=int, default=2000, help="Length of the Zipf-skewed request sequence.")
    parser.add_argument("--clients", type=int, default=20, help="Concurrent clients.")
    parser.add_argument("--seconds", type=float, default=8.0, help="Time per request kind under load.")
    parser.add_argument("--max-requests", type=int, default=5000, help="Request cap per request kind under load.")
    parser.add_argument("--single-seconds", type=float, default=30.0, help="Time cap per request kind with one client (the request cap binds first).")
    parser.add_argument("--single-requests", type=int, default=300, help="Request cap per request kind with one client.")
    parser.add_argument("--skip-reindex", action="store_true", help="Use the indexes as they are.")
    parser.add_argument("--skip-relevance", action="store_true", help="Do not compute nDCG@10.")
    args = parser.parse_args()

    base_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.settings", "DEBUG": "0", "DATABASE_URL": args.database_url,
                "SEARCH_INDEX_PREFIX": "kbbench", "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "ERROR",
                "PYTHONPATH": str(ROOT), "SEARCH_URL": args.search_url or "http://127.0.0.1:9200", "SEARCH_TIMEOUT": "2"}  # fmt: skip
    manage_ok(base_env, "migrate", "--no-input")
    manage_ok(base_env, "collectstatic", "--no-input")
    the_plan = plan(base_env, args)
    if the_plan["entries"] == 0:
        print(manage_ok(base_env, "generate_corpus", "--entries", str(args.entries), "--seed", str(args.seed)).strip())
        the_plan = plan(base_env, args)
    urls = the_plan["urls"]
    query_paths = {
        "search page, popular query": urls["search page"][0],
        "search page, rare query": f"/search/?q={urllib.parse.quote_plus(the_plan['queries'][-1])}",
        "search API": urls["search API + facets"][0],
        "stock Wagtail search": urls["stock Wagtail search"][0],
        "list page, filters": urls["list page + filters"][1],
        "profile page": urls["profile page"][0],
        "compare": urls["compare"][0],
        "lessons": urls["lessons"][0],
        "entry page": urls["entry page"][0] if urls["entry page"] else "/",
    }

    engines = [name.strip() for name in args.engines.split(",") if name.strip()] or ["database"] + (["elasticsearch"] if args.search_url else [])
    rows, extras, tooks = [], [], {}
    for engine in engines:
        # A cache of its own, empty, shared by the two workers as by a site's processes; they report their hit rates.
        stats = tempfile.mkdtemp(prefix="kb-cache-stats-")
        env = {**base_env, "SEARCH_BACKEND": ENGINE_BACKENDS[engine], "KB_CACHE_STATS_DIR": stats}
        env["CACHE_LOCATION"] = tempfile.mkdtemp(prefix="kb-cache-")
        if not args.skip_reindex:
            reindex(env, engine, extras)
        if engine == "elasticsearch":
            the_plan = plan(env, args, bodies=True)
            clear_request_cache(args, the_plan)
        server, port = start_site(env)
        try:
            for kind, requests in urls.items():
                if not served(port, requests):
                    rows.append((engine, kind, None, None))
                    continue
                alone, loaded = measure(port, requests, args.clients, args)
                rows.append((engine, kind, alone, loaded))
                progress = f"1 client p50 {alone['p50']:.0f} ms, {args.clients} clients p95 {loaded['p95']:.0f} ms"
                print(f"  {engine} {kind}: {progress}", file=sys.stderr, flush=True)
            if engine == "elasticsearch":
                engine_peers(args, the_plan, rows, tooks)
            workers = children(server.pid)
            memory = ", ".join(f"{rss_mb(pid):.0f}" for pid in workers)
            extras.append(f"{engine}: gunicorn master {rss_mb(server.pid):.0f} MB RSS, workers {memory} MB RSS")
        finally:
            server.terminate()
            server.wait(timeout=30)
        extras += cache_lines(stats, engine)
        without_cache(env, urls["search page"], engine, args, rows)
        queries = count_queries(env, list(query_paths.values()))
        extras.append(f"{engine}: SQL queries per request (warm):")
        for label, path in query_paths.items():
            status, count = queries.get(path, ["?", "?"])
            extras.append(f"    {label:<28} {count!s:>4} queries (HTTP {status})  {path[:70]}")
    for kind, values in tooks.items():
        figures = f"p50 {percentile(values, 0.5):.1f} ms, p95 {percentile(values, 0.95):.1f} ms"
        extras.append(f"elasticsearch took (its own time, 1 client) for the {kind}: {figures}")
    if "elasticsearch" in engines:
        es_port = urllib.parse.urlsplit(args.search_url).port or 9200
        pid = listening_pid(es_port)
        extras.append(f"elasticsearch node on :{es_port}: " + (f"{rss_mb(pid):.0f} MB RSS (pid {pid})" if pid else "process not found"))
    judged = [] if args.skip_relevance else relevance(base_env, args, engines)

    database = args.database_url.split(":")[0]
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    distinct = len(the_plan["queries"])
    print(f"\n{the_plan['entries']} entries, database {database}, {os.cpu_count()} cores, gunicorn 2 sync workers, {when}")
    print(f"searches: {distinct} distinct planner queries, {len(the_plan['sequence'])} requests Zipf-skewed; peers on the same node and corpus")
    single = f"{args.single_seconds:.0f}s or {args.single_requests} requests"
    print(f"1 client: service time ({single}); {args.clients} clients: {args.seconds:.0f}s or {args.max_requests} requests per kind, keep-alive")
    print_table(rows, args.clients)
    print()
    print("\n".join(ratio_lines(rows, tooks, "elasticsearch" if "elasticsearch" in engines else engines[0])))
    print("\n".join(ratio_lines(rows, tooks, "elasticsearch" if "elasticsearch" in engines else engines[0], cold=True)))
    for line in judged:
        print(f"nDCG@10 judged set (starter content, {JUDGEMENTS.name}) {line}")
    print("\n".join(extras))


if __name__ == "__main__":
    main()
