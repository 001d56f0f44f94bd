"""Officials narrow the list pages with combinable filters whose counts match what they would get."""

import pytest

from tests.factories import (
    AgreementPageFactory,
    CaseStudyPageFactory,
    CityFactory,
    CountryFactory,
    DomainFactory,
    OfficialsOnlyRestrictionFactory,
    OrganisationFactory,
    SolutionPageFactory,
    TechnologyFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [entry.title for entry in response.context["listing"].page.object_list]


def counts(response, param: str) -> dict[str, int]:
    facet = next(facet for facet in response.context["listing"].facets if facet.param == param)
    return {option.value: option.count for option in facet.options}


@pytest.fixture
def case_studies():
    singapore, thailand = CountryFactory(code="SG"), CountryFactory(code="TH")
    mobility, health = DomainFactory(name="Mobility"), DomainFactory(name="Health")
    bangkok = CityFactory(name="Bangkok", country=thailand)
    return {
        "sg_mobility": CaseStudyPageFactory(title="SG mobility", countries=[singapore], domains=[mobility], start_year=2019, status="completed"),
        "sg_health": CaseStudyPageFactory(title="SG health", countries=[singapore], domains=[health], start_year=2020),
        "th_mobility": CaseStudyPageFactory(title="TH mobility", countries=[thailand], cities=[bangkok], domains=[mobility], start_year=2020),
    }


def test_filtering_by_country_narrows_the_list_and_keeps_counts_for_the_other_countries(client, case_studies):
    response = client.get("/case-studies/?country=SG")
    assert sorted(titles(response)) == ["SG health", "SG mobility"]
    assert counts(response, "country") == {"SG": 2, "TH": 1}
    assert counts(response, "domain") == {"health": 1, "mobility": 1}
    html = response.content.decode()
    assert "2 results" in html
    # The chosen country is marked, and following it again removes the filter.
    assert '<a href="/case-studies/" class="facet__link facet__link--selected" aria-current="true">' in html
    assert '<a href="/case-studies/?country=SG&amp;country=TH" class="facet__link">' in html


def test_combined_filters_intersect_and_each_facet_counts_with_the_others_applied(client, case_studies):
    response = client.get("/case-studies/?country=SG&domain=mobility")
    assert titles(response) == ["SG mobility"]
    assert counts(response, "country") == {"SG": 1, "TH": 1}
    assert counts(response, "domain") == {"health": 1, "mobility": 1}
    assert counts(response, "status") == {"completed": 1}


def test_several_values_of_one_filter_widen_the_list(client, case_studies):
    assert len(titles(client.get("/case-studies/?country=SG&country=th"))) == 3


def test_city_status_and_year_filters(client, case_studies):
    assert titles(client.get("/case-studies/?city=bangkok")) == ["TH mobility"]
    assert titles(client.get("/case-studies/?status=completed")) == ["SG mobility"]
    response = client.get("/case-studies/?year=2020")
    assert sorted(titles(response)) == ["SG health", "TH mobility"]
    assert counts(response, "year") == {"2020": 2, "2019": 1}


def test_technology_and_theme_filters(client):
    ai, privacy = TechnologyFactory(name="AI"), ThemeFactory(name="Privacy")
    CaseStudyPageFactory(title="With AI", technologies=[ai])
    CaseStudyPageFactory(title="With privacy", themes=[privacy])
    assert titles(client.get("/case-studies/?technology=ai")) == ["With AI"]
    assert titles(client.get("/case-studies/?theme=privacy")) == ["With privacy"]


def test_agreements_filter_by_party_country_kind_status_and_year_signed(client):
    AgreementPageFactory(
        title="MoU 2019", kind="mou", signed_date="2019-11", status="signed", party_countries=[CountryFactory(code="CN"), CountryFactory(code="SG")]
    )
    AgreementPageFactory(title="Framework 2021", kind="framework", signed_date="2021", status="in_force", party_countries=[CountryFactory(code="CN")])
    assert titles(client.get("/agreements/?country=sg")) == ["MoU 2019"]
    assert titles(client.get("/agreements/?kind=framework")) == ["Framework 2021"]
    assert titles(client.get("/agreements/?status=in_force")) == ["Framework 2021"]
    response = client.get("/agreements/?year=2019")
    assert titles(response) == ["MoU 2019"]
    assert counts(response, "year") == {"2021": 1, "2019": 1}
    assert counts(response, "country") == {"CN": 1, "SG": 1}


def test_solutions_filter_by_vendor_technology_domain_and_country_of_deployment(client):
    malaysia_case = CaseStudyPageFactory(countries=[CountryFactory(code="MY")])
    draft_thai_case = CaseStudyPageFactory(countries=[CountryFactory(code="TH")], live=False)
    huawei = OrganisationFactory(name="Huawei", slug="huawei")
    SolutionPageFactory(title="Safe City", vendor=huawei, deployments=[malaysia_case, draft_thai_case], technologies=[TechnologyFactory(name="CCTV")])
    SolutionPageFactory(title="City Brain", vendor=OrganisationFactory(name="Alibaba Cloud", slug="alibaba-cloud"))
    assert titles(client.get("/solutions/?vendor=huawei")) == ["Safe City"]
    assert titles(client.get("/solutions/?technology=cctv")) == ["Safe City"]
    assert titles(client.get("/solutions/?country=MY")) == ["Safe City"]
    # A draft deployment neither counts nor matches.
    response = client.get("/solutions/")
    assert counts(response, "country") == {"MY": 1}
    assert titles(client.get("/solutions/?country=TH")) == []


def test_unknown_filter_values_are_ignored_with_a_message_not_an_error(client, case_studies):
    response = client.get("/case-studies/?country=ZZ&country=SG&year=20x9&status=<script>alert(1)</script>&domain=nope&sort=sideways&page=abc")
    assert response.status_code == 200
    assert sorted(titles(response)) == ["SG health", "SG mobility"]
    html = response.content.decode()
    assert "Ignored unknown country: ZZ." in html and "Ignored unknown domain: nope." in html
    assert "Ignored unknown start year: 20x9." in html and "Unknown sort order" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "query",
    [
        "?page=-1",
        "?page=99999999999999999999",
        "?year=99999",
        "?year=²⁰¹⁹",
        "?country=" + "x" * 5000,
        "?country=%00",
        "?sort=",
        "?kind=%ff",
        "?vendor=a&vendor=b&vendor=c",
    ],
)
@pytest.mark.parametrize("index", ["/case-studies/", "/agreements/", "/solutions/"])
def test_odd_query_strings_never_cause_an_error(client, index, query):
    CaseStudyPageFactory()
    assert client.get(index + query).status_code == 200


