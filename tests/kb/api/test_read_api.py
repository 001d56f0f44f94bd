"""Researchers take the catalog out through the JSON API: the list pages' filters and totals, the import format's
field names, one record by its slug, and a 400 with the reason for a bad parameter."""

import pytest

from tests.factories import AgreementPageFactory, CaseStudyLessonFactory, CaseStudyPageFactory, CountryFactory, SolutionPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_case_studies_come_with_the_import_formats_field_names_and_their_page(client):
    singapore = CountryFactory(code="SG", name="Singapore")
    CaseStudyPageFactory(title="Smart Nation sensors", slug="smart-nation-sensors", countries=[singapore], start_year=2014)
    data = get(client, "/api/case-studies/")
    assert data["total"] == 1 and data["pages"] == 1 and data["next"] is None
    record = data["results"][0]
    assert record["slug"] == "smart-nation-sensors" and record["countries"] == ["SG"] and record["start_year"] == 2014
    assert record["url"] == "http://testserver/case-studies/smart-nation-sensors/"
    assert {"summary", "body", "cities", "domains", "technologies", "themes", "partners", "funding", "lessons", "sources", "confidence"} <= set(
        record
    )
    assert get(client, "/api/case-studies/smart-nation-sensors/") == record


@pytest.mark.parametrize(
    "filters",
    [{}, {"country": "SG"}, {"country": ["SG", "TH"]}, {"status": "completed"}, {"year": "2019"}, {"country": "ZZ"}, {"sort": "title"}],
)
def test_the_api_lists_what_the_list_page_lists_for_the_same_filters(client, filters):
    singapore, thailand = CountryFactory(code="SG", name="Singapore"), CountryFactory(code="TH", name="Thailand")
    for number in range(25):
        CaseStudyPageFactory(
            title=f"Case {number:02}",
            countries=[[singapore], [thailand], [singapore, thailand]][number % 3],
            start_year=2017 + number % 4,
            status=["ongoing", "completed"][number % 2],
        )
    listing = client.get("/case-studies/", filters).context["listing"]
    data = get(client, "/api/case-studies/", **filters, page_size=100)
    assert data["total"] == listing.total
    assert [record["slug"] for record in data["results"][:20]] == [entry.slug for entry in listing.page.object_list]
    assert [(option["value"], option["count"]) for option in data["facets"]["country"]] == [
        (option.value, option.count) for option in listing.facets[0].options
    ]


def test_pages_of_the_api_cover_every_entry_once(client):
    for number in range(7):
        AgreementPageFactory(title=f"Agreement {number}")
    first = get(client, "/api/agreements/", page_size=3, sort="title")
    assert first["total"] == 7 and first["pages"] == 3 and "page=2" in first["next"]
    slugs = [record["slug"] for page in (1, 2, 3) for record in get(client, "/api/agreements/", page_size=3, sort="title", page=page)["results"]]
    assert len(slugs) == len(set(slugs)) == 7
    assert get(client, "/api/agreements/", page=9)["results"] == []


@pytest.mark.parametrize(
    "url, params, field",
    [
        ("/api/case-studies/", {"page": "0"}, "page"),
        ("/api/case-studies/", {"page_size": "500"}, "page_size"),
        ("/api/case-studies/", {"sort": ""}, "sort"),
        ("/api/solutions/", {"sort": "random"}, "sort"),
        ("/api/case-studies/", {"country": "x" * 200}, "country"),
        ("/api/organisations/", {"kind": "pirate"}, "kind"),
        ("/api/search/", {"year_from": "2020", "year_to": "2010"}, "year_to"),
        ("/api/search/", {"sort": ""}, "sort"),
        ("/api/search/suggest/", {}, "q"),
    ],
)
def test_a_bad_parameter_gets_a_400_naming_it(client, url, params, field):
    response = client.get(url, params)
    assert response.status_code == 400
    assert response.json()["field"] == field and response.json()["error"]


def test_an_unknown_slug_is_a_404_with_a_reason(client):
    response = client.get("/api/case-studies/no-such-case/")
    assert response.status_code == 404 and "no-such-case" in response.json()["error"]


@pytest.mark.parametrize("url", ["/api/case-studies/", "/api/search/", "/api/search/suggest/?q=x", "/api/countries/"])
def test_the_api_is_read_only_other_methods_are_not_allowed(client, url):
    assert client.post(url, {}).status_code == 405
    assert client.delete(url).status_code == 405


def test_records_lessons_and_solutions_carry_their_links(client):
    thailand = CountryFactory(code="TH", name="Thailand")
    theme = ThemeFactory(slug="data-governance", name="Data governance")
    case = CaseStudyPageFactory(title="Bangkok CCTV", slug="bangkok-cctv", countries=[thailand])
    CaseStudyLessonFactory(page=case, theme=theme, text="Publish the data-sharing rules first.")
    SolutionPageFactory(title="Camera platform", deployments=[case])
    lessons = get(client, "/api/lessons/", theme="data-governance")["results"]
    assert lessons == [
        {
            "theme": "data-governance",
            "theme_name": "Data governance",
            "text": "Publish the data-sharing rules first.",
            "case_study": "bangkok-cctv",
            "case_study_title": "Bangkok CCTV",
            "url": "http://testserver/case-studies/bangkok-cctv/",
        }
    ]
    assert get(client, "/api/solutions/")["results"][0]["deployments"] == ["bangkok-cctv"]
    country = get(client, "/api/countries/th/")
    assert country["code"] == "TH" and country["case_study_count"] == 1 and country["url"] == "http://testserver/countries/th/"
    assert get(client, "/api/themes/")["results"][0]["lesson_count"] == 1


def test_the_schema_documents_every_operation_and_is_valid_openapi(client):
    from openapi_spec_validator import validate

    document = get(client, "/api/schema/")
    validate(document)
    for kind in ["case-studies", "agreements", "solutions", "countries", "cities", "organisations", "themes"]:
        assert f"/api/{kind}/" in document["paths"]
        assert any(path.startswith(f"/api/{kind}/{{") for path in document["paths"])
    assert "/api/lessons/" in document["paths"]
    parameters = {parameter["name"] for parameter in document["paths"]["/api/case-studies/"]["get"]["parameters"]}
    assert parameters == {"country", "city", "domain", "technology", "theme", "status", "year", "sort", "page", "page_size"}
    suggest_q = document["paths"]["/api/search/suggest/"]["get"]["parameters"][0]
    assert suggest_q["name"] == "q" and suggest_q["required"] is True
