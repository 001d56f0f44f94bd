"""Notes to editors stay in the admin: readers never meet them on a page, in search, the API, feeds or exports."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import AgreementPageFactory, CaseStudyPageFactory, CityFactory, OrganisationFactory, SolutionPageFactory, ThemeFactory
from tests.projects.admin_support import user_in_group

pytestmark = pytest.mark.django_db

EDITOR_NOTE = "Ask Lan before publishing: the wombatex figures are disputed by the vendor."
SECRET_WORD = "wombatex"
CAVEAT = "Sources disagree on the opening year."


@pytest.fixture
def catalog():
    """One record of every kind, each with a caveat for readers and a note to editors, in both search indexes."""
    organisation = OrganisationFactory(name="Numbat Analytics", slug="numbat", notes=CAVEAT, editor_notes=EDITOR_NOTE)
    city = CityFactory(name="Quokka Bay", slug="quokka-bay", notes=CAVEAT, editor_notes=EDITOR_NOTE)
    theme = ThemeFactory(name="Data trusts", slug="data-trusts", notes=CAVEAT, editor_notes=EDITOR_NOTE)
    case_study = CaseStudyPageFactory(
        title="Quokka Bay flood sensors", slug="quokka-flood", cities=[city], themes=[theme], notes=CAVEAT, editor_notes=EDITOR_NOTE
    )
    agreement = AgreementPageFactory(title="Quokka Bay sensor MoU", slug="quokka-mou", notes=CAVEAT, editor_notes=EDITOR_NOTE)
    solution = SolutionPageFactory(title="Numbat flood brain", slug="numbat-brain", vendor=organisation, notes=CAVEAT, editor_notes=EDITOR_NOTE)
    call_command("rebuild_search_index", verbosity=0)
    return {"case_study": case_study, "agreement": agreement, "solution": solution, "organisation": organisation, "city": city, "theme": theme}


def text_of(response) -> str:
    assert response.status_code == 200, response.content[:500]
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


def test_public_pages_show_the_caveat_but_never_the_note_to_editors(client, catalog):
    for kind, record in catalog.items():
        url = record.url if hasattr(record, "url") else record.get_absolute_url()
        html = text_of(client.get(url))
        assert str(record) in html, url
        assert SECRET_WORD not in html, url
        if kind != "theme":  # theme pages show no caveats
            assert CAVEAT in html, url


def test_search_finds_the_entries_but_not_by_their_notes_to_editors(client, catalog):
    found = json.loads(text_of(client.get(reverse("api:api_search"), {"q": "Quokka"})))
    assert {hit["slug"] for hit in found["results"]} >= {"quokka-flood", "quokka-mou"}
    assert SECRET_WORD not in json.dumps(found)

    by_caveat = json.loads(text_of(client.get(reverse("api:api_search"), {"q": "disagree opening"})))
    assert "quokka-flood" in {hit["slug"] for hit in by_caveat["results"]}  # notes for readers are searchable...
    by_note = json.loads(text_of(client.get(reverse("api:api_search"), {"q": SECRET_WORD})))
    assert by_note["total"] == 0  # ...notes to editors are not

    page = text_of(client.get(reverse("search"), {"q": "Quokka"}))
    assert "Quokka Bay flood sensors" in page and SECRET_WORD not in page
    assert "Quokka Bay flood sensors" not in text_of(client.get(reverse("search"), {"q": SECRET_WORD}))
    assert SECRET_WORD not in text_of(client.get(reverse("search_export_csv"), {"q": "Quokka"}))
    suggestions = text_of(client.get(reverse("api:api_search_suggest"), {"q": "wombat"}))
    assert SECRET_WORD not in suggestions


def test_the_read_api_never_returns_notes_to_editors(client, catalog):
    urls = ["/api/case-studies/", "/api/agreements/", "/api/solutions/", "/api/organisations/", "/api/cities/", "/api/themes/"]
    urls += ["/api/case-studies/quokka-flood/", "/api/organisations/numbat/", "/api/cities/quokka-bay/", "/api/themes/data-trusts/"]
    for url in urls:
        body = text_of(client.get(url))
        assert SECRET_WORD not in body, url
    assert CAVEAT in text_of(client.get("/api/case-studies/quokka-flood/"))


def test_feeds_never_carry_notes_to_editors(client, catalog):
    for url in [reverse("feed_new"), reverse("feed_type", args=["case-studies"])]:
        atom = text_of(client.get(url))
        assert "Quokka Bay flood sensors" in atom
        assert SECRET_WORD not in atom


@pytest.mark.parametrize("format", ["json", "csv"])
def test_the_export_never_carries_notes_to_editors(catalog, capsys, format):
    call_command("export_entries", "--format", format, "--include-drafts")
    exported = capsys.readouterr().out
    assert "quokka-flood" in exported and CAVEAT in exported
    assert SECRET_WORD not in exported
    assert "editor_notes" not in exported


def test_editors_write_notes_to_editors_in_the_editorial_tab(client, catalog):
    client.force_login(user_in_group("Editors"))
    page = client.get(reverse("wagtailadmin_pages:edit", args=[catalog["case_study"].id]))
    tabs = {tab.heading: tab for tab in page.context["edit_handler"].children}
    assert "editor_notes" in [child.field_name for child in tabs["Editorial"].children]
    assert EDITOR_NOTE in page.content.decode()

    snippet = client.get(reverse("wagtailsnippets_projects_city:edit", args=[catalog["city"].pk]))
    tabs = {tab.heading: tab for tab in snippet.context["panel"].children}
    assert "editor_notes" in [child.field_name for child in tabs["Editorial"].children]
