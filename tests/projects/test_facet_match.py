"""Several countries in the agreements filter mean "agreements between them" unless the reader asks for "any of them"."""

import pytest

from tests.factories import AgreementPageFactory, CountryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreements():
    china, thailand, singapore = CountryFactory(code="CN"), CountryFactory(code="TH"), CountryFactory(code="SG")
    AgreementPageFactory(title="China-Thailand rail", party_countries=[china, thailand])
    AgreementPageFactory(title="China-Singapore park", party_countries=[china, singapore])
    AgreementPageFactory(title="China alone", party_countries=[china])
    AgreementPageFactory(title="Thailand-Singapore MoU", party_countries=[thailand, singapore])


def titles(client, query: str):
    response = client.get(f"/agreements/?{query}")
    assert response.status_code == 200
    return sorted(entry.title for entry in response.context["listing"].page.object_list), response


def test_two_countries_give_the_agreements_between_them_with_the_choice_visible(client, agreements):
    found, response = titles(client, "country=CN&country=TH")
    assert found == ["China-Thailand rail"]
    html = response.content.decode()
    assert 'aria-current="true" class="facet__match--chosen">all of them</a>' in html
    assert 'href="/agreements/?country=CN&amp;country=TH&amp;country_match=any"' in html


def test_any_of_them_gives_every_agreement_of_either_country(client, agreements):
    found, response = titles(client, "country=CN&country=TH&country_match=any")
    assert found == ["China alone", "China-Singapore park", "China-Thailand rail", "Thailand-Singapore MoU"]
    facet = next(facet for facet in response.context["listing"].facets if facet.param == "country")
    assert facet.match == "any"
    # the choice travels with every other link of the list
    assert "country_match=any" in next(option for option in facet.options if option.value == "SG").link


def test_under_all_of_them_each_country_counts_what_adding_it_would_give(client, agreements):
    _, response = titles(client, "country=CN")
    counts = {option.value: option.count for facet in response.context["listing"].facets if facet.param == "country" for option in facet.options}
    assert counts == {"CN": 3, "TH": 1, "SG": 1}


def test_a_junk_match_value_falls_back_to_the_default(client, agreements):
    found, _ = titles(client, "country=CN&country=TH&country_match=%00zz")
    assert found == ["China-Thailand rail"]
