"""Every public page kind with one client, at catalog scale: where does a page cost more than 100 ms?

    .venv/bin/python benchmarks/page_benchmark.py --database-url postgres://kb:kb@127.0.0.1:5432/kb_bench \
        --search-url http://127.0.0.1:9205 --entries 100000

Generates the corpus when the catalog is empty (manage.py generate_corpus), rebuilds the configured engine's index
unless told not to, serves the site with gunicorn (2 sync workers, as benchmarks/search_benchmark.py does) and
requests each kind of public page: entry lists with filters, the record lists and profiles (countries, cities,
organisations, themes), the country and case comparisons, the lessons hub with filters, the home and an entry page.
For each kind it prints the first request of each distinct address (what a reader pays when no cache holds the
answer), then the service time over repeated requests with one client, the slowest address, and SQL queries per
request. It asserts nothing.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.drive import drive, percentile  # noqa: E402
from benchmarks.processes import PYTHON, ROOT, count_queries, manage_ok  # noqa: E402
from benchmarks.search_benchmark import ENGINE_BACKENDS, start_site  # noqa: E402

PLAN = """
import json
import django
django.setup()
from benchmarks.page_benchmark import page_urls
print(json.dumps(page_urls()))
"""


def page_urls() -> dict[str, list[str]]:
    """{page kind: addresses}, read from the catalog (run inside Django)."""
    from django.urls import reverse
    from django.utils.http import urlencode
    from wagtail.models import Page

    from projects.links import entry_list_url
    from projects.models import CaseStudyPage, City, Country, Domain, Organisation, SolutionPage, Technology, Theme

    countries = list(Country.objects.filter(cities__isnull=False).distinct().order_by("code").values_list("code", flat=True))
    domains = list(Domain.objects.order_by("slug").values_list("slug", flat=True)[:6])
    technologies = list(Technology.objects.order_by("slug").values_list("slug", flat=True)[:6])
    themes = list(Theme.objects.order_by("slug").values_list("slug", flat=True)[:6])
    cities = list(City.objects.order_by("slug").values_list("slug", flat=True)[:8])
    vendors = list(Organisation.objects.filter(solutions__isnull=False).distinct().order_by("slug").values_list("slug", flat=True)[:6])
    organisations = list(Organisation.objects.order_by("slug").values_list("slug", flat=True)[:8])
    cases = list(CaseStudyPage.objects.live().order_by("path").values_list("slug", flat=True)[:12])
    lessons = reverse("lessons")
    pairs = list(zip(countries, countries[3:] + countries[:3], strict=True))
    return {
        "case study list": [
            entry_list_url("case_study"),
            *(entry_list_url("case_study", country=code) for code in countries[:4]),
            *(entry_list_url("case_study", country=code, domain=domain) for code, domain in zip(countries[4:], domains, strict=False)),
            *(entry_list_url("case_study", technology=slug, page=2) for slug in technologies[:3]),
            *(entry_list_url("case_study", theme=slug, status="ongoing") for slug in themes[:3]),
            entry_list_url("case_study", year=2018, sort="title"),
        ],
        "agreement list": [
            entry_list_url("agreement"),
            *(entry_list_url("agreement", country=code) for code in countries[:4]),
            *(entry_list_url("agreement", country=list(pair)) for pair in pairs[:3]),
            *(entry_list_url("agreement", country=list(pair), country_match="any") for pair in pairs[3:5]),
            entry_list_url("agreement", year=2019, sort="year"),
        ],
        "solution list": [
            entry_list_url("solution"),
            *(entry_list_url("solution", vendor=slug) for slug in vendors[:4]),
            *(entry_list_url("solution", technology=slug) for slug in technologies[:3]),
            *(entry_list_url("solution", country=code) for code in countries[:4]),
        ],
        "record lists": [reverse(name) for name in ("country_list", "city_list", "organisation_list", "theme_list")],
        "country profile": [reverse("country_profile", args=[code.lower()]) for code in countries[:10]],
        "city profile": [reverse("city_profile", args=[slug]) for slug in cities],
        "organisation profile": [reverse("organisation_profile", args=[slug]) for slug in organisations],
        "theme profile": [reverse("theme_profile", args=[slug]) for slug in themes],
        "compare countries": [reverse("compare_countries") + "?" + urlencode([("country", code) for code in pair]) for pair in pairs],
        "compare cases": [reverse("compare_cases") + "?" + urlencode([("case", slug) for slug in cases[i : i + 3]]) for i in range(0, 10, 3)],
        "lessons": [
            lessons,
            *(f"{lessons}?{urlencode({'country': code})}" for code in countries[:4]),
            *(f"{lessons}?{urlencode({'domain': slug})}" for slug in domains[:3]),
            *(f"{lessons}?{urlencode({'theme': slug, 'country': code})}" for slug, code in zip(themes[:3], countries, strict=False)),
            f"{lessons}?page=3",
        ],
        "home and entry": [
            "/",
            *(page.url for page in CaseStudyPage.objects.live().order_by("-path")[:4]),
            *(page.url for page in SolutionPage.objects.live().order_by("-path")[:2]),
        ],  # fmt: skip
        "_entries": [str(Page.objects.filter(depth=4).count())],
    }


def first_requests(port: int, urls: list[str]) -> list[tuple[float, str]]:
    """The first request of each address, one at a time: (milliseconds, address)."""
    timings = []
    for url in dict.fromkeys(urls):
        figures = drive(port, [url], 1, 60, 1)
        timings.append((figures["p50"] if not figures["errors"] else float("nan"), url))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True, help="The catalog (a scratch database!).")
    parser.add_argument("--search-url", default="", help="An Elasticsearch node; without it the database engine serves.")
    parser.add_argument("--entries", type=int, default=100000, help="Corpus size to generate when the catalog is empty.")
    parser.add_argument("--prefix", default="kbpages", help="SEARCH_INDEX_PREFIX of the engine's index.")
    parser.add_argument("--skip-reindex", action="store_true", help="Use the index as it is.")
    parser.add_argument("--requests", type=int, default=60, help="Repeated requests per page kind with one client.")
    parser.add_argument("--kinds", default="", help="Only these page kinds (comma-separated).")
    args = parser.parse_args()

    engine = "elasticsearch" if args.search_url else "database"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.settings", "DEBUG": "0", "DATABASE_URL": args.database_url,
           "SEARCH_BACKEND": ENGINE_BACKENDS[engine], "SEARCH_URL": args.search_url or "http://127.0.0.1:9200",
           "SEARCH_INDEX_PREFIX": args.prefix, "SEARCH_TIMEOUT": "2", "ALLOWED_HOSTS": "127.0.0.1,localhost",
           "LOG_LEVEL": "ERROR", "PYTHONPATH": str(ROOT)}  # fmt: skip
    manage_ok(env, "migrate", "--no-input")
    manage_ok(env, "collectstatic", "--no-input")

    def plan() -> dict[str, list[str]]:
        result = subprocess.run([PYTHON, "-c", PLAN], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=True)
        return json.loads(result.stdout.strip().splitlines()[-1])

    urls = plan()
    if urls["_entries"] == ["0"]:
        print(manage_ok(env, "generate_corpus", "--entries", str(args.entries), "--seed", "1").strip())
        urls = plan()
    entries = urls.pop("_entries")[0]
    if not args.skip_reindex:
        started = time.perf_counter()
        manage_ok(env, "rebuild_search_index", "--engine", engine)
        print(f"{engine}: index rebuilt in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    wanted = [kind.strip() for kind in args.kinds.split(",") if kind.strip()]
    kinds = {kind: [url for url in addresses if url] for kind, addresses in urls.items() if not wanted or kind in wanted}

    rows = []
    server, port = start_site(env)
    try:
        drive(port, ["/", "/static/css/site.css"], 2, 1.0, 10)  # both workers up
        for kind, addresses in kinds.items():
            first = first_requests(port, addresses)
            repeated = drive(port, addresses, 1, 120, args.requests)
            rows.append((kind, len(first), first, repeated))
            print(f"  {kind}: first p95 {percentile([ms for ms, _ in first], 0.95):.0f} ms, repeated p95 {repeated['p95']:.0f} ms", file=sys.stderr)
    finally:
        server.terminate()
        server.wait(timeout=30)
    queries = count_queries(env, [addresses[0] for addresses in kinds.values()])

    database = args.database_url.split(":")[0]
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\n{entries} entries, database {database}, engine {engine}, {os.cpu_count()} cores (load average {load}), "
          f"gunicorn 2 sync workers, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")  # fmt: skip
    header = f"{'page kind':<22} {'urls':>4} | {'first p50':>9} {'first p95':>9} | {'1c p50':>7} {'1c p95':>7} {'errors':>6} | {'SQL':>4} | "
    header += "slowest first request"
    print(header)
    print("-" * len(header))
    for kind, count, first, repeated in rows:
        timings = [ms for ms, _ in first]
        slowest_ms, slowest = max(first, key=lambda pair: pair[0] if pair[0] == pair[0] else float("inf"))
        sql = queries.get(kinds[kind][0], ["?", "?"])[1]
        print(
            f"{kind:<22} {count:4d} | {percentile(timings, 0.5):9.0f} {percentile(timings, 0.95):9.0f} | "
            f"{repeated['p50']:7.0f} {repeated['p95']:7.0f} {repeated['errors']:6d} | {sql!s:>4} | {slowest_ms:.0f} ms {slowest[:80]}"
        )


if __name__ == "__main__":
    main()
