"""Readers browse entry pages and list pages: facts, sources, related entries, and nothing unpublished or restricted."""

from collections import Counter
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from projects.models import CaseStudyFunding
from tests.factories import (
    AgreementPageFactory,
    CaseStudyLessonFactory,
    CaseStudyPageFactory,
    CaseStudyPartnerFactory,
    CityFactory,
    CountryFactory,
    DomainFactory,
    OfficialsOnlyRestrictionFactory,
    OrganisationFactory,
    SolutionPageFactory,
    TechnologyFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def hidden_entries():
    """A draft and a restricted entry of each type, titled so a leak is easy to spot."""
    draft_case = CaseStudyPageFactory(title="Draft case study", live=False)
    restricted_case = CaseStudyPageFactory(title="Restricted case study")
    OfficialsOnlyRestrictionFactory(page=restricted_case)
    draft_agreement = AgreementPageFactory(title="Draft agreement", live=False)
    restricted_agreement = AgreementPageFactory(title="Restricted agreement")
    OfficialsOnlyRestrictionFactory(page=restricted_agreement)
    draft_solution = SolutionPageFactory(title="Draft solution", live=False)
    restricted_solution = SolutionPageFactory(title="Restricted solution")
    OfficialsOnlyRestrictionFactory(page=restricted_solution)
    return [draft_case, restricted_case, draft_agreement, restricted_agreement, draft_solution, restricted_solution]


def test_every_public_page_has_the_site_layout_with_navigation_search_and_skip_link(client):
    case = CaseStudyPageFactory()
    for url in ["/", "/case-studies/", "/agreements/", "/solutions/", case.url, "/countries/", "/cities/", "/organisations/", "/themes/"]:
        html = client.get(url).content.decode()
        assert '<html lang="en">' in html
        assert 'class="skip-link" href="#main"' in html and 'id="main"' in html
        assert 'action="/search/"' in html and 'name="q"' in html and '<label for="site-search-q">' in html
        for label in ["Case studies", "Agreements", "Solutions", "Countries", "Cities", "Organisations", "Themes"]:
            assert f">{label}</a>" in html
        assert "css/site.css" in html and 'media="print"' in html


class StructureParser(HTMLParser):
    """Collects what assistive technology relies on: ids, form fields and their labels, headings."""

    def __init__(self):
        super().__init__()
        self.ids: Counter = Counter()
        self.fields: list[str | None] = []
        self.labelled: set[str] = set()
        self.headings: list[int] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids[attributes["id"]] += 1
        if tag in {"input", "select", "textarea"} and attributes.get("type") not in {"hidden", "submit"}:
            self.fields.append(attributes.get("id"))
        if tag == "label" and "for" in attributes:
            self.labelled.add(attributes["for"])
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))


def test_pages_have_unique_ids_labelled_fields_one_h1_and_no_skipped_heading_levels(client):
    theme = ThemeFactory()
    case = CaseStudyPageFactory(cities=[CityFactory()], domains=[DomainFactory()], themes=[theme])
    CaseStudyLessonFactory(page=case, theme=theme)
    CaseStudyPartnerFactory(page=case)
    agreement = AgreementPageFactory(related_case_studies=[case])
    solution = SolutionPageFactory(deployments=[case])
    urls = ["/", "/case-studies/?country=SG", "/agreements/", "/solutions/", case.url, agreement.url, solution.url]
    urls += ["/countries/", "/countries/sg/", "/cities/", case.cities.get().get_absolute_url(), "/organisations/", solution.vendor.get_absolute_url()]
    urls += ["/themes/", theme.get_absolute_url()]
    for url in urls:
        parser = StructureParser()
        parser.feed(client.get(url).content.decode())
        assert [id_ for id_, count in parser.ids.items() if count > 1] == [], url
        assert all(field and field in parser.labelled for field in parser.fields), url
        assert parser.headings.count(1) == 1 and parser.headings[0] == 1, url
        assert all(later - earlier <= 1 for earlier, later in zip(parser.headings, parser.headings[1:], strict=False)), (url, parser.headings)


