"""Editors find their way round long entries: forms in tabs, places and topics as checkbox lists, and an admin search
that knows local names and source links."""

import re

import pytest
from django.urls import reverse

from tests.factories import AgreementPageFactory, CaseStudyPageFactory, CityFactory, CountryFactory, OrganisationFactory, SolutionPageFactory
from tests.projects.admin_support import user_in_group

pytestmark = pytest.mark.django_db

ASEAN_AND_CHINA = ["Brunei Darussalam", "Cambodia", "China", "Indonesia", "Lao PDR", "Malaysia", "Myanmar", "Philippines", "Singapore"]


@pytest.fixture
def editor_client(client):
    client.force_login(user_in_group("Editors"))
    return client


def in_order(headings: list[str], expected: list[str]) -> bool:
    """Every expected tab is there, in this order (other tabs may sit between them)."""
    remaining = iter(headings)
    return all(heading in remaining for heading in expected)


def tab_headings(response) -> list[str]:
    panel = response.context.get("edit_handler") or response.context["panel"]
    return [str(tab.heading) for tab in panel.children]


def panel_names(bound_panel) -> list[str]:
    """The fields and inline relations a panel edits, rows and groups flattened."""
    panel = bound_panel.panel
    name = getattr(panel, "field_name", None) or getattr(panel, "relation_name", None)
    if name:
        return [name]
    return [name for child in bound_panel.children for name in panel_names(child)]


def tab_fields(response, heading: str) -> list[str]:
    panel = response.context.get("edit_handler") or response.context["panel"]
    (tab,) = [tab for tab in panel.children if str(tab.heading) == heading]
    return panel_names(tab)


def checkbox_labels(html: str, field: str) -> list[str]:
    """The labels of a checkbox list, in the order the editor sees them."""
    pattern = rf'<label[^>]*>\s*<input type="checkbox" name="{field}" value="[^"]*"[^>]*>\s*([^<]+?)\s*</label>'
    return re.findall(pattern, html)


def test_the_case_study_form_is_split_into_named_tabs(editor_client):
    page = CaseStudyPageFactory(title="Da Nang IOC")

    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.id]))

    assert in_order(
        tab_headings(response),
        ["Content", "Places and classification", "Partners and money", "Outcomes and lessons", "Sources", "Editorial", "Promote", "Settings"],
    )
    shown = re.findall(r'role="tab"[^>]*>\s*([^<]+?)\s*<', response.content.decode())
    assert in_order(shown, ["Content", "Places and classification", "Partners and money", "Outcomes and lessons", "Sources", "Editorial"])
    assert tab_fields(response, "Places and classification")[:5] == ["countries", "cities", "domains", "technologies", "themes"]
    assert tab_fields(response, "Partners and money") == ["partners", "funding"]
    assert tab_fields(response, "Outcomes and lessons") == ["outcomes", "lessons", "controversies"]
    assert tab_fields(response, "Sources") == ["sources", "confidence", "notes"]
    assert tab_fields(response, "Editorial") == ["last_reviewed", "editor_notes"]


@pytest.mark.parametrize(
    ("factory", "tabs"),
    [
        (AgreementPageFactory, ["Content", "Parties and related case studies", "Sources", "Editorial", "Promote", "Settings"]),
        (SolutionPageFactory, ["Content", "Classification and deployments", "Sources", "Editorial", "Promote", "Settings"]),
    ],
)
def test_agreement_and_solution_forms_have_tabs_too(editor_client, factory, tabs):
    page = factory(title="Smart city MoU")
    assert in_order(tab_headings(editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.id]))), tabs)


def test_countries_are_a_checkbox_list_with_asean_members_and_china_first(editor_client):
    CountryFactory(code="AU", name="Australia")
    CountryFactory(code="JP", name="Japan")
    page = CaseStudyPageFactory(title="Da Nang IOC")

    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.id])).content.decode()

    countries = checkbox_labels(html, "countries")
    assert countries[:12] == sorted(countries[:12])
    assert set(ASEAN_AND_CHINA) <= set(countries[:12]) and len(countries) == 14
    assert countries[12:] == ["Australia", "Japan"]


def test_agreement_parties_list_asean_members_and_china_first(editor_client):
    CountryFactory(code="AU", name="Australia")
    page = AgreementPageFactory(title="Smart city MoU")

    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.id])).content.decode()

    assert checkbox_labels(html, "party_countries")[-1] == "Australia"


def test_cities_domains_technologies_and_themes_are_checkbox_lists_and_cities_name_their_country(editor_client):
    CityFactory(name="Hanoi", country=CountryFactory(code="VN"))
    page = CaseStudyPageFactory(title="Da Nang IOC")

    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.id])).content.decode()

    assert "Hanoi (Viet Nam)" in checkbox_labels(html, "cities")
    for field in ["domains", "technologies", "themes"]:
        assert f'<select name="{field}"' not in html
    assert '<select name="countries"' not in html and '<select name="cities"' not in html
    assert "css/admin-forms.css" in html  # lays long lists out in columns


def admin_page_search(client, text: str) -> list[str]:
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": text})
    assert response.status_code == 200
    return [page.title for page in response.context["pages"]]


def organisation_search(client, text: str) -> list[str]:
    response = client.get(reverse("wagtailsnippets_projects_organisation:list"), {"q": text})
    assert response.status_code == 200
    return [str(item) for item in response.context["object_list"]]


def city_brain_entries():
    source = {"title": "City brain", "url": "https://www.shine.cn/news/nation/1812277336/", "publisher": "", "published": "", "accessed": ""}
    CaseStudyPageFactory(
        title="Hangzhou City Brain", local_names=[("local_name", {"language": "zh-Hans", "name": "杭州城市大脑"})], sources=[("source", source)]
    )
    CaseStudyPageFactory(title="Da Nang IOC")
    OrganisationFactory(name="Alibaba Cloud", local_names=[("local_name", {"language": "zh-Hans", "name": "阿里云"})], sources=[("source", source)])
    OrganisationFactory(name="Viettel")


@pytest.mark.parametrize("text", ["城市大脑", "杭州城市大脑", "https://www.shine.cn/news/nation/1812277336/", "shine.cn/news/nation"])
def test_the_admin_page_search_finds_entries_by_local_name_and_source_link(editor_client, text):
    city_brain_entries()
    assert admin_page_search(editor_client, text) == ["Hangzhou City Brain"]


@pytest.mark.parametrize("text", ["阿里云", "https://www.shine.cn/news/nation/1812277336/"])
def test_the_admin_snippet_search_finds_organisations_by_local_name_and_source_link(editor_client, text):
    city_brain_entries()
    assert organisation_search(editor_client, text) == ["Alibaba Cloud"]
