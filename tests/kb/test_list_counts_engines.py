"""The lists' facet counts come from the search engine for anonymous readers once the site runs on Elasticsearch:
over the starter content, every list shows the same options, counts and totals as when SQL counts them, unfiltered,
filtered by one option of each facet and by two facets at once. Signed-in readers, who may see restricted entries
the public index does not hold, are counted in SQL."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from kb.search.indexing import rebuild_all
from kb.search.listing_counts import INDEXED_FACETS, count_listing
from projects.links import entry_list_url
from projects.models import CaseStudyPage
from tests.kb.search.conftest import elasticsearch_url  # noqa: F401  (the fixture: a node of our own)
from tests.projects.admin_support import user_in_group

pytestmark = pytest.mark.django_db

LISTS = ["case_study", "agreement", "solution", "lesson"]


def list_url(name: str) -> str:
    return reverse("lessons") if name == "lesson" else entry_list_url(name)


def shown(client, url: str, params: dict) -> tuple[int, dict]:
    """(total, {facet: [(value, count, selected)]}) as the reader sees them."""
    listing = client.get(url, params).context["listing"]
    return listing.total, {facet.param: [(option.value, option.count, option.selected) for option in facet.options] for facet in listing.facets}


def filters_to_try(client, url: str) -> list[dict]:
    """No filter, the first option of each facet, and the first options of the first two facets together."""
    _, facets = shown(client, url, {})
    firsts = {param: options[0][0] for param, options in facets.items() if options}
    pair = dict(list(firsts.items())[:2])
    return [{}, *({param: value} for param, value in firsts.items()), pair]


@pytest.fixture
def indexed(starter_content, elasticsearch_url, django_db_blocker):  # noqa: F811
    with django_db_blocker.unblock():
        rebuild_all(["database", "elasticsearch"])


@pytest.mark.parametrize("name", LISTS)
def test_on_elasticsearch_every_list_shows_the_counts_sql_gives(indexed, client, settings, name):
    url = list_url(name)
    settings.SEARCH_BACKEND = "database"
    tried = filters_to_try(client, url)
    by_sql = [shown(client, url, params) for params in tried]

    settings.SEARCH_BACKEND = "elasticsearch7"
    by_engine = [shown(client, url, params) for params in tried]

    assert len(tried) > 2
    for params, sql, engine in zip(tried, by_sql, by_engine, strict=True):
        assert engine == sql, f"{name} {params}"
    indexed_filters = [params for params in tried if set(params) <= set(INDEXED_FACETS[name])]
    assert all(count_listing(name, {k: [v] for k, v in params.items()}, set()) is not None for params in indexed_filters)


def test_a_signed_in_reader_sees_restricted_entries_counted_although_the_index_leaves_them_out(indexed, client, settings, django_db_blocker):
    restricted = CaseStudyPage.objects.live().order_by("path").first()
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    with django_db_blocker.unblock():
        rebuild_all(["elasticsearch"])
    settings.SEARCH_BACKEND = "elasticsearch7"
    url = list_url("case_study")

    public_total, _ = shown(client, url, {})
    client.force_login(user_in_group("Officials"))
    official_total, _ = shown(client, url, {})

    assert official_total == public_total + 1


def test_with_elasticsearch_down_a_list_counts_its_own_rows_rather_than_another_index(client, settings):
    from kb.search.engines import get_engine
    from kb.search.resilience import reset_breakers
    from tests.factories import CaseStudyPageFactory, CountryFactory

    settings.SEARCH_BACKEND = "elasticsearch7"
    settings.SEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    laos = CountryFactory(code="LA", name="Laos")
    CaseStudyPageFactory(title="LaoSat-1", countries=[laos])
    CaseStudyPageFactory(title="Vientiane Safe City", countries=[laos])
    get_engine("database").rebuild([])  # the fallback engine's index is behind too (a fresh site before its first rebuild)
    reset_breakers()

    total, facets = shown(client, list_url("case_study"), {})
    reset_breakers()

    assert total == 2
    assert ("LA", 2, False) in facets["country"]
