"""How large a catalog the database search engine (the embedded default) serves: the search page's p95, one client,
as the catalog grows, until it passes a threshold (200 ms).

    .venv/bin/python benchmarks/db_engine_limits.py --database-url sqlite:////tmp/kb-limits.sqlite3
    .venv/bin/python benchmarks/db_engine_limits.py --database-url postgres://kb:kb@127.0.0.1:5432/kb_limits

Start from an empty scratch database: at each size it adds entries (manage.py generate_corpus, a new seed per step),
rebuilds the database engine's index (timed), serves the site with gunicorn (2 sync workers, SEARCH_BACKEND=database)
and requests the search page with one client over the benchmark's realistic query mix (benchmarks/querymix.py:
distinct planner queries, Zipf-skewed). It stops after the first size whose p95 passes the threshold and prints that
size. It asserts nothing.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.drive import drive  # noqa: E402
from benchmarks.processes import PYTHON, ROOT, manage_ok  # noqa: E402
from benchmarks.search_benchmark import start_site  # noqa: E402

COUNT = """
import django
django.setup()
from wagtail.models import Page
print(Page.objects.filter(depth=4).count())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True, help="A scratch database, empty at the start.")
    parser.add_argument("--sizes", default="1000,2000,5000,10000,20000,50000,100000", help="Catalog sizes, ascending.")
    parser.add_argument("--threshold", type=float, default=200.0, help="Search page p95 (ms) the engine should stay under.")
    parser.add_argument("--queries", type=int, default=200, help="Distinct queries in the mix.")
    parser.add_argument("--requests", type=int, default=100, help="Search page requests per size, one client.")
    parser.add_argument("--all", action="store_true", help="Go on past the threshold to the last size.")
    args = parser.parse_args()

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.settings", "DEBUG": "0", "DATABASE_URL": args.database_url,
           "SEARCH_BACKEND": "database", "SEARCH_INDEX_PREFIX": "kblimits", "ALLOWED_HOSTS": "127.0.0.1,localhost",
           "LOG_LEVEL": "ERROR", "PYTHONPATH": str(ROOT)}  # fmt: skip
    manage_ok(env, "migrate", "--no-input")
    manage_ok(env, "collectstatic", "--no-input")
    database = args.database_url.split(":")[0]
    rows, passed_at = [], None
    for step, size in enumerate(int(size) for size in args.sizes.split(",")):
        present = int(subprocess.run([PYTHON, "-c", COUNT], cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout.split()[-1])
        if present < size:
            manage_ok(env, "generate_corpus", "--entries", str(size - present), "--seed", str(100 + step))
        started = time.perf_counter()
        manage_ok(env, "rebuild_search_index", "--engine", "database")
        rebuilt = time.perf_counter() - started
        command = [PYTHON, "-m", "benchmarks.plan", "--queries", str(args.queries), "--requests", str(args.requests * 4)]
        plan = json.loads(subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
        server, port = start_site(env)
        try:
            urls = plan["urls"]["search page"]
            drive(port, urls[-10:], 2, 5.0, 10)  # both workers warm, on queries the run itself asks last if at all
            figures = drive(port, urls, 1, 600, args.requests)
        finally:
            server.terminate()
            server.wait(timeout=30)
        rows.append((max(size, present), figures, rebuilt))
        print(f"  {database} {max(size, present)} entries: p50 {figures['p50']:.0f} ms, p95 {figures['p95']:.0f} ms", file=sys.stderr, flush=True)
        if figures["p95"] > args.threshold and passed_at is None:
            passed_at = max(size, present)
            if not args.all:
                break

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(f"\ndatabase engine, database {database}, search page with one client, {args.requests} requests per size over "
          f"{args.queries} distinct queries (Zipf), {os.cpu_count()} cores (load average {load}), {when}")  # fmt: skip
    print(f"{'entries':>8} | {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6} | {'reindex s':>9}")
    for size, figures, rebuilt in rows:
        print(f"{size:8d} | {figures['p50']:7.0f} {figures['p95']:7.0f} {figures['p99']:7.0f} {figures['errors']:6d} | {rebuilt:9.1f}")
    if passed_at is None:
        print(f"{database}: search p95 stays under {args.threshold:.0f} ms up to {rows[-1][0]} entries (the largest size tried)")
    else:
        print(f"{database}: search p95 passes {args.threshold:.0f} ms at {passed_at} entries")


if __name__ == "__main__":
    main()
