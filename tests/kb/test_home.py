"""The home page: what is new, headline counts and the ways into the catalog."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AgreementPageFactory,
    CaseStudyPageFactory,
    CityFactory,
    CountryFactory,
    DomainFactory,
    OfficialsOnlyRestrictionFactory,
    SolutionPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def headline(response) -> dict[str, int]:
    return {label: count for label, count, _url in response.context["headline_counts"]}


def test_home_shows_the_newest_entries_of_each_type(client):
    for number in range(6):
        CaseStudyPageFactory(title=f"Case study number {number}")
    AgreementPageFactory(title="ASEAN-China smart city statement")
    SolutionPageFactory(title="City Brain platform")
    html = client.get("/").content.decode()
    assert "What is new" in html
    assert "Case study number 5" in html and "Case study number 2" in html and "Case study number 1" not in html
    assert "ASEAN-China smart city statement" in html and "City Brain platform" in html


def test_home_shows_headline_counts_of_published_public_entries(client):
    singapore, thailand = CountryFactory(code="SG"), CountryFactory(code="TH")
    CaseStudyPageFactory(countries=[singapore], cities=[CityFactory(country=singapore)])
    CaseStudyPageFactory(countries=[thailand], cities=[CityFactory(country=thailand)], live=False)
    restricted = CaseStudyPageFactory(countries=[thailand], cities=[CityFactory(country=thailand)])
    OfficialsOnlyRestrictionFactory(page=restricted)
    AgreementPageFactory(party_countries=[singapore])
    SolutionPageFactory()
    response = client.get("/")
    assert headline(response) == {"Case studies": 1, "Agreements": 1, "Solutions": 1, "Countries": 1, "Cities": 1}
    assert 'href="/case-studies/"><span class="headline-counts__number">1</span>' in response.content.decode()


def test_home_offers_ways_in_by_country_domain_and_theme(client):
    mobility, privacy = DomainFactory(name="Mobility"), ThemeFactory(name="Privacy")
    CaseStudyPageFactory(countries=[CountryFactory(code="VN")], domains=[mobility], themes=[privacy])
    html = client.get("/").content.decode()
    for country in [
        "Brunei Darussalam",
        "Cambodia",
        "Indonesia",
        "Lao PDR",
        "Malaysia",
        "Myanmar",
        "Philippines",
        "Singapore",
        "Thailand",
        "Timor-Leste",
        "China",
    ]:
        assert f">{country}</a>" in html
    assert '<a href="/countries/vn/">Viet Nam</a> <span class="count">1 case study, 0 agreements</span>' in html
    assert '<a href="/case-studies/?domain=mobility">Mobility</a>' in html
    assert f'<a href="/themes/{privacy.slug}/">Privacy</a>' in html


def test_home_hides_drafts_and_restricted_entries(client):
    CaseStudyPageFactory(title="Draft case study", live=False)
    restricted = AgreementPageFactory(title="Restricted agreement")
    OfficialsOnlyRestrictionFactory(page=restricted)
    html = client.get("/").content.decode()
    assert "Draft case study" not in html and "Restricted agreement" not in html


def test_home_runs_the_same_number_of_queries_whatever_the_number_of_entries(client):
    def add_entries(n):
        for _ in range(n):
            case = CaseStudyPageFactory(cities=[CityFactory()], domains=[DomainFactory()], themes=[ThemeFactory()])
            AgreementPageFactory(related_case_studies=[case])
            SolutionPageFactory(deployments=[case])

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    add_entries(2)
    few = count()
    add_entries(8)
    assert count() == few
