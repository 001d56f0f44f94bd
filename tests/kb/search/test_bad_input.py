"""No query string, facet value, sort, page or page size makes a 500: results, or a 400 with a reason."""

import csv
import io

import pytest

# Odd but harmless input, and the plain search a reader would expect it to behave like (None: no expectation
# beyond the three answers agreeing).
GOOD_ENOUGH = [
    ({"q": "x" * 900}, {"q": "x" * 500}),
    ({"q": "title:(a OR b)~2 AND /re/"}, None),
    ({"q": 'smart "city brain'}, None),
    ({"q": '"""'}, None),
    ({"q": "🚦 traffic 🚦"}, {"q": "traffic"}),
    ({"q": "-"}, None),
    ({"q": "OR OR | AND"}, None),
    ({"q": "((((city"}, {"q": "city"}),
    ({"q": "*?\\[]{}^~:!"}, None),
    ({"q": "城市（大脑"}, {"q": "城市 大脑"}),
    ({"q": "cctv", "country": "ZZ"}, None),
    ({"type": "<script>", "city": "nowhere", "theme": "x" * 100}, None),
    ({"q": "cctv", "sort": "newest", "page": "3", "page_size": "2"}, None),
    ({"country": "th,,vn,"}, {"country": ["TH", "VN"]}),
]
REFUSED = [
    ({"q": "x" * 5000}, "q"),
    ({"q": "bad\x00byte"}, "q"),
    ({"page": "-1"}, "page"),
    ({"page": "0"}, "page"),
    ({"page": str(10**9)}, "page"),
    ({"page": "abc"}, "page"),
    ({"page_size": "0"}, "page_size"),
    ({"page_size": "10000"}, "page_size"),
    ({"sort": "random"}, "sort"),
    ({"year_from": "abc"}, "year_from"),
    ({"year_from": "2020", "year_to": "2010"}, "year_to"),
    ({"country": ",".join(f"C{i}" for i in range(40))}, "country"),
    ({"city": "x" * 200}, "city"),
]


def slugs(client, params) -> list[str]:
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return [hit["slug"] for hit in response.json()["results"]]


@pytest.mark.parametrize("params, plain", GOOD_ENOUGH)
def test_odd_but_harmless_input_gives_results(client, corpus, engine_name, params, plain):
    """The page, the API and the CSV export all answer, agree on the results, and show what was typed as text."""
    data = client.get("/api/search/", params).json()
    page = client.get("/search/", params)
    export = client.get("/search/export.csv", params)
    assert page.status_code == export.status_code == 200
    html = page.content.decode()
    assert f"{data['total']} result" in html and "<script>" not in html.split("<main", 1)[1].replace('<script src="/static/', "")
    for hit in data["results"]:
        assert f'<a href="{hit["url"]}">' in html
    assert len(list(csv.reader(io.StringIO(export.getvalue().decode("utf-8-sig"))))) - 1 == data["total"]
    if plain is not None:
        assert slugs(client, params) == slugs(client, plain)
    if "country" in params and params.get("q") == "cctv":
        assert data["total"] == 0 and "Nothing matched this search." in html  # an unknown country narrows to nothing


@pytest.mark.parametrize("params, field", REFUSED)
def test_bad_parameters_get_a_400_with_the_reason(client, corpus, engine_name, params, field):
    api = client.get("/api/search/", params)
    assert api.status_code == 400
    body = api.json()
    assert body["field"] == field and body["error"]
    page = client.get("/search/", params)
    assert page.status_code == 400
    reason = page.content.decode().split('role="alert"><p>', 1)[1].split("</p>", 1)[0]
    assert field.replace("_", " ") in reason.replace("_", " ").lower(), reason  # the page names what to fix
    export = client.get("/search/export.csv", params)
    assert export.status_code == 400 and export.json()["field"] == field


def test_lucene_syntax_is_searched_as_words_not_obeyed(client, corpus, engine_name):
    data = client.get("/api/search/", {"q": "title:(Hangzhou)"}).json()
    assert {"ct-hangzhou", "ct-hangzhou-city-brain"} <= {hit["slug"] for hit in data["results"][:3]}


def test_an_unbalanced_quote_still_finds_the_phrase(client, corpus, engine_name):
    data = client.get("/api/search/", {"q": '"city brain'}).json()
    assert "ct-hangzhou-city-brain" in [hit["slug"] for hit in data["results"]]


@pytest.mark.parametrize("q", ["a" * 150, "🚦", "城", "title:(x"])
def test_suggestions_survive_odd_input(client, corpus, engine_name, q):
    response = client.get("/api/search/suggest/", {"q": q})
    assert response.status_code == 200
    assert response.json()["query"] == q and isinstance(response.json()["suggestions"], list)


def test_suggestions_complete_chinese_names(client, corpus, engine_name):
    suggestions = client.get("/api/search/suggest/", {"q": "城"}).json()["suggestions"]
    assert "ct-hangzhou-city-brain" in [suggestion["url"].rstrip("/").rsplit("/", 1)[-1] for suggestion in suggestions]


@pytest.mark.parametrize("q", ["\x00", "b" * 300])
def test_suggestions_refuse_null_bytes_and_long_input_with_the_reason(client, corpus, engine_name, q):
    response = client.get("/api/search/suggest/", {"q": q})
    assert response.status_code == 400
    assert response.json()["field"] == "q"
