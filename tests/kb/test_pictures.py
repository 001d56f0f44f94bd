"""Maps and small charts beside their figures: the home page, country and city profiles; vendors active in a country."""

import json
import re

import pytest

from kb.search.indexing import rebuild_all
from tests.factories import CaseStudyPageFactory, CaseStudyPartnerFactory, CityFactory, CountryFactory, DomainFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def myanmar():
    myanmar, china = CountryFactory(code="MM", name="Myanmar"), CountryFactory(code="CN")
    yangon = CityFactory(name="Yangon", slug="yangon", country=myanmar, latitude=16.8409, longitude=96.1735)
    mandalay = CityFactory(name="Mandalay", slug="mandalay", country=myanmar, latitude=21.9588, longitude=96.0891)
    CityFactory(name="Nowhere", slug="nowhere", country=myanmar)  # no coordinates: listed, never placed on a map
    safe_city = CaseStudyPageFactory(
        title="Mandalay safe city", countries=[myanmar], cities=[mandalay], domains=[DomainFactory(name="Safety")], start_year=2018
    )
    CaseStudyPageFactory(title="Yangon bus app", countries=[myanmar], cities=[yangon], start_year=2019)
    CaseStudyPageFactory(title="Mandalay lights", countries=[myanmar], cities=[mandalay], start_year=2019)
    huawei = OrganisationFactory(name="Huawei", slug="huawei", hq_country=china)
    CaseStudyPartnerFactory(page=safe_city, organisation=huawei, role="vendor")
    CaseStudyPartnerFactory(page=safe_city, organisation=huawei, role="implementer")
    CaseStudyPartnerFactory(
        page=safe_city, organisation=OrganisationFactory(name="Mandalay City", slug="mcdc", hq_country=myanmar), role="lead_agency"
    )
    return myanmar


def island(html: str, element_id: str) -> dict:
    found = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S)
    assert found, f"no JSON island {element_id}"
    return json.loads(found.group(1))


def test_myanmars_profile_lists_the_vendors_active_there_with_roles_and_home_countries(client, myanmar):
    response = client.get("/countries/mm/")
    active = {
        entry.organisation.name: (entry.roles, entry.organisation.hq_country.name, entry.case_study_count)
        for entry in response.context["vendors_active"]
    }
    assert active == {"Huawei": (["Implementer", "Vendor"], "China", 1)}  # lead agencies are not vendors
    assert 'href="/organisations/huawei/">Huawei</a> <span class="count">Implementer, Vendor · from China · 1 case study' in response.content.decode()


def test_the_country_profile_maps_its_cities_and_charts_its_case_studies(client, myanmar):
    rebuild_all(["database"])  # the profile's charts count through the search engine
    html = client.get("/countries/mm/").content.decode()
    places = island(html, "city-map-data")["places"]
    assert {place["name"]: place["count"] for place in places} == {"Mandalay": 2, "Yangon": 1}
    assert island(html, "profile-years-data")["rows"] == [
        {"label": "2018", "values": [1], "urls": ["/case-studies/?country=MM&year=2018"]},
        {"label": "2019", "values": [2], "urls": ["/case-studies/?country=MM&year=2019"]},
    ]
    assert re.search(r'<th scope="row">2019</th>\s*<td class="num"><a href="/case-studies/\?country=MM&amp;year=2019">2</a></td>', html)  # its table
    assert "vendor/echarts-6.1.0/echarts.min.js" in html and "<script>" not in html  # no inline code


def test_the_home_page_and_city_profiles_draw_the_map_with_a_list_of_its_places(client, myanmar):
    home = client.get("/").content.decode()
    assert {place["name"] for place in island(home, "region-map-data")["places"]} == {"Mandalay", "Yangon"}
    assert '<a href="/cities/mandalay/">Mandalay</a> <span class="count">2 case studies</span>' in home
    city = client.get("/cities/yangon/").content.decode()
    assert island(city, "city-map-data")["places"] == [{"name": "Yangon", "url": "/cities/yangon/", "lat": 16.8409, "lon": 96.1735, "count": 1}]
