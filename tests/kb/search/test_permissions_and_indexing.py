"""Only live, unrestricted entries are searchable, and the index follows publishing, restricting and deleting."""

import csv
import io

from wagtail.models import PageViewRestriction

from kb.search import service
from kb.search.query import SearchQuery
from tests.factories import CaseStudyPageFactory, CityFactory, CountryFactory

WORD = "quokkavale"


def visible_everywhere(client, slug: str) -> dict:
    """Where the entry shows up: hits, the city facet count, suggestions, the CSV export."""
    hits = [hit.slug for hit in service.search(SearchQuery(text=WORD)).hits]
    counts = {item["value"]: item["count"] for item in service.search(SearchQuery(filters={"type": ["case_study"]})).facets["city"]}
    suggestions = [item["text"] for item in service.suggest("Quokkavale")]
    export = client.get("/search/export.csv", {"q": WORD}).getvalue().decode("utf-8-sig")
    rows = [row[1] for row in csv.reader(io.StringIO(export))]
    return {"hits": slug in hits, "facet": counts.get("ct-quokka-town", 0) > 0, "suggest": bool(suggestions), "csv": slug in rows}


def new_draft(title="Quokkavale Flood Sensors"):
    city = CityFactory(slug="ct-quokka-town", name="Quokka Town", country=CountryFactory(code="MY"))
    return CaseStudyPageFactory(title=title, slug="ct-quokkavale", summary="Flood sensors along the river.", cities=[city], live=False)


def test_a_draft_is_not_found_until_it_is_published(client, corpus, engine_name):
    page = new_draft()
    assert visible_everywhere(client, "ct-quokkavale") == {"hits": False, "facet": False, "suggest": False, "csv": False}
    page.save_revision().publish()
    try:
        assert visible_everywhere(client, "ct-quokkavale") == {"hits": True, "facet": True, "suggest": True, "csv": True}
    finally:
        page.refresh_from_db()
        page.unpublish()


def test_unpublishing_removes_the_entry_from_hits_counts_suggestions_and_csv(client, corpus, engine_name):
    page = new_draft()
    page.save_revision().publish()
    page.refresh_from_db()
    page.unpublish()
    assert visible_everywhere(client, "ct-quokkavale") == {"hits": False, "facet": False, "suggest": False, "csv": False}


def test_restricting_an_entry_hides_it_and_lifting_the_restriction_shows_it_again(client, corpus, engine_name):
    page = new_draft()
    page.save_revision().publish()
    try:
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-pass")
        assert visible_everywhere(client, "ct-quokkavale")["hits"] is False
        restriction.delete()
        assert visible_everywhere(client, "ct-quokkavale")["hits"] is True
    finally:
        page.refresh_from_db()
        page.unpublish()


def test_a_deleted_entry_disappears(client, corpus, engine_name):
    page = new_draft()
    page.save_revision().publish()
    page.delete()
    assert visible_everywhere(client, "ct-quokkavale")["hits"] is False


def test_a_renamed_entry_is_found_by_its_new_title_only(client, corpus, engine_name):
    page = new_draft()
    page.save_revision().publish()
    try:
        page.refresh_from_db()
        page.title = "Quokkavale River Gauges"
        page.save_revision().publish()
        titles = [hit.title for hit in service.search(SearchQuery(text=WORD)).hits]
        assert titles.count("Quokkavale River Gauges") == 1 and "Quokkavale Flood Sensors" not in titles
    finally:
        page.refresh_from_db()
        page.unpublish()


def test_signed_in_editors_get_the_same_public_results(client, corpus, engine_name, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x-long-password-1")
    client.force_login(editor)
    slugs = [hit["slug"] for hit in client.get("/api/search/", {"q": "surveillance"}).json()["results"]]
    assert "ct-draft-surveillance" not in slugs and "ct-restricted-surveillance" not in slugs
