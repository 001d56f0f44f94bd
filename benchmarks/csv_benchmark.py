"""Memory of a streamed CSV download: the case-study list of a large catalog, downloaded through the site.

Prints, for a small and for the full download, the rows written, the SQL queries, the seconds taken and the peak of
Python memory allocated while the response streamed (tracemalloc): with streaming, that peak stays about the same
whether the download has a thousand rows or ten thousand. A figure, not a test: it asserts nothing.

    .venv/bin/python benchmarks/csv_benchmark.py --entries 10000 --database-url sqlite:////tmp/kb-10k.sqlite3
"""

import argparse
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _manage(env: dict, *args: str) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=7200)
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def _prepare(database_url: str, entries: int) -> None:
    """Migrate, and generate the corpus when the catalog has no case study yet (a rerun reuses it)."""
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "kb.settings.dev", "SEARCH_BACKEND": "database"}
    _manage(env, "migrate", "--no-input", "-v", "0")
    count = _manage(env, "shell", "-c", "from projects.models import CaseStudyPage; print(CaseStudyPage.objects.count())")
    if int(count.strip().splitlines()[-1]) == 0:
        _manage(env, "generate_corpus", "--entries", str(entries), "--seed", "1")


def _measure(client, path: str) -> dict:
    from django.db import connection

    queries = []

    def counted(execute, sql, params, many, context):
        queries.append(1)  # counted, not kept: the SQL of a 500-row prefetch would weigh on the figure
        return execute(sql, params, many, context)

    tracemalloc.start()
    started = time.perf_counter()
    rows, size = -1, 0  # the header is not a row
    with connection.execute_wrapper(counted):
        response = client.get(path)
        for chunk in response.streaming_content:  # read as a client would, keeping nothing
            rows += chunk.count(b"\r\n")
            size += len(chunk)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"rows": rows, "queries": len(queries), "seconds": seconds, "peak_mb": peak / 2**20, "size_mb": size / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000, help="size of the synthetic catalog to generate when it is empty")
    parser.add_argument("--database-url", required=True, help="a scratch database, e.g. sqlite:////tmp/kb-10k.sqlite3")
    args = parser.parse_args()
    _prepare(args.database_url, args.entries)

    os.environ.update(DATABASE_URL=args.database_url, DJANGO_SETTINGS_MODULE="kb.settings.dev", SEARCH_BACKEND="database", DEBUG="0")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    from projects.models import CaseStudyPage

    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{CaseStudyPage.objects.live().count()} live case studies")
    year = CaseStudyPage.objects.live().exclude(start_year=None).values_list("start_year", flat=True).first()
    country = CaseStudyPage.objects.live().values_list("countries__code", flat=True).exclude(countries=None).first()
    print(f"{'download':<44} {'rows':>7} {'queries':>8} {'seconds':>8} {'MB sent':>8} {'peak MB':>8}")
    for path in (f"/case-studies/?year={year}&format=csv", f"/case-studies/?country={country}&format=csv", "/case-studies/?format=csv"):
        row = _measure(client, path)
        print(f"{path:<44} {row['rows']:>7} {row['queries']:>8} {row['seconds']:>8.1f} {row['size_mb']:>8.1f} {row['peak_mb']:>8.1f}")


if __name__ == "__main__":
    main()
