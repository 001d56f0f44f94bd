"""The search page, its CSV export and the JSON API, on both engines."""

import csv
import io
import json
import re

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
    assert 'href="?q=congestion&amp;format=csv" download' in html  # every result as CSV
    assert ">Country<" in html and ">Year<" in html


def test_a_facet_link_on_the_page_adds_the_filter_and_keeps_the_query(client, corpus, engine_name):
    html = client.get("/search/", {"q": "cctv"}).content.decode()
    assert 'href="/search/?q=cctv&amp;country=TH"' in html
    narrowed = client.get("/search/", {"q": "cctv", "country": "TH"}).content.decode()
    assert 'href="/search/?q=cctv">Country: Thailand' in narrowed  # the active filter's link removes it
    assert '<a href="/search/?q=cctv" class="facet__link facet__link--selected" aria-current="true">' in narrowed


def test_a_year_range_is_an_active_filter_that_can_be_removed(client, corpus, engine_name):
    html = client.get("/search/", {"q": "cctv", "year_from": "2018", "sort": "newest"}).content.decode()
    assert 'href="/search/?q=cctv&amp;sort=newest">Year: 2018–…' in html
    assert 'class="active-filters__clear" href="/search/?q=cctv&amp;sort=newest"' in html


def test_highlights_show_the_match_and_escape_the_entry_text(client, corpus, engine_name):
    from kb.search.documents import documents_for
    from kb.search.engines import get_engine
    from tests.factories import CaseStudyPageFactory

    summary = 'Tolls & fees where speed < 30 km/h: the "zebracrossing" <b>zone</b> <script>alert(1)</script>'
    entry = CaseStudyPageFactory(title="Toll gates", slug="ct-toll-gates", summary=summary)
    engine, documents = get_engine(engine_name), documents_for(entry)
    engine.index_documents(documents)
    try:
        html = client.get("/search/", {"q": "zebracrossing"}).content.decode()
    finally:
        engine.remove_sources([document["source"] for document in documents])
    snippet = html[html.index('<p class="search-hit__snippet">') :].split("</p>")[0]
    assert "<mark>zebracrossing</mark>" in snippet
    assert "&amp;" in snippet and "&lt; 30" in snippet
    assert "<b>" not in snippet and "<script>" not in snippet


def test_the_page_escapes_what_people_type(client, corpus, engine_name):
    html = client.get("/search/", {"q": '<script>alert("x")</script>'}).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_an_empty_result_offers_a_way_out(client, corpus, engine_name):
    html = client.get("/search/", {"q": "cctv", "country": "SG"}).content.decode()
    assert "Nothing matched this search." in html
    assert 'href="/search/?q=cctv">Search again without the filters' in html
    typo = client.get("/search/", {"q": "zzqxj hangzhuo"}).content.decode()
    assert "Did you mean" in typo and ">zzqxj hangzhou</a>" in typo


def test_the_csv_export_holds_every_result_of_the_query(client, corpus, engine_name):
    response = client.get("/search/", {"q": "cctv", "page": 1, "page_size": 1, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = response.getvalue()
    old_address = client.get("/search/export.csv", {"q": "cctv"})
    assert old_address["Content-Type"].startswith("text/csv") and old_address.getvalue().split(b"\r\n")[0] == content.split(b"\r\n")[0]
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["type", "slug", "title", "url"] and rows[0][-1] == "summary"
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
    assert 'href="/search/?q=cctv">Go to the first page of results' in html


def main_content(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_junk_parameters_change_nothing_on_the_page_and_never_reach_its_links(client, corpus, engine_name):
    wanted = {"q": "cctv", "page_size": "1"}
    junk = {f"utm_junk{number}": "" for number in range(990)}  # just under Django's limit of 1,000 fields
    clean, noisy = client.get("/search/", wanted), client.get("/search/", {**wanted, **junk})

    assert noisy.status_code == 200
    assert main_content(noisy) == main_content(clean)  # the same results, facets, sort form and links
    links = re.findall(r'href="([^"]*)"', main_content(noisy))
    assert "?q=cctv&amp;page_size=1&amp;page=2" in links  # pagination
    assert "/search/?q=cctv&amp;page_size=1&amp;country=TH" in links  # a facet
    assert 'name="page_size" value="1"' in main_content(noisy)  # the sort form keeps what was asked
    assert "utm_junk" not in main_content(noisy)


def test_more_parameters_than_django_accepts_get_a_400_not_a_slow_page(client, db):
    response = client.get("/search/", {"q": "cctv", **{f"junk{number}": "" for number in range(1010)}})
    assert response.status_code == 400
    assert "too many parameters" in response.content.decode()