def test_case_study_page_shows_fact_box_lessons_controversies_sources_and_cite_line(client):
    city = CityFactory(name="Hangzhou", country=CountryFactory(code="CN"))
    theme = ThemeFactory(name="Vendor dependence")
    case = CaseStudyPageFactory(
        title="Hangzhou City Brain",
        countries=[CountryFactory(code="CN")],
        cities=[city],
        domains=[DomainFactory(name="Mobility")],
        technologies=[TechnologyFactory(name="Big data")],
        themes=[theme],
        start_year=2016,
        end_year=2020,
        outcomes="Travel times fell on monitored roads, as the city reported.",
        controversies="Privacy groups questioned camera coverage.",
        notes="Figures differ between sources.",
        last_reviewed=date(2025, 3, 1),
        local_names=[("local_name", {"language": "zh-Hans", "name": "杭州城市大脑"})],
        body=[("heading", "Background"), ("paragraph", RichText("<p>The platform began with traffic lights.</p>"))],
    )
    vendor = OrganisationFactory(name="Alibaba Cloud", slug="alibaba-cloud")
    CaseStudyPartnerFactory(page=case, organisation=vendor, role="vendor")
    CaseStudyPartnerFactory(page=case, organisation=OrganisationFactory(name="Hangzhou Government"), role="lead_agency")
    CaseStudyFunding.objects.create(page=case, amount=Decimal("1250000"), currency="USD", source="City budget")
    CaseStudyFunding.objects.create(page=case, amount=Decimal("3500.50"), currency="SGD")
    CaseStudyLessonFactory(page=case, theme=theme, text="Keep the data with the city.")

    html = client.get(case.url).content.decode()

    assert "<h1>Hangzhou City Brain</h1>" in html
    assert '<dd lang="zh-Hans">杭州城市大脑</dd>' in html
    assert '<a href="/cities/hangzhou/">Hangzhou</a>' in html
    assert "2016–2020" in html
    assert "<dt>Vendor</dt>" in html and '<a href="/organisations/alibaba-cloud/">Alibaba Cloud</a>' in html
    assert html.index("<dt>Lead agency</dt>") < html.index("<dt>Vendor</dt>")
    assert "USD 1,250,000" in html and "from City budget" in html and "SGD 3,500.50" in html
    assert "Keep the data with the city." in html and f'href="/themes/{theme.slug}/"' in html
    assert "Privacy groups questioned camera coverage." in html
    assert "Travel times fell" in html and "Figures differ between sources." in html
    assert "<h2>Background</h2>" in html and "The platform began with traffic lights." in html
    assert "1 March 2025" in html
    assert 'href="https://example.org/report-1"' in html and "May 2020" in html
    assert "Cite this entry:" in html and f"http://testserver{case.url}" in html and date.today().strftime("%B %Y") in html


def test_agreement_page_formats_partial_dates_and_links_parties_and_case_studies(client):
    case = CaseStudyPageFactory(title="Safe city pilot")
    agreement = AgreementPageFactory(
        title="Leaders' Statement on Smart City Cooperation",
        kind="statement",
        signed_date="2019-11",
        in_force_date="2020",
        related_case_studies=[case],
        document_url="https://asean.org/statement.pdf",
    )
    agreement.party_organisations.add(OrganisationFactory(name="ASEAN Secretariat", slug="asean-secretariat"))
    agreement.save()

    html = client.get(agreement.url).content.decode()

    assert "November 2019" in html and "<dd>2020</dd>" in html
    assert '<a href="/agreements/?kind=statement">Statement</a>' in html
    assert '<a href="/countries/cn/">China</a>' in html and '<a href="/organisations/asean-secretariat/">ASEAN Secretariat</a>' in html
    assert "Safe city pilot" in html and 'href="https://asean.org/statement.pdf"' in html


def test_solution_page_shows_vendor_and_its_deployments(client):
    case = CaseStudyPageFactory(title="Kuala Lumpur traffic platform", countries=[CountryFactory(code="MY")])
    solution = SolutionPageFactory(title="City Brain", vendor=OrganisationFactory(name="Alibaba Cloud", slug="alibaba-cloud"), deployments=[case])
    html = client.get(solution.url).content.decode()
    assert '<a href="/organisations/alibaba-cloud/">Alibaba Cloud</a> (China)' in html
    assert "Where it is deployed" in html and "Kuala Lumpur traffic platform" in html


def test_drafts_and_restricted_entries_appear_on_no_list_and_no_related_entries(client):
    hidden = hidden_entries()
    visible_case = CaseStudyPageFactory(title="Visible case study")
    visible_agreement = AgreementPageFactory(title="Visible agreement", related_case_studies=[visible_case, hidden[0], hidden[1]])
    visible_solution = SolutionPageFactory(title="Visible solution", deployments=[visible_case, hidden[0], hidden[1]])
    for agreement in hidden[2:4]:
        agreement.related_case_studies.add(visible_case)
        agreement.save()
    for solution in hidden[4:6]:
        solution.deployments.add(visible_case)
        solution.save()

    for url in ["/", "/case-studies/", "/agreements/", "/solutions/", visible_case.url, visible_agreement.url, visible_solution.url]:
        html = client.get(url).content.decode()
        for entry in hidden:
            assert entry.title not in html, f"{entry.title} leaked on {url}"
    assert "Visible case study" in client.get("/case-studies/").content.decode()


