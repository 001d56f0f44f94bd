"""Several countries in a search say how they combine, as on the agreements list: agreements between them (all) or
of any of them, with the choice visible on the page and the same answer from the API, on both engines."""

import re

from django.urls import reverse

BETWEEN_CHINA_AND_THAILAND = ["ct-asean-china-statement"]
OF_CHINA_OR_THAILAND = ["ct-asean-china-statement", "ct-china-laos-mou"]


def page_slugs(client, **params) -> tuple[list[str], str]:
    response = client.get(reverse("search"), {"type": "agreement", "country": ["CN", "TH"], **params})
    assert response.status_code == 200
    return sorted(hit.slug for hit in response.context["result"].hits), response.content.decode()


def api_slugs(client, **params) -> list[str]:
    response = client.get(reverse("api:api_search"), {"type": "agreement", "country": ["CN", "TH"], **params})
    assert response.status_code == 200, response.content
    return sorted(hit["slug"] for hit in response.json()["results"])


def test_all_of_them_gives_only_the_agreements_between_the_countries(client, corpus, engine_name):
    found, html = page_slugs(client, country_match="all")
    assert found == BETWEEN_CHINA_AND_THAILAND
    assert api_slugs(client, country_match="all") == found
    assert 'aria-current="true" class="facet__match--chosen">all of them</a>' in html


def test_any_of_them_gives_the_agreements_of_either_country(client, corpus, engine_name):
    found, html = page_slugs(client, country_match="any")
    assert found == OF_CHINA_OR_THAILAND
    assert api_slugs(client, country_match="any") == found
    assert 'aria-current="true" class="facet__match--chosen">any of them</a>' in html
    # the choice travels with the page's other links: adding Singapore keeps "any of them"
    adding_singapore = re.search(r'href="([^"]*country=SG[^"]*)" class="facet__link', html).group(1)
    assert "country_match=any" in adding_singapore


def test_agreements_alone_mean_agreements_between_the_countries_as_on_their_list(client, corpus, engine_name):
    found, html = page_slugs(client)
    assert found == BETWEEN_CHINA_AND_THAILAND
    assert api_slugs(client) == found
    assert 'href="/search/?type=agreement&amp;country=CN&amp;country=TH&amp;country_match=any"' in html


def test_across_every_type_several_countries_mean_any_of_them(client, corpus, engine_name):
    response = client.get(reverse("search"), {"country": ["CN", "LA"]})
    both = client.get(reverse("search"), {"country": ["CN", "LA"], "country_match": "all"})
    china = client.get(reverse("search"), {"country": "CN"})
    assert response.context["result"].total >= china.context["result"].total
    assert both.context["result"].total < response.context["result"].total
    assert "ct-china-laos-mou" in {hit.slug for hit in both.context["result"].hits}


def test_under_all_of_them_each_country_counts_what_choosing_it_as_well_would_give(client, corpus, engine_name):
    response = client.get(reverse("search"), {"type": "agreement", "country": ["CN", "TH"]})
    counts = {item["value"]: item["count"] for item in response.context["result"].facets["country"]}
    assert counts["CN"] == counts["TH"] == counts["SG"] == 1
    assert counts.get("LA", 0) == 0


def test_a_junk_choice_on_the_page_falls_back_to_the_default(client, corpus, engine_name):
    found, _ = page_slugs(client, country_match="%00zz")
    assert found == BETWEEN_CHINA_AND_THAILAND


def test_the_api_documents_the_choice(client, db):
    schema = client.get(reverse("api:openapi-json")).json()
    parameters = {parameter["name"]: parameter for parameter in schema["paths"][reverse("api:api_search")]["get"]["parameters"]}
    assert "agreements between them" in parameters["country_match"]["description"]


def test_the_agreements_api_combines_countries_as_their_list_does(client, contract_corpus, db):
    url = reverse("api:api_agreement_list")
    between = client.get(url, {"country": ["CN", "TH"]}).json()["results"]
    either = client.get(url, {"country": ["CN", "TH"], "country_match": "any"}).json()["results"]
    assert [entry["slug"] for entry in between] == BETWEEN_CHINA_AND_THAILAND
    assert sorted(entry["slug"] for entry in either) == OF_CHINA_OR_THAILAND
    schema = client.get(reverse("api:openapi-json")).json()
    parameters = {parameter["name"] for parameter in schema["paths"][url]["get"]["parameters"]}
    assert "country_match" in parameters
