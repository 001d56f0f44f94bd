"""Cached searches are never stale: what an editor publishes, unpublishes, renames or adds to the synonym list shows
in the very next search, and a page kept for one reader never reaches a reader of another language or with other
rights. The search page does a bounded number of SQL queries."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kb import cache
from kb.search import schema
from kb.search.models import Synonym
from kb.templatetags.bilingual import url_in_language
from projects.models import Country
from tests.factories import CaseStudyPageFactory

from .corpus import published

database_only = pytest.mark.parametrize("engine_name", ["database"], indirect=True)


def search_page(client, text: str, language: str = "en", **filters) -> str:
    with translation.override(language):
        url = reverse("search")
    response = client.get(f"{url}?{urlencode({'q': text, **filters}, doseq=True)}")
    assert response.status_code == 200
    return response.content.decode()


def draft(title="Numbat Grid Smart Meters", slug="cache-numbat-grid", country=None):
    page = CaseStudyPageFactory(title=title, slug=slug, summary="Smart meters across the numbat district.", live=False)
    if country is not None:
        page.countries.add(country)
    return page


def test_a_published_entry_shows_in_the_next_search_and_an_unpublished_one_leaves_it(corpus, client):
    page = draft()
    assert "Numbat Grid Smart Meters" not in search_page(client, "numbat")
    hits_before = cache.hits["search-page"]
    assert "Numbat Grid Smart Meters" not in search_page(client, "numbat")
    assert cache.hits["search-page"] == hits_before + 1, "the second reader got the kept page"
    with published(page):
        assert "Numbat Grid Smart Meters" in search_page(client, "numbat")
    assert "Numbat Grid Smart Meters" not in search_page(client, "numbat")


@database_only
def test_a_synonym_an_editor_adds_takes_effect_in_the_next_search(corpus, client):
    with published(draft()):
        assert "Numbat Grid Smart Meters" not in search_page(client, "marsupial")
        Synonym.objects.create(terms="numbat, marsupial")
        assert "Numbat Grid Smart Meters" in search_page(client, "marsupial")


@database_only
def test_a_renamed_country_is_named_anew_in_the_next_search_facets(corpus, client):
    country = Country.objects.get(code="TH")
    with published(draft(country=country)):
        assert "Thailand" in search_page(client, "numbat")
        country.name = "Kingdom of Thailand"
        country.save()
        assert "Kingdom of Thailand" in search_page(client, "numbat")


@database_only
def test_a_chinese_reader_never_gets_the_english_page_kept_for_the_same_search(corpus, client):
    with published(draft()) as page:
        with translation.override("zh-hans"):
            chinese_type = str(schema.TYPES["case_study"].label)
        chinese_address = url_in_language(page.url, "zh-hans")
        assert chinese_type != "Case study" and chinese_address != page.url
        english = search_page(client, "numbat")
        chinese = search_page(client, "numbat", language="zh-hans")
        assert "Case study" in english and chinese_type not in english and f'href="{chinese_address}"' not in english
        assert chinese_type in chinese and f'href="{chinese_address}"' in chinese
        assert search_page(client, "numbat") == english  # and back: the English reader still gets English


@database_only
def test_a_page_kept_for_a_signed_in_editor_shows_an_anonymous_reader_nothing_of_the_editor(corpus, client):
    editor = get_user_model().objects.create_superuser("cache-editor-quokka", "quokka@example.org", "pw")
    client.force_login(editor)
    for_editor = search_page(client, "smart")
    client.logout()
    hits_before = cache.hits["search-page"]
    for_reader = search_page(client, "smart")
    assert cache.hits["search-page"] == hits_before + 1
    assert for_reader == for_editor
    assert "quokka" not in for_reader


@pytest.mark.parametrize("engine_name", ["elasticsearch"], indirect=True)  # the database engine searches with SQL
def test_the_search_page_reads_the_database_only_for_what_no_earlier_search_asked(corpus, client):
    search_page(client, "smart")  # labels, synonyms and navigation read once
    with CaptureQueriesContext(connection) as another_search:
        search_page(client, "meters")
    with CaptureQueriesContext(connection) as the_same_search:
        search_page(client, "meters")
    assert len(another_search) <= 3, [query["sql"][:120] for query in another_search]
    assert len(the_same_search) == 0, [query["sql"][:120] for query in the_same_search]