def test_a_restricted_entry_page_asks_anonymous_readers_to_sign_in(client):
    case = CaseStudyPageFactory(title="Restricted case study")
    OfficialsOnlyRestrictionFactory(page=case)
    response = client.get(case.url)
    assert response.status_code == 302 and "Restricted case study" not in response.content.decode()


@pytest.fixture
def official(django_user_model):
    user = django_user_model.objects.create_user("official", password="not-used")
    user.groups.add(Group.objects.get(name="Officials"))
    return user


def test_officials_see_entries_restricted_to_them_but_other_signed_in_readers_do_not(client, official, django_user_model):
    thailand = CountryFactory(code="TH")
    restricted = CaseStudyPageFactory(title="Restricted case study", countries=[thailand])
    OfficialsOnlyRestrictionFactory(page=restricted)
    agreement = AgreementPageFactory(title="Public agreement", related_case_studies=[restricted])
    urls = ["/", "/case-studies/", "/case-studies/?country=TH", "/countries/th/", agreement.url]

    client.force_login(django_user_model.objects.create_user("reader", password="not-used"))
    for url in urls:
        assert "Restricted case study" not in client.get(url).content.decode(), url

    client.force_login(official)
    for url in urls:
        assert "Restricted case study" in client.get(url).content.decode(), url
    assert client.get(restricted.url).status_code == 200


def test_lists_for_officials_run_the_same_number_of_queries_whatever_the_number_of_restrictions(client, official):
    client.force_login(official)

    def add_restricted(n):
        for _ in range(n):
            OfficialsOnlyRestrictionFactory(page=CaseStudyPageFactory())
            OfficialsOnlyRestrictionFactory(page=AgreementPageFactory(), groups=[Group.objects.get(name="Editors")])

    add_restricted(2)
    few = [queries_for(client, url) for url in ("/", "/case-studies/", "/agreements/")]
    add_restricted(6)
    assert [queries_for(client, url) for url in ("/", "/case-studies/", "/agreements/")] == few


def test_index_page_shows_intro_cards_and_totals(client):
    CaseStudyPageFactory(title="Smart Nation sensors", summary="Lamp posts with sensors across Singapore.")
    html = client.get("/case-studies/").content.decode()
    assert "<h1>Case studies</h1>" in html
    assert "1 result" in html and "Smart Nation sensors" in html and "Lamp posts with sensors" in html
    assert 'class="card card--case-study"' in html


@pytest.mark.parametrize("url", ["/case-studies/", "/agreements/", "/solutions/"])
def test_list_pages_run_the_same_number_of_queries_whatever_the_number_of_entries(client, url):
    def add_entries(n):
        for _ in range(n):
            case = CaseStudyPageFactory(
                cities=[CityFactory()], domains=[DomainFactory()], technologies=[TechnologyFactory()], themes=[ThemeFactory()]
            )
            AgreementPageFactory(related_case_studies=[case])
            SolutionPageFactory(deployments=[case], technologies=[TechnologyFactory()])

    add_entries(2)
    few = queries_for(client, url)
    add_entries(6)
    many = queries_for(client, url)
    assert many == few
    assert few <= 30, few


def test_entry_pages_run_the_same_number_of_queries_whatever_the_number_of_related_entries(client):
    case = CaseStudyPageFactory()
    solution = SolutionPageFactory(deployments=[case])
    agreement = AgreementPageFactory(related_case_studies=[case])

    def add_related(n):
        for _ in range(n):
            other = CaseStudyPageFactory(cities=[CityFactory()])
            solution.deployments.add(other)
            solution.save()
            agreement.related_case_studies.add(other)
            agreement.save()
            AgreementPageFactory(related_case_studies=[case])
            SolutionPageFactory(deployments=[case])
            CaseStudyPartnerFactory(page=case)
            CaseStudyLessonFactory(page=case)

    add_related(2)
    counts = [queries_for(client, entry.url) for entry in (case, solution, agreement)]
    add_related(6)
    assert [queries_for(client, entry.url) for entry in (case, solution, agreement)] == counts


def test_every_starter_entry_index_and_profile_renders(client, request):
    """Runs once tests/conftest.py provides the `starter_content` fixture (the import helper's work)."""
    try:
        request.getfixturevalue("starter_content")
    except pytest.FixtureLookupError:
        pytest.skip("the starter_content fixture is not available yet")
    from wagtail.models import Page

    from projects.models import City, Country, Organisation, Theme

    pages = Page.objects.live().public().filter(depth__gte=2)
    urls = [page.url for page in pages]
    for model in (Country, City, Organisation, Theme):
        urls += ["/" + model._meta.verbose_name_plural.lower() + "/"] + [record.get_absolute_url() for record in model.objects.all()]
    assert len(urls) > 20
    failures = [(url, status) for url in urls if (status := client.get(url).status_code) != 200]
    assert failures == []
