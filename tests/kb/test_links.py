"""Links to the entry lists follow their index pages: an editor who renames one breaks no link anywhere."""

import pytest

from projects.models import CaseStudyIndexPage
from tests.factories import CaseStudyPageFactory, CountryFactory, DomainFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def renamed_index():
    index = CaseStudyIndexPage.objects.get()
    index.slug = "projects"
    index.save_revision().publish()
    return index


def test_renaming_the_case_study_index_moves_every_link_to_its_list(client, renamed_index):
    cambodia, energy = CountryFactory(code="KH"), DomainFactory(slug="energy", name="Energy")
    entry = CaseStudyPageFactory(title="Phnom Penh grid", countries=[cambodia], domains=[energy])
    for _ in range(12):  # enough for the profile to link to the full list
        CaseStudyPageFactory(countries=[cambodia])

    home = client.get("/").content.decode()
    assert '<a href="/projects/">Case studies</a>' in home  # main navigation
    assert 'href="/projects/?domain=energy"' in home  # ways in by domain
    assert "/case-studies/" not in home
    assert 'href="/projects/?domain=energy"' in client.get(entry.url).content.decode()  # the entry's facts
    profile = client.get("/countries/kh/").content.decode()
    assert '<a href="/projects/?country=KH">See all 13</a>' in profile and "/case-studies/" not in profile
    assert 'href="/feeds/case-studies/"' in client.get("/projects/").content.decode()  # the feed keeps its address
    assert '<link href="http://testserver/projects/" rel="alternate"/>' in client.get("/feeds/case-studies/").content.decode()


def test_a_list_without_an_index_page_is_left_out_of_the_navigation_and_found_through_search(client):
    DomainFactory(slug="energy", name="Energy")
    CaseStudyPageFactory(domains=[DomainFactory(slug="energy-2", name="Grid")])
    CaseStudyIndexPage.objects.get().unpublish()
    home = client.get("/").content.decode()
    assert "Case studies</a></li>" not in home.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/search/?type=case_study&amp;domain=energy-2"' in home
    assert 'href=""' not in home


def test_the_catalog_never_imports_the_site():
    from pathlib import Path

    catalog = Path(__file__).resolve().parents[2] / "projects"
    offenders = [
        str(path.relative_to(catalog.parent))
        for path in catalog.rglob("*.py")
        if any(line.startswith(("from kb", "import kb")) for line in path.read_text(encoding="utf-8").splitlines())
    ]
    assert offenders == []