def test_lists_paginate_by_twenty_and_out_of_range_pages_show_the_last_page(client):
    for number in range(25):
        CaseStudyPageFactory(title=f"Entry {number:02d}")
    first = client.get("/case-studies/?sort=title")
    assert len(titles(first)) == 20 and titles(first)[0] == "Entry 00"
    assert 'href="?sort=title&amp;page=2"' in first.content.decode()
    last = client.get("/case-studies/?sort=title&page=99")
    assert last.status_code == 200 and titles(last) == [f"Entry {number}" for number in range(20, 25)]
    assert "page 2 of 2" in last.content.decode()


def test_lists_sort_by_newest_title_or_year(client):
    CaseStudyPageFactory(title="Beta", start_year=2015)
    CaseStudyPageFactory(title="Alpha", start_year=2021)
    CaseStudyPageFactory(title="Gamma", start_year=2018)
    assert titles(client.get("/case-studies/")) == ["Gamma", "Alpha", "Beta"]
    assert titles(client.get("/case-studies/?sort=title")) == ["Alpha", "Beta", "Gamma"]
    assert titles(client.get("/case-studies/?sort=year")) == ["Alpha", "Gamma", "Beta"]


def test_restricted_and_draft_entries_are_not_counted_in_filters(client):
    CaseStudyPageFactory(title="Public", countries=[CountryFactory(code="SG")])
    CaseStudyPageFactory(title="Draft", countries=[CountryFactory(code="TH")], live=False)
    restricted = CaseStudyPageFactory(title="Restricted", countries=[CountryFactory(code="TH")])
    OfficialsOnlyRestrictionFactory(page=restricted)
    response = client.get("/case-studies/")
    assert titles(response) == ["Public"]
    assert counts(response, "country") == {"SG": 1}
    assert titles(client.get("/case-studies/?country=TH")) == []


def test_an_active_filter_can_be_removed_with_one_link(client, case_studies):
    html = client.get("/case-studies/?country=SG&domain=mobility&page=1").content.decode()
    assert '<a href="/case-studies/?domain=mobility">Country: Singapore' in html  # removes Singapore, keeps the domain
    assert '<a href="/case-studies/?country=SG">Domain: Mobility' in html
    assert 'class="active-filters__clear" href="/case-studies/"' in html


def test_junk_parameters_never_reach_the_links_of_a_list(client, case_studies):
    junk = "&".join(f"utm_junk{number}=" for number in range(300))
    html = client.get(f"/case-studies/?country=SG&sort=title&{junk}").content.decode()
    assert "utm_junk" not in html
    assert '<a href="/case-studies/?sort=title" class="facet__link facet__link--selected" aria-current="true">' in html
    assert '<input type="hidden" name="country" value="SG">' in html  # the sort form keeps the filters it understood
