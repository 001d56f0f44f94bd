"""The country comparison's figures come from the search layer: over the starter content, the database engine and
Elasticsearch give the same numbers, and those numbers are the counts of the case studies themselves."""

import pytest
from django.contrib.auth.models import AnonymousUser

from kb.compare.comparison import COUNTED_FACETS, case_study_counts
from kb.search.indexing import rebuild_all
from projects.models import CaseStudyPage
from tests.kb.search.conftest import elasticsearch_url  # noqa: F401  (the fixture: a node of our own)

pytestmark = pytest.mark.django_db
COMPARED = ["SG", "CN", "MY", "LA"]


def counted_directly(codes: list[str]) -> dict[str, dict[str, dict[str, int]]]:
    """The same figures, counted one case study at a time from the public catalog."""
    figures: dict[str, dict[str, dict[str, int]]] = {facet: {} for facet in COUNTED_FACETS}
    pages = CaseStudyPage.objects.live().public().prefetch_related("countries", "domains", "technologies")
    for page in pages:
        values = {
            "domain": [domain.slug for domain in page.domains.all()],
            "technology": [technology.slug for technology in page.technologies.all()],
            "year": [str(page.start_year)] if page.start_year else [],
        }
        for country in page.countries.all():
            if country.code in codes:
                for facet, keys in values.items():
                    for key in keys:
                        figures[facet].setdefault(key, {}).setdefault(country.code, 0)
                        figures[facet][key][country.code] += 1
    return figures


def test_both_engines_give_the_comparison_the_figures_of_the_entries_themselves(starter_content, elasticsearch_url, rf, django_db_blocker, capsys):  # noqa: F811
    with django_db_blocker.unblock():
        rebuild_all(["database", "elasticsearch"])
    request = rf.get("/compare/")
    request.user = AnonymousUser()

    expected = counted_directly(COMPARED)
    database = case_study_counts(request, COMPARED, COUNTED_FACETS, engine="database")
    elasticsearch = case_study_counts(request, COMPARED, COUNTED_FACETS, engine="elasticsearch")

    assert database == expected
    assert elasticsearch == expected
    assert {code for by_code in expected["domain"].values() for code in by_code} == set(COMPARED)  # figures for every country
    with capsys.disabled():
        totals = {facet: sum(sum(by_code.values()) for by_code in values.values()) for facet, values in expected.items()}
        print(f"\ncomparison figures over {COMPARED}: both engines {totals} (case-study x country x value)")
