"""Editors search the Wagtail admin through Wagtail's own Elasticsearch backend, on the same engine as the public site."""

import uuid

import pytest
from django.core.management import call_command
from django.urls import reverse
from elasticsearch import Elasticsearch

from tests.factories import CaseStudyPageFactory, OrganisationFactory
from tests.projects.admin_support import user_in_group

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


@pytest.fixture
def admin_on_elasticsearch(elasticsearch_url, settings):
    """WAGTAILSEARCH_BACKENDS as production sets it (SEARCH_BACKEND=elasticsearch7), on an index prefix of its own."""
    prefix = f"kbtest_admin_{uuid.uuid4().hex[:8]}_"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.elasticsearch7", "URLS": elasticsearch_url.split(","), "INDEX_PREFIX": prefix, "TIMEOUT": 30}
    }
    client = Elasticsearch(elasticsearch_url.split(","), timeout=30)
    yield client, prefix
    client.indices.delete(index=f"{prefix}*", ignore_unavailable=True)


@pytest.fixture
def editor_client(client):
    client.force_login(user_in_group("Editors"))
    return client


def admin_page_search(client, text: str) -> list[str]:
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": text})
    assert response.status_code == 200
    return [page.title for page in response.context["pages"]]


def test_the_admin_page_search_finds_entries_in_elasticsearch_and_follows_edits(admin_on_elasticsearch, editor_client):
    es, prefix = admin_on_elasticsearch
    page = CaseStudyPageFactory(title="Quokkaton Flood Sensors", slug="quokkaton-flood-sensors")
    call_command("update_index", verbosity=0)
    es.indices.refresh(index=f"{prefix}*")
    held = es.search(index=f"{prefix}*", q="quokkaton", size=5)["hits"]["hits"]
    assert held, "the page is in Wagtail's Elasticsearch index"

    assert admin_page_search(editor_client, "quokkaton") == ["Quokkaton Flood Sensors"]

    page.title = "Quokkaton Tide Gauges"
    page.save_revision().publish()  # Wagtail's own signal queues the index update (run at once in tests)
    es.indices.refresh(index=f"{prefix}*")
    assert admin_page_search(editor_client, "tide gauges") == ["Quokkaton Tide Gauges"]


def test_the_admin_snippet_search_finds_organisations_in_elasticsearch(admin_on_elasticsearch, editor_client):
    es, prefix = admin_on_elasticsearch
    OrganisationFactory(name="Numbat Urban Analytics", slug="numbat-urban-analytics")
    OrganisationFactory(name="Dugong Transit Holdings", slug="dugong-transit-holdings")
    call_command("update_index", verbosity=0)
    es.indices.refresh(index=f"{prefix}*")

    response = editor_client.get(reverse("wagtailsnippets_projects_organisation:list"), {"q": "numbat"})
    assert response.status_code == 200
    assert [str(item) for item in response.context["object_list"]] == ["Numbat Urban Analytics"]
