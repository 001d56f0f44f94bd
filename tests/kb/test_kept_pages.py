"""Pages whose figures are kept between requests until the catalog changes (the record lists, profiles, list facets,
the comparison, the home page and its map) are never stale: a case study an editor publishes counts in the very next request,
and a signed-in reader, who may see restricted entries, never gets the copy kept for the public."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from kb import cache
from projects.links import entry_list_url
from tests.factories import CaseStudyPageFactory, CityFactory, CountryFactory
from tests.kb.test_pictures import island
from tests.projects.admin_support import user_in_group

pytestmark = pytest.mark.django_db


def figures(client) -> dict[str, int]:
    """Laos's case studies as the country list, its profile, the filtered list, the comparison and the home page's map
    (Vientiane's marker) show them."""
    countries = {country.code: country for country in client.get(reverse("country_list")).context["countries"]}
    profile = client.get(reverse("country_profile", args=["la"])).context["case_studies"]
    listing = client.get(entry_list_url("case_study"), {"country": "LA"}).context["listing"]
    comparison = client.get(reverse("compare_countries"), {"country": ["LA", "SG"]}).context["comparison"]
    glance = comparison.at_a_glance[0]
    [vientiane] = island(client.get("/").content.decode(), "region-map-data")["places"]
    return {
        "country list": countries["LA"].case_study_count,
        "profile": profile.total,
        "list": listing.total,
        "comparison": glance.cells[0].count,
        "home map": vientiane["count"],
    }


KEPT = ["country list", "profile", "list", "comparison", "home map"]


@pytest.fixture
def laos(db):
    laos = CountryFactory(code="LA", name="Laos")
    CountryFactory(code="SG")
    vientiane = CityFactory(name="Vientiane", slug="vientiane", country=laos, latitude=17.9757, longitude=102.6331)
    CaseStudyPageFactory(title="LaoSat-1", countries=[laos], cities=[vientiane])
    return laos


def test_a_published_case_study_counts_in_the_next_request_of_every_kept_page(client, laos):
    assert figures(client) == dict.fromkeys(KEPT, 1)
    hits = cache.hits["country-list"], cache.hits["region-map"]
    figures(client)
    assert (cache.hits["country-list"], cache.hits["region-map"]) == (hits[0] + 1, hits[1] + 1), "the second reader got the kept figures"
    draft = CaseStudyPageFactory(title="Vientiane Safe City", countries=[laos], cities=laos.cities.all(), live=False)

    draft.save_revision().publish()

    assert figures(client) == dict.fromkeys(KEPT, 2)


def test_a_signed_in_reader_is_counted_apart_from_the_public_copy(client, laos):
    restricted = CaseStudyPageFactory(title="Vientiane Safe City", countries=[laos], cities=laos.cities.all())
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    public = figures(client)

    client.force_login(user_in_group("Officials"))

    assert public == dict.fromkeys(KEPT, 1)
    assert figures(client) == dict.fromkeys(KEPT, 2)
