"""Officials follow new entries in a feed reader: Atom feeds of everything and of each entry type."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kb.feeds.feeds import FEED_SIZE
from tests.factories import AgreementPageFactory, CaseStudyPageFactory, OfficialsOnlyRestrictionFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def feed_entries(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "category": entry.find(f"{ATOM}category").get("term"),
        }
        for entry in root.iter(f"{ATOM}entry")
    ]


def published(factory, title: str, days_ago: int, **fields):
    entry = factory(title=title, **fields)
    entry.first_published_at = timezone.now() - timedelta(days=days_ago)
    entry.save(update_fields=["first_published_at"])
    return entry


def test_the_new_entries_feed_lists_every_type_newest_first_with_links_and_summaries(client):
    published(CaseStudyPageFactory, "Hanoi flood sensors", 3, summary="Sensors warn of floods.")
    published(AgreementPageFactory, "ASEAN-China statement", 2)
    published(SolutionPageFactory, "Traffic brain", 1)

    entries = feed_entries(client, "/feeds/new/")

    assert [entry["title"] for entry in entries] == ["Traffic brain", "ASEAN-China statement", "Hanoi flood sensors"]
    assert entries[2]["link"].startswith("http://testserver/case-studies/") and entries[2]["summary"] == "Sensors warn of floods."
    assert [entry["category"] for entry in entries] == ["vendor solution", "cooperation agreement", "case study"]


def test_a_feed_per_type_holds_only_that_type_and_an_unknown_type_is_not_found(client):
    published(CaseStudyPageFactory, "Hanoi flood sensors", 3)
    published(AgreementPageFactory, "ASEAN-China statement", 2)

    assert [entry["title"] for entry in feed_entries(client, "/feeds/agreements/")] == ["ASEAN-China statement"]
    assert [entry["title"] for entry in feed_entries(client, "/feeds/case-studies/")] == ["Hanoi flood sensors"]
    assert client.get("/feeds/everything/").status_code == 404


def test_drafts_and_restricted_entries_never_reach_a_feed_even_for_an_official(client, django_user_model):
    published(CaseStudyPageFactory, "Public case", 3)
    CaseStudyPageFactory(title="Draft case", live=False)
    OfficialsOnlyRestrictionFactory(page=published(CaseStudyPageFactory, "Restricted case", 1))

    official = django_user_model.objects.create_user("official", password="pw")
    official.groups.add(Group.objects.get(name="Officials"))
    client.force_login(official)

    assert [entry["title"] for entry in feed_entries(client, "/feeds/new/")] == ["Public case"]


def test_a_feed_holds_the_newest_entries_only(client):
    for number in range(FEED_SIZE + 5):
        published(CaseStudyPageFactory, f"Case {number:02d}", number)

    titles = [entry["title"] for entry in feed_entries(client, "/feeds/case-studies/")]

    assert len(titles) == FEED_SIZE and titles[0] == "Case 00" and f"Case {FEED_SIZE + 4:02d}" not in titles


def test_pages_announce_the_feeds(client):
    CaseStudyPageFactory(title="Any case")
    assert 'type="application/atom+xml"' in client.get("/case-studies/").content.decode()
    assert 'href="/feeds/case-studies/"' in client.get("/case-studies/").content.decode()


def test_entries_without_a_publication_date_come_last_instead_of_breaking_the_feed(client):
    undated = CaseStudyPageFactory(title="Undated case")
    CaseStudyPageFactory._meta.model.objects.filter(pk=undated.pk).update(first_published_at=None)
    published(AgreementPageFactory, "Dated agreement", 1)

    assert [entry["title"] for entry in feed_entries(client, "/feeds/new/")] == ["Dated agreement", "Undated case"]


def test_a_feed_runs_the_same_number_of_queries_however_many_entries_it_holds(client):
    def queries() -> int:
        client.get("/feeds/new/")  # warm the site-root cache, as in a running worker
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/feeds/new/").status_code == 200
        return len(captured)

    for factory in (CaseStudyPageFactory, AgreementPageFactory, SolutionPageFactory):
        factory()
    few = queries()
    for _ in range(10):
        for factory in (CaseStudyPageFactory, AgreementPageFactory, SolutionPageFactory):
            factory()
    assert queries() == few
