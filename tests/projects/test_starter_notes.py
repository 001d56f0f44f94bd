"""Readers of the starter catalog meet caveats written for them, not the notes the researchers left for the team."""

import pytest

from projects.models import AgreementPage, CaseStudyPage, City, Organisation, SolutionPage, Theme

pytestmark = pytest.mark.django_db

# How the research notes spoke to the team: who briefed whom, what a researcher happened to see or remember.
INTERNAL_PHRASES = ["project brief", "opinion articles", "general knowledge", "sources seen", "source seen", "excerpt seen", "retrieved"]


def pages_with_prose():
    """Every public page whose record carries notes or a description: entries, organisations, cities and themes."""
    for model in (CaseStudyPage, AgreementPage, SolutionPage):
        yield from (entry.url for entry in model.objects.live().exclude(notes=""))
    for model in (Organisation, City):
        yield from (record.get_absolute_url() for record in model.objects.exclude(notes=""))
    yield from (theme.get_absolute_url() for theme in Theme.objects.all())


def test_no_public_page_of_the_starter_content_speaks_to_the_team(starter_content, client):
    urls = list(pages_with_prose())
    assert len(urls) >= 80

    offending = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode().lower()
        found = [phrase for phrase in INTERNAL_PHRASES if phrase in html]
        if found:
            offending[url] = found
    assert offending == {}


def test_the_starter_caveats_tell_readers_what_the_sources_do_and_do_not_say(starter_content, client):
    statement = AgreementPage.objects.get(slug="asean-china-smart-city-cooperation-statement-2019")
    html = client.get(statement.url).content.decode()

    assert "3 November 2019" in statement.notes and "2018" in statement.notes
    assert statement.notes in html.replace("&#x27;", "'")
