"""The search page, its CSV export and the JSON API, on both engines."""

import csv
import io
import json

import pytest


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_api_returns_hits_facets_and_the_engine(client, corpus, engine_name):
    data = api(client, q="Hangzhou City Brain")
    assert data["engine"] == engine_name
    first = data["results"][0]
    assert first == {
        "type": "case_study",
        "slug": "ct-hangzhou-city-brain",
        "title": "Hangzhou City Brain",
        "url": "/case-studies/ct-hangzhou-city-brain/",
        "summary": first["summary"],
        "highlights": first["highlights"],
    }
    assert data["total"] >= 2
    assert {"type", "country", "city", "domain", "technology", "theme", "status", "year"} <= set(data["facets"])
    assert {"value": "CN", "label": "China", "count": 2, "selected": False} in data["facets"]["country"]


def test_the_api_takes_the_same_filters_as_the_page(client, corpus, engine_name):
    data = api(client, q="cctv", country="TH", type="case_study")
    assert [hit["slug"] for hit in data["results"]] == ["ct-bangkok-cctv"]
    repeated = api(client, type=["case_study"], country=["TH", "VN"])
    comma = api(client, type="case_study", country="th,vn")
    assert repeated["total"] == comma["total"] == 2


def test_the_api_pages_through_results(client, corpus, engine_name):
    data = api(client, page_size=4)
    assert data["page"] == 1 and data["pages"] == -(-data["total"] // 4)
    assert data["next"] and "page=2" in data["next"] and data["previous"] is None
    second = api(client, page_size=4, page=2)
    assert not {hit["slug"] for hit in data["results"]} & {hit["slug"] for hit in second["results"]}


def test_suggestions_as_json(client, corpus, engine_name):
    response = client.get("/api/search/suggest/", {"q": "Kuala"})
    assert response.status_code == 200
    suggestions = response.json()["suggestions"]
    assert {"text": "Kuala Lumpur Safe City Monitoring", "url": "/case-studies/ct-kl-safe-city/", "type": "case_study"} in suggestions
    assert client.get("/api/search/suggest/", {"q": ""}).json()["suggestions"] == []


def test_the_search_page_shows_results_facets_and_highlights(client, corpus, engine_name):
    response = client.get("/search/", {"q": "congestion"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/case-studies/ct-hangzhou-city-brain/">Hangzhou City Brain</a>' in html
    assert "<mark>congestion</mark>" in html
    assert 'role="combobox"' in html and 'aria-controls="search-suggestions"' in html
    assert "/search/export.csv?q=congestion" in html
    assert ">Country<" in html and ">Year<" in html


def test_a_facet_link_on_the_page_adds_the_filter_and_keeps_the_query(client, corpus, engine_name):
    html = client.get("/search/", {"q": "cctv"}).content.decode()
    assert 'href="?q=cctv&amp;country=TH"' in html
    narrowed = client.get("/search/", {"q": "cctv", "country": "TH"}).content.decode()
    assert "Country: Thailand" in narrowed and 'href="?q=cctv"' in narrowed  # the remove-filter link


def test_the_page_escapes_what_people_type(client, corpus, engine_name):
    html = client.get("/search/", {"q": '<script>alert("x")</script>'}).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_an_empty_result_offers_a_way_out(client, corpus, engine_name):
    html = client.get("/search/", {"q": "cctv", "country": "SG"}).content.decode()
    assert "Nothing matched this search." in html
    assert "Search again without the filters" in html and 'href="?q=cctv"' in html
    typo = client.get("/search/", {"q": "zzqxj hangzhuo"}).content.decode()
    assert "Did you mean" in typo and ">zzqxj hangzhou</a>" in typo


def test_the_csv_export_holds_every_result_of_the_query(client, corpus, engine_name):
    response = client.get("/search/export.csv", {"q": "cctv", "page": 1, "page_size": 1})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["type", "slug", "title", "url", "summary"]
    total = api(client, q="cctv")["total"]
    assert len(rows) - 1 == total > 1  # all results, not just page 1 of size 1
    assert any(row[3] == "http://testserver/case-studies/ct-bangkok-cctv/" for row in rows)


def test_the_openapi_schema_is_valid_openapi_3(client, db):
    from openapi_spec_validator import validate

    response = client.get("/api/schema/")
    assert response.status_code == 200
    document = json.loads(response.content)
    validate(document)
    assert {"/api/search/", "/api/search/suggest/"} <= set(document["paths"])
    parameters = {parameter["name"] for parameter in document["paths"]["/api/search/"]["get"]["parameters"]}
    assert {"q", "type", "country", "city", "domain", "technology", "theme", "status", "sort", "page", "page_size"} <= parameters


@pytest.mark.parametrize("path", ["/search/", "/api/search/", "/api/search/suggest/", "/search/export.csv"])
def test_search_urls_answer_get_only(client, db, path):
    assert client.post(path, {"q": "x"}).status_code == 405


def test_a_page_past_the_last_result_points_back_to_the_first(client, corpus, engine_name):
    html = client.get("/search/", {"q": "cctv", "page": 40}).content.decode()
    assert "none on this page" in html
    assert 'href="?q=cctv"' in html and "Go to the first page of results" in html
