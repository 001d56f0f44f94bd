"""The lessons hub (/lessons/): every lesson a reader may see, grouped by theme, filtered by the case study's own countries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import CaseStudyLesson, CaseStudyPage
from tests.factories import (
    CaseStudyLessonFactory,
    CaseStudyPageFactory,
    CaseStudyPartnerFactory,
    CountryFactory,
    DomainFactory,
    OfficialsOnlyRestrictionFactory,
    OrganisationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def laosat():
    laos, china = CountryFactory(code="LA", name="Lao PDR"), CountryFactory(code="CN")
    space = DomainFactory(name="Space", slug="space")
    lock_in, finance = ThemeFactory(name="Vendor lock-in", slug="vendor-lock-in"), ThemeFactory(name="Financing", slug="financing")
    satellite = CaseStudyPageFactory(title="LaoSat-1", countries=[laos], domains=[space])
    CaseStudyPartnerFactory(page=satellite, organisation=OrganisationFactory(name="China Great Wall", slug="cgwic", hq_country=china))
    CaseStudyLessonFactory(page=satellite, theme=lock_in, text="Keep the ground station skills at home.")
    CaseStudyLessonFactory(page=satellite, theme=finance, text="Loans tie the purchase to the lender's vendors.")
    brain = CaseStudyPageFactory(title="Hangzhou City Brain", countries=[china])
    CaseStudyLessonFactory(page=brain, theme=lock_in, text="Own the data model.")
    return satellite, brain


def hub(client, query: str = ""):
    response = client.get(f"{reverse('lessons')}?{query}")
    assert response.status_code == 200
    return response


def lesson_texts(response) -> list[str]:
    return [lesson.text for group in response.context["groups"] for lesson in group.rows]


def test_the_hub_groups_every_lesson_under_its_theme_and_links_each_case_study(client, laosat):
    response = hub(client)
    groups = {group.key.name: sorted(lesson.text for lesson in group.rows) for group in response.context["groups"]}
    assert groups == {
        "Financing": ["Loans tie the purchase to the lender's vendors."],
        "Vendor lock-in": ["Keep the ground station skills at home.", "Own the data model."],
    }
    assert [group.key.name for group in response.context["groups"]] == ["Financing", "Vendor lock-in"]
    html = response.content.decode()
    assert f'href="{laosat[0].url}"' in html and f'href="{laosat[1].url}"' in html
    assert "2 lessons" in html  # each theme with its count


def test_a_lesson_belongs_to_its_case_studys_own_countries_not_its_partners_home(client, laosat):
    assert sorted(lesson_texts(hub(client, "country=LA"))) == [
        "Keep the ground station skills at home.",
        "Loans tie the purchase to the lender's vendors.",
    ]
    assert lesson_texts(hub(client, "country=CN")) == ["Own the data model."]  # LaoSat's Chinese builder does not make it Chinese


def test_filters_combine_and_show_counts(client, laosat):
    response = hub(client, "country=LA&theme=vendor-lock-in")
    assert lesson_texts(response) == ["Keep the ground station skills at home."]
    facets = {facet.param: {option.value: option.count for option in facet.options} for facet in response.context["listing"].facets}
    assert facets["country"] == {"CN": 1, "LA": 1}  # lock-in lessons per country
    assert facets["theme"] == {"financing": 1, "vendor-lock-in": 1}  # Lao lessons per theme
    assert lesson_texts(hub(client, "domain=space")) != [] and "Own the data model." not in lesson_texts(hub(client, "domain=space"))


def test_unknown_filter_values_are_reported_not_a_500(client, laosat):
    html = hub(client, "country=ZZ&theme=%00").content.decode()
    assert "Ignored unknown country: ZZ." in html


def test_drafts_and_restricted_case_studies_lessons_stay_hidden_from_the_public(client, laosat):
    secret = CaseStudyPageFactory(title="Secret", countries=[CountryFactory(code="LA")])
    OfficialsOnlyRestrictionFactory(page=secret)
    CaseStudyLessonFactory(page=secret, text="A restricted lesson.")
    CaseStudyLessonFactory(page=CaseStudyPageFactory(title="Draft", live=False), text="A draft lesson.")
    texts = lesson_texts(hub(client))
    assert "A restricted lesson." not in texts and "A draft lesson." not in texts


def test_the_hub_reaches_every_lesson_page_by_page_and_as_csv(client, laosat):
    satellite, _ = laosat
    for n in range(45):
        CaseStudyLessonFactory(page=satellite, theme=None if n % 5 == 0 else ThemeFactory(name=f"Theme {n % 3}"), text=f"Lesson {n}")
    seen, page = [], 1
    while True:
        response = hub(client, f"page={page}")
        seen += lesson_texts(response)
        if not response.context["listing"].page.has_next():
            break
        page += 1
    assert sorted(seen) == sorted(CaseStudyLesson.objects.values_list("text", flat=True))
    csv = b"".join(client.get(reverse("lessons") + "?format=csv&country=LA").streaming_content).decode("utf-8-sig")
    assert csv.splitlines()[0] == "Theme,Lesson,Case study,Countries" and len(csv.splitlines()) == 1 + 47


def test_the_number_of_queries_does_not_grow_with_the_lessons(client, laosat):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            hub(client, "country=LA")
        return len(captured)

    before = queries()
    for n in range(10):
        case = CaseStudyPageFactory(countries=[CountryFactory(code="LA")], domains=[DomainFactory()])
        CaseStudyLessonFactory(page=case, theme=ThemeFactory(), text=f"More {n}")
    assert queries() == before
    assert CaseStudyPage.objects.count() == 12


def test_country_profiles_point_to_their_lessons_in_the_hub(client, laosat):
    html = client.get("/countries/la/").content.decode()
    assert f'href="{reverse("lessons")}?country=LA"' in html


def test_theme_profiles_point_to_their_lessons_in_the_hub(client, laosat):
    html = client.get("/themes/vendor-lock-in/").content.decode()
    assert f'href="{reverse("lessons")}?theme=vendor-lock-in"' in html
