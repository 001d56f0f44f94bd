"""What the benchmark requests, read from the catalog it runs on (run inside Django, prints JSON):

    DJANGO_SETTINGS_MODULE=benchmarks.settings python -m benchmarks.plan --queries 300 --requests 2000 [--bodies]

The query mix (benchmarks/querymix.py), the site's URLs for each kind of page (lists with filters, profiles,
comparison, lessons, entries), and with --bodies the Elasticsearch requests our engine sends for each query, built
by the engine itself against the index as it stands (kb.search.engines.elasticsearch), and the plain floor query beside it.
"""

import argparse
import json
from itertools import cycle, islice
from urllib.parse import quote_plus, urlencode

import django

PLAIN_FIELDS = ["title", "summary"]


def build(query_count: int, request_count: int, bodies: bool, seed: int = 1) -> dict:
    from django.urls import reverse
    from wagtail.models import Page

    from projects.links import entry_list_url
    from projects.models import CaseStudyPage, City, Country, Organisation, Theme

    from .querymix import corpus_vocabulary, planner_queries, zipf_sequence

    queries = planner_queries(corpus_vocabulary(), query_count, seed)
    sequence = zipf_sequence(queries, request_count, seed=seed)
    countries = list(Country.objects.filter(cities__isnull=False).distinct().order_by("code").values_list("code", flat=True))
    domains = ["mobility", "governance", "public-safety", "health", "energy", "water"]
    technologies = ["ai", "big-data", "iot", "5g", "cloud", "cctv"]
    lists = []
    for index, (country, domain, technology) in enumerate(zip(cycle(countries), domains * 4, technologies[::-1] * 4, strict=False)):
        entry_type = ("case_study", "agreement", "solution")[index % 3]
        filters = [{"country": country}, {"country": country, "domain": domain}, {"technology": technology, "page": 2}][index % 3]
        lists.append(entry_list_url(entry_type, **filters))
    profiles = [reverse("country_profile", args=[code.lower()]) for code in countries[:8]]  # the canonical address
    profiles += [reverse("city_profile", args=[slug]) for slug in City.objects.order_by("slug").values_list("slug", flat=True)[:8]]
    profiles += [reverse("organisation_profile", args=[slug]) for slug in Organisation.objects.order_by("slug").values_list("slug", flat=True)[:8]]
    profiles += [reverse("theme_profile", args=[slug]) for slug in Theme.objects.order_by("slug").values_list("slug", flat=True)[:4]]
    pairs = zip(countries, countries[3:] + countries[:3], strict=True)
    compare = [reverse("compare_countries") + "?" + urlencode([("country", code) for code in pair]) for pair in pairs]
    cases = list(CaseStudyPage.objects.live().order_by("path").values_list("slug", flat=True)[:12])
    compare += [reverse("compare_cases") + "?" + urlencode([("case", slug) for slug in cases[i : i + 3]]) for i in range(0, len(cases) - 2, 3)]
    lessons = [reverse("lessons")] + [reverse("lessons") + "?" + urlencode(filters) for filters in islice(({"country": c} for c in countries), 6)]
    lessons += [reverse("lessons") + "?" + urlencode({"domain": domain}) for domain in domains]
    plan = {
        "entries": Page.objects.filter(depth=4).count(),
        "queries": queries,
        "sequence": sequence,
        "urls": {
            "search page": [f"/search/?q={quote_plus(q)}" for q in sequence],
            "search API + facets": [f"/api/search/?q={quote_plus(q)}" for q in sequence],
            "suggestions": [f"/api/search/suggest/?q={quote_plus(q[:4])}" for q in sequence],
            "stock Wagtail search": [f"{reverse('stock_wagtail_search')}?query={quote_plus(q)}" for q in sequence],
            "list page + filters": [url for url in lists if url],
            "profile page": profiles,
            "compare": compare,
            "lessons": lessons,
            "entry page": [page.url for page in CaseStudyPage.objects.live().order_by("-path")[:20]],
        },
    }
    if bodies:
        plan["alias"], plan["engine_bodies"], plan["plain_bodies"] = request_bodies(queries)
        plan["engine_params"] = engine_params()
    return plan


def request_bodies(queries: list[str]) -> tuple[str, dict[str, list[dict]], dict[str, list[dict]]]:
    """(index alias, {query: the bodies our engine sends for the search page}, {query: [the plain floor query]}).

    Our engine's are the requests it sends against the index as it stands (a second, typo-tolerant one only when
    the first finds nothing), so the plan is made after the index is built."""
    from kb.search.engines import get_engine
    from kb.search.glossary import query_synonyms
    from kb.search.query import SearchQuery, parse_query_text

    engine = get_engine("elasticsearch")
    synonyms = query_synonyms()  # as the engine parses
    ours = {q: [body for body, _answer in engine.requests_for(SearchQuery(text=q), parse_query_text(q, synonyms))] for q in queries}
    plain = {q: [{"query": {"multi_match": {"query": q, "fields": PLAIN_FIELDS}}, "size": 20}] for q in queries}
    return engine.alias, ours, plain


def engine_params() -> dict[str, str]:
    """The query-string parameters our engine sends with the search page's request."""
    from kb.search.engines.es_query import search_params

    return search_params()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bodies", action="store_true")
    args = parser.parse_args()
    django.setup()
    print(json.dumps(build(args.queries, args.requests, args.bodies, args.seed)))


if __name__ == "__main__":
    main()
