"""Officials follow one country or one theme in a feed reader: new entries about it, public ones only."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import (
    AgreementPageFactory,
    CaseStudyPageFactory,
    CountryFactory,
    OfficialsOnlyRestrictionFactory,
    SolutionPageFactory,
    ThemeFactory,
)
from tests.kb.test_feeds import feed_entries, published

pytestmark = pytest.mark.django_db


def test_a_country_feed_holds_its_case_studies_agreements_and_solutions_deployed_there(client):
    vietnam, laos = CountryFactory(code="VN", name="Viet Nam"), CountryFactory(code="LA", name="Lao PDR")
    hanoi = published(CaseStudyPageFactory, "Hanoi traffic centre", 3, countries=[vietnam])
    published(AgreementPageFactory, "Viet Nam-China digital MoU", 2, party_countries=[vietnam])
    published(SolutionPageFactory, "Traffic platform", 1, deployments=[hanoi])
    published(CaseStudyPageFactory, "Vientiane cameras", 0, countries=[laos])
    entries = feed_entries(client, "/feeds/countries/vn/")
    assert [entry["title"] for entry in entries] == ["Traffic platform", "Viet Nam-China digital MoU", "Hanoi traffic centre"]
    assert entries[2]["link"].endswith(hanoi.url)
    assert client.get("/feeds/countries/zz/").status_code == 404


def test_a_theme_feed_holds_the_case_studies_on_that_theme(client):
    privacy, finance = ThemeFactory(slug="privacy", name="Privacy"), ThemeFactory(slug="finance", name="Finance")
    published(CaseStudyPageFactory, "Camera privacy rules", 1, themes=[privacy])
    published(CaseStudyPageFactory, "Bond financing", 0, themes=[finance])
    assert [entry["title"] for entry in feed_entries(client, "/feeds/themes/privacy/")] == ["Camera privacy rules"]
    assert client.get("/feeds/themes/no-such-theme/").status_code == 404


def test_drafts_and_restricted_entries_never_reach_a_country_or_theme_feed_even_for_an_official(client, django_user_model):
    thailand, theme = CountryFactory(code="TH", name="Thailand"), ThemeFactory(slug="privacy")
    CaseStudyPageFactory(title="Draft case study", countries=[thailand], themes=[theme], live=False)
    restricted = CaseStudyPageFactory(title="Restricted case study", countries=[thailand], themes=[theme])
    OfficialsOnlyRestrictionFactory(page=restricted)
    official = django_user_model.objects.create_user("official", password="not-used")
    official.groups.add(Group.objects.get(name="Officials"))
    client.force_login(official)
    for url in ["/feeds/countries/th/", "/feeds/themes/privacy/"]:
        assert feed_entries(client, url) == []


def test_country_and_theme_profiles_link_their_feed(client):
    CountryFactory(code="SG", name="Singapore")
    ThemeFactory(slug="privacy", name="Privacy")
    assert 'href="/feeds/countries/sg/" type="application/atom+xml"' in client.get("/countries/sg/").content.decode()
    assert 'href="/feeds/themes/privacy/" type="application/atom+xml"' in client.get("/themes/privacy/").content.decode()
