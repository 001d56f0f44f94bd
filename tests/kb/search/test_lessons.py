"""Lessons are search results of their own: found by what they teach, filed under their case study's own countries."""

from kb.search import service
from kb.search.consistency import check
from kb.search.query import SearchQuery
from tests.factories import CaseStudyLessonFactory, CaseStudyPageFactory, CaseStudyPartnerFactory

KL_LESSON = "Publish data retention rules before switching cameras on."


def lessons(text="", **filters):
    return service.search(SearchQuery(text=text, filters={"type": ["lesson"], **filters})).hits


def test_a_lesson_is_found_by_what_it_teaches_and_links_to_its_case_study(corpus, engine_name):
    [hit] = lessons("retention rules")
    assert hit.type == "lesson"
    assert hit.title == "CT Privacy and surveillance: Kuala Lumpur Safe City Monitoring"
    assert hit.url == "/case-studies/ct-kl-safe-city/#lessons"
    assert hit.summary == KL_LESSON


def test_a_search_for_lessons_on_a_theme_in_a_country_finds_them(corpus, engine_name):
    hits = service.search(SearchQuery(text="lessons privacy Kuala Lumpur")).hits
    assert ("lesson", "ct-kl-safe-city-lesson-" + str(corpus["kl_safe"].lessons.get().pk)) in {(hit.type, hit.slug) for hit in hits}


def test_lessons_are_counted_by_their_case_studys_own_countries_and_their_own_theme(corpus, engine_name):
    # Huawei, the case study's partner, is not what files the lesson under a country: the case study's place is.
    counts = service.aggregate({"type": ["lesson"]}, ["country", "theme", "domain", "technology"])
    assert counts == {"country": {"MY": 1}, "theme": {"ct-privacy": 1}, "domain": {"ct-public-safety": 1}, "technology": {"ct-cctv": 1, "ct-ai": 1}}
    assert lessons(country=["MY"]) and not lessons(country=["CN"])


def test_lessons_show_as_a_result_type_on_the_page_and_in_the_api(client, corpus, engine_name):
    body = client.get("/api/search/", {"q": "retention", "type": "lesson"}).json()
    assert [hit["type"] for hit in body["results"]] == ["lesson"]
    assert {"value": "lesson", "label": "Lesson", "count": 1, "selected": True} in body["facets"]["type"]
    html = client.get("/search/", {"q": "retention"}).content.decode()
    assert "Lesson" in html and "/case-studies/ct-kl-safe-city/#lessons" in html


def test_lessons_do_not_crowd_the_title_suggestions(corpus, engine_name):
    assert {item["type"] for item in service.suggest("kuala")} <= {"case_study", "city", "agreement", "solution", "organisation", "theme"}


def test_a_lesson_removed_from_its_case_study_leaves_the_index_and_unpublishing_removes_the_rest(corpus, engine_name):
    page = CaseStudyPageFactory(title="Numbat Grid Smart Meters", slug="ct-numbat-grid", summary="Smart meters.", live=False)
    CaseStudyPartnerFactory(page=page, organisation=next(r for r in corpus["records"] if r.slug == "ct-huawei"))
    kept = CaseStudyLessonFactory(page=page, text="Numbat meters need a local maintenance contract.")
    dropped = CaseStudyLessonFactory(page=page, text="Numbat tariffs should be published before billing starts.")
    page.save_revision().publish()
    try:
        assert {hit.summary for hit in lessons("numbat")} == {kept.text, dropped.text}
        page.refresh_from_db()
        page.lessons.filter(pk=dropped.pk).delete()
        page.save_revision().publish()
        assert [hit.summary for hit in lessons("numbat")] == [kept.text]
        assert check(engine_name).in_step
    finally:
        page.refresh_from_db()
        page.unpublish()
    assert lessons("numbat") == []
    assert check(engine_name).in_step
    page.partners.all().delete()
