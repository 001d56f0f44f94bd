"""Planners download what a page lists as CSV: every list page with its filters, the profiles and search, one row
per entry across all pages, with the columns a planner needs, and a link saying so on each of those pages."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kb.api.tables import ENTRY_COLUMNS
from projects.models import CaseStudyFunding, CaseStudyPartner
from tests.factories import (
    AgreementPageFactory,
    CaseStudyPageFactory,
    CaseStudyPartnerFactory,
    CityFactory,
    CountryFactory,
    OrganisationFactory,
    SolutionPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def download(client, url, **params) -> list[dict]:
    response = client.get(url, {**params, "format": "csv"})
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/csv; charset=utf-8" and response["Content-Disposition"].startswith("attachment")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == ENTRY_COLUMNS
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture
def catalog():
    singapore, china = CountryFactory(code="SG", name="Singapore"), CountryFactory(code="CN", name="China")
    hangzhou = CityFactory(slug="hangzhou", name="Hangzhou", country=china)
    vendor = OrganisationFactory(slug="alibaba-cloud", name="Alibaba Cloud")
    theme = ThemeFactory(slug="data-governance", name="Data governance")
    brain = CaseStudyPageFactory(
        title="Hangzhou City Brain",
        slug="hangzhou-city-brain",
        countries=[china],
        cities=[hangzhou],
        themes=[theme],
        start_year=2016,
        status="ongoing",
    )
    CaseStudyPartnerFactory(page=brain, organisation=vendor, role=CaseStudyPartner.Role.VENDOR)
    CaseStudyFunding.objects.create(page=brain, amount=1500000, currency="CNY", source="Hangzhou government")
    for number in range(23):
        CaseStudyPageFactory(title=f"Singapore case {number:02}", countries=[singapore])
    CaseStudyPageFactory(title="=HYPERLINK(1)", countries=[singapore, china])
    AgreementPageFactory(title="Singapore-China digital MoU", party_countries=[singapore, china], signed_date="2019-11")
    SolutionPageFactory(title="City Brain platform", vendor=vendor, deployments=[brain])
    return brain


def test_a_list_page_downloads_every_filtered_entry_not_just_the_page_on_screen(client, catalog):
    listing = client.get("/case-studies/", {"country": "SG"}).context["listing"]
    rows = download(client, "/case-studies/", country="SG", page=2)
    assert len(rows) == listing.total == 24 > len(listing.page.object_list)
    assert all("Singapore" in row["countries"] for row in rows)
    assert {"'=HYPERLINK(1)"} <= {row["title"] for row in rows}  # a formula stays text in a spreadsheet


def test_a_row_carries_the_columns_a_planner_needs(client, catalog):
    [row] = download(client, "/case-studies/", city="hangzhou")
    assert row == {
        "type": "case_study",
        "slug": "hangzhou-city-brain",
        "title": "Hangzhou City Brain",
        "url": "http://testserver/case-studies/hangzhou-city-brain/",
        "countries": "China",
        "cities": "Hangzhou",
        "domains": row["domains"],
        "technologies": row["technologies"],
        "themes": "Data governance",
        "status": "Ongoing",
        "start_year": "2016",
        "end_year": "",
        "vendors": "Alibaba Cloud",
        "funding": "1500000 CNY (Hangzhou government)",
        "summary": catalog.summary,
    }
    [solution] = download(client, "/solutions/")
    assert solution["vendors"] == "Alibaba Cloud" and solution["countries"] == "China" and solution["cities"] == "Hangzhou"
    [agreement] = download(client, "/agreements/", country="CN")
    assert agreement["countries"] == "China; Singapore" and agreement["start_year"] == "2019"


def test_profiles_download_the_entries_they_list(client, catalog):
    country = download(client, "/countries/cn/")
    assert sorted(row["title"] for row in country) == ["'=HYPERLINK(1)", "Hangzhou City Brain", "Singapore-China digital MoU"]
    assert [row["slug"] for row in download(client, "/cities/hangzhou/")] == ["hangzhou-city-brain"]
    assert [row["slug"] for row in download(client, "/themes/data-governance/")] == ["hangzhou-city-brain"]
    organisation = {row["type"]: row["slug"] for row in download(client, "/organisations/alibaba-cloud/")}
    assert organisation == {"case_study": "hangzhou-city-brain", "solution": catalog.solutions.get().slug}


def test_a_download_makes_the_same_number_of_queries_for_ten_entries_or_forty(client):
    country = CountryFactory(code="TH", name="Thailand")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/case-studies/", {"format": "csv"})
            b"".join(response.streaming_content)
        return len(captured)

    for _ in range(10):
        CaseStudyPageFactory(countries=[country], cities=[CityFactory()], themes=[ThemeFactory()])
    few = queries()
    for _ in range(30):
        CaseStudyPageFactory(countries=[country], cities=[CityFactory()], themes=[ThemeFactory()])
    assert queries() == few


@pytest.mark.parametrize("url", ["/case-studies/", "/agreements/", "/solutions/"])
def test_each_list_page_offers_the_download_with_its_filters(client, catalog, url):
    html = client.get(url, {"sort": "title", "country": "SG"}).content.decode()
    assert "Download CSV" in html and 'href="?country=SG&amp;sort=title&amp;format=csv" download' in html  # the list's own parameters


@pytest.mark.parametrize("url", ["/countries/sg/", "/cities/hangzhou/", "/organisations/alibaba-cloud/", "/themes/data-governance/"])
def test_each_profile_offers_the_download(client, catalog, url):
    assert 'href="?format=csv" download>Download CSV</a>' in client.get(url).content.decode()
