"""No query string, facet value, sort, page or page size makes a 500: results, or a 400 with a reason."""

import pytest

SEARCH_URLS = ["/search/", "/api/search/", "/search/export.csv"]

GOOD_ENOUGH = [
    {"q": "x" * 900},
    {"q": "title:(a OR b)~2 AND /re/"},
    {"q": 'smart "city brain'},
    {"q": '"""'},
    {"q": "🚦 traffic 🚦"},
    {"q": "-"},
    {"q": "OR OR | AND"},
    {"q": "((((city"},
    {"q": "*?\\[]{}^~:!"},
    {"q": "城市（大脑"},
    {"q": "cctv", "country": "ZZ"},
    {"type": "<script>", "city": "nowhere", "theme": "x" * 100},
    {"q": "cctv", "sort": "newest", "page": "3", "page_size": "2"},
    {"country": "th,,vn,"},
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


@pytest.mark.parametrize("params", GOOD_ENOUGH)
@pytest.mark.parametrize("url", SEARCH_URLS)
def test_odd_but_harmless_input_gives_results(client, corpus, engine_name, url, params):
    response = client.get(url, params)
    assert response.status_code == 200


@pytest.mark.parametrize("params, field", REFUSED)
def test_bad_parameters_get_a_400_with_the_reason(client, corpus, engine_name, params, field):
    api = client.get("/api/search/", params)
    assert api.status_code == 400
    body = api.json()
    assert body["field"] == field and body["error"]
    page = client.get("/search/", params)
    assert page.status_code == 400
    assert 'role="alert"' in page.content.decode()
    assert client.get("/search/export.csv", params).status_code == 400


def test_lucene_syntax_is_searched_as_words_not_obeyed(client, corpus, engine_name):
    data = client.get("/api/search/", {"q": "title:(Hangzhou)"}).json()
    assert {"ct-hangzhou", "ct-hangzhou-city-brain"} <= {hit["slug"] for hit in data["results"][:3]}


def test_an_unbalanced_quote_still_finds_the_phrase(client, corpus, engine_name):
    data = client.get("/api/search/", {"q": '"city brain'}).json()
    assert "ct-hangzhou-city-brain" in [hit["slug"] for hit in data["results"]]


@pytest.mark.parametrize("q", ["a" * 150, "🚦", "城", "title:(x", "\x00", "b" * 300])
def test_suggestions_survive_odd_input(client, corpus, engine_name, q):
    response = client.get("/api/search/suggest/", {"q": q})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["field"] == "q"
