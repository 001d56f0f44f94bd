"""Editors extend the synonym list; an engine outage never breaks search or an editor's save."""

import pytest
from django.core.exceptions import ValidationError

from kb.search import service
from kb.search.models import SearchDocument, Synonym
from kb.search.query import SearchQuery
from tests.factories import CaseStudyPageFactory

DEAD_URL = "http://127.0.0.1:9"  # nothing listens on the discard port


def slugs(text):
    return [hit.slug for hit in service.search(SearchQuery(text=text)).hits]


def test_a_synonym_added_in_the_admin_takes_effect(corpus, engine_name):
    assert "ct-sg-sensors" not in slugs("streetlight")
    Synonym.objects.create(terms="streetlight, lamp post")
    assert "ct-sg-sensors" in slugs("streetlight")


def test_the_default_abbreviations_are_seeded_and_editable(db):
    terms = [synonym.term_list for synonym in Synonym.objects.all()]
    assert ["cctv", "surveillance camera", "security camera"] in terms
    assert ["kl", "kuala lumpur"] in terms


def test_a_synonym_needs_two_terms(db):
    with pytest.raises(ValidationError):
        Synonym(terms="lonely").full_clean()


def test_when_elasticsearch_is_down_the_database_answers_and_says_so(contract_corpus, db, settings):
    settings.SEARCH_BACKEND = "elasticsearch7"
    settings.SEARCH_URL = DEAD_URL
    result = service.search(SearchQuery(text="congestion"))
    assert result.engine == "database"
    assert "unavailable" in result.fallback_reason
    assert [hit.slug for hit in result.hits] == ["ct-hangzhou-city-brain"]
    assert [item["text"] for item in service.suggest("hangz")][:1]


def test_the_page_tells_readers_when_the_fallback_answers(client, contract_corpus, db, settings):
    settings.SEARCH_BACKEND = "elasticsearch7"
    settings.SEARCH_URL = DEAD_URL
    html = client.get("/search/", {"q": "congestion"}).content.decode()
    assert "these results come from the database engine" in html
    assert client.get("/api/search/", {"q": "congestion"}).json()["engine"] == "database"


def test_an_editor_can_publish_while_elasticsearch_is_down(contract_corpus, db, settings):
    settings.SEARCH_BACKEND = "elasticsearch7"
    settings.SEARCH_URL = DEAD_URL
    page = CaseStudyPageFactory(title="Wombatville Water Meters", slug="ct-wombatville", live=False)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live
    assert SearchDocument.objects.filter(slug="ct-wombatville").exists()  # the database index still follows


def test_editors_find_the_synonym_list_in_the_admin(client, db, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "x-long-password-1")
    client.force_login(admin)
    response = client.get("/admin/snippets/kb_search/synonym/")
    assert response.status_code == 200
    assert "kl, kuala lumpur" in response.content.decode()
    created = client.post("/admin/snippets/kb_search/synonym/add/", {"terms": "smart pole, smart lamppost", "note": ""})
    assert created.status_code == 302
    assert Synonym.objects.filter(terms="smart pole, smart lamppost").exists()
