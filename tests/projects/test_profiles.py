"""Officials open a profile per country, city, organisation and theme, and list pages for each."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AgreementPageFactory,
    CaseStudyLessonFactory,
    CaseStudyPageFactory,
    CaseStudyPartnerFactory,
    CityFactory,
    CountryFactory,
    OfficialsOnlyRestrictionFactory,
    OrganisationFactory,
    SolutionPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def hidden_case_studies(**fields):
    draft = CaseStudyPageFactory(title="Draft case study", live=False, **fields)
    restricted = CaseStudyPageFactory(title="Restricted case study", **fields)
    OfficialsOnlyRestrictionFactory(page=restricted)
    return [draft, restricted]


def test_country_profile_lists_case_studies_agreements_vendors_cities_and_lessons_by_theme(client):
    malaysia = CountryFactory(code="MY")
    kuala_lumpur = CityFactory(name="Kuala Lumpur", country=malaysia)
    case = CaseStudyPageFactory(title="KL City Brain", countries=[malaysia], cities=[kuala_lumpur])
    CaseStudyLessonFactory(page=case, theme=ThemeFactory(name="Data governance"), text="Write down who owns the data.")
    CaseStudyLessonFactory(page=case, theme=None, text="Budget for maintenance.")
    AgreementPageFactory(title="MY-CN digital MoU", party_countries=[malaysia, CountryFactory(code="CN")])
    OrganisationFactory(name="MDEC", slug="mdec", hq_country=malaysia)

    html = client.get("/countries/my/").content.decode()

    assert "<h1>Malaysia</h1>" in html
    assert "KL City Brain" in html and "MY-CN digital MoU" in html
    assert '<a href="/organisations/mdec/">MDEC</a>' in html
    assert '<a href="/cities/kuala-lumpur/">Kuala Lumpur</a>' in html
    assert "Data governance" in html and "Write down who owns the data." in html
    assert "Other lessons" in html and "Budget for maintenance." in html


def test_country_codes_are_case_insensitive_and_unknown_ones_are_not_found(client):
    CountryFactory(code="SG")
    response = client.get("/countries/SG/")
    assert response.status_code == 301 and response["Location"] == "/countries/sg/"
    assert client.get("/countries/zz/").status_code == 404
    assert client.get("/countries/singapore/").status_code == 404
    assert client.get("/countries/s1/").status_code == 404


@pytest.mark.parametrize("url", ["/cities/atlantis/", "/organisations/nobody/", "/themes/nothing/"])
def test_unknown_profiles_are_not_found(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode() and 'action="/search/"' in response.content.decode()


def test_city_profile_shows_country_ascn_status_population_and_local_names(client):
    city = CityFactory(
        name="Da Nang",
        slug="da-nang",
        country=CountryFactory(code="VN"),
        population=1230000,
        population_year=2023,
        ascn_pilot=True,
        ascn_joined=2018,
        local_names=[("local_name", {"language": "vi", "name": "Đà Nẵng"})],
    )
    CaseStudyPageFactory(title="Da Nang IOC", countries=[city.country], cities=[city])
    html = client.get("/cities/da-nang/").content.decode()
    assert '<a href="/countries/vn/">Viet Nam</a>' in html
    assert "1,230,000 (2023)" in html and "Pilot city since 2018" in html
    assert '<dd lang="vi">Đà Nẵng</dd>' in html and "Da Nang IOC" in html


def test_organisation_profile_groups_case_studies_by_role_and_lists_solutions_and_agreements(client):
    huawei = OrganisationFactory(name="Huawei", slug="huawei", website="https://huawei.com")
    CaseStudyPartnerFactory(organisation=huawei, role="vendor", page=CaseStudyPageFactory(title="Safe city Bangkok"))
    CaseStudyPartnerFactory(organisation=huawei, role="funder", page=CaseStudyPageFactory(title="Campus 5G"))
    SolutionPageFactory(title="Huawei Safe City", vendor=huawei)
    agreement = AgreementPageFactory(title="Digital Silk Road MoU")
    agreement.party_organisations.add(huawei)
    agreement.save()

    html = client.get("/organisations/huawei/").content.decode()

    assert "<h3>Vendor</h3>" in html and "<h3>Funder</h3>" in html
    assert html.index("Campus 5G") > html.index("<h3>Funder</h3>") > html.index("Safe city Bangkok")
    assert "Huawei Safe City" in html and "Digital Silk Road MoU" in html
    assert '<dd><a href="/countries/cn/">China</a></dd>' in html


def test_theme_profile_groups_lessons_by_country_and_lists_its_case_studies(client):
    theme = ThemeFactory(name="Digital divide", definition="Who is left out when services go online.")
    thai = CaseStudyPageFactory(title="Bangkok e-services", countries=[CountryFactory(code="TH")], themes=[theme])
    regional = CaseStudyPageFactory(title="Regional ID", countries=[CountryFactory(code="SG"), CountryFactory(code="MY")])
    CaseStudyLessonFactory(page=thai, theme=theme, text="Keep a counter open for the elderly.")
    CaseStudyLessonFactory(page=regional, theme=theme, text="Offer offline enrolment.")

    html = client.get(f"/themes/{theme.slug}/").content.decode()

    assert "Who is left out when services go online." in html
    assert html.count("Offer offline enrolment.") == 2  # under Malaysia and under Singapore
    assert html.index("Malaysia") < html.index("Singapore") < html.index("Thailand")
    assert "Bangkok e-services" in html


def test_drafts_and_restricted_entries_never_appear_on_profiles(client):
    thailand = CountryFactory(code="TH")
    city = CityFactory(name="Phuket", country=thailand)
    theme = ThemeFactory(name="Surveillance")
    organisation = OrganisationFactory(name="Vendor Co", slug="vendor-co", hq_country=thailand)
    hidden = hidden_case_studies(countries=[thailand], cities=[city], themes=[theme])
    for case in hidden:
        CaseStudyLessonFactory(page=case, theme=theme, text=f"Lesson from {case.title}")
        CaseStudyPartnerFactory(page=case, organisation=organisation)
    draft_agreement = AgreementPageFactory(title="Draft agreement", party_countries=[thailand], live=False)
    draft_solution = SolutionPageFactory(title="Draft solution", vendor=organisation, live=False)
    restricted_solution = SolutionPageFactory(title="Restricted solution", vendor=organisation)
    OfficialsOnlyRestrictionFactory(page=restricted_solution)

    pages = ["/countries/th/", city.get_absolute_url(), organisation.get_absolute_url(), theme.get_absolute_url()]
    pages += ["/countries/", "/cities/", "/organisations/", "/themes/"]
    for url in pages:
        html = client.get(url).content.decode()
        for title in [entry.title for entry in hidden] + [draft_agreement.title, draft_solution.title, restricted_solution.title]:
            assert title not in html, f"{title} leaked on {url}"
    assert "No published case studies" in client.get(city.get_absolute_url()).content.decode()
    cities = client.get("/cities/")
    assert [(row.name, row.case_study_count) for row in cities.context["cities"]] == [("Phuket", 0)]
    organisations = client.get("/organisations/").context["organisations"]
    assert [(row.name, row.case_study_count, row.solution_count) for row in organisations] == [("Vendor Co", 0, 0)]


def test_list_pages_show_counts_of_public_entries(client):
    singapore = CountryFactory(code="SG")
    theme = ThemeFactory(name="Privacy")
    case = CaseStudyPageFactory(countries=[singapore], themes=[theme])
    CaseStudyLessonFactory(page=case, theme=theme)
    AgreementPageFactory(party_countries=[singapore])
    countries = {country.code: country for country in client.get("/countries/").context["countries"]}
    assert (countries["SG"].case_study_count, countries["SG"].agreement_count) == (1, 1)
    assert len(countries) >= 12  # the focus countries are always listed
    themes = client.get("/themes/")
    assert "1 lesson, 1 case study" in themes.content.decode()


def test_profiles_run_the_same_number_of_queries_whatever_the_number_of_entries(client):
    country = CountryFactory(code="VN")
    city = CityFactory(country=country)
    theme = ThemeFactory()
    organisation = OrganisationFactory(hq_country=country)

    def add_entries(n):
        for _ in range(n):
            case = CaseStudyPageFactory(countries=[country], cities=[city, CityFactory(country=country)], themes=[theme])
            CaseStudyLessonFactory(page=case, theme=theme)
            CaseStudyPartnerFactory(page=case, organisation=organisation)
            AgreementPageFactory(party_countries=[country], related_case_studies=[case])
            SolutionPageFactory(vendor=organisation, deployments=[case])
            OrganisationFactory(hq_country=country)

    urls = [
        "/countries/vn/",
        city.get_absolute_url(),
        organisation.get_absolute_url(),
        theme.get_absolute_url(),
        "/countries/",
        "/cities/",
        "/organisations/",
        "/themes/",
    ]
    add_entries(2)
    few = [queries_for(client, url) for url in urls]
    add_entries(6)
    assert [queries_for(client, url) for url in urls] == few


def test_a_long_profile_shows_the_newest_entries_and_links_to_the_full_list(client, settings):
    from projects import profiles

    country = CountryFactory(code="KH")
    theme = ThemeFactory(name="Financing", slug="financing")
    for number in range(profiles.SHORTLIST_SIZE + 3):
        case = CaseStudyPageFactory(title=f"Phnom Penh project {number:02d}", countries=[country], themes=[theme])
        CaseStudyLessonFactory(page=case, theme=theme, text=f"Lesson {number:02d}")

    html = client.get("/countries/kh/").content.decode()

    assert "15 published case studies" in html
    assert f"Showing the newest {profiles.SHORTLIST_SIZE} of 15." in html and '<a href="/case-studies/?country=KH">See all 15</a>' in html
    assert "Phnom Penh project 14" in html and "Phnom Penh project 00" not in html.split('id="agreements"')[0]
    lessons = html.split('id="lessons"')[1]
    assert "Lesson 14" in lessons and "Lesson 09" not in lessons  # the newest five of the theme
    assert f"Showing the newest {profiles.LESSONS_PER_GROUP} of 15." in lessons
    assert '<a href="/case-studies/?country=KH&amp;theme=financing">' in lessons

    theme_html = client.get("/themes/financing/").content.decode()
    assert '<a href="/case-studies/?theme=financing">See all 15</a>' in theme_html
    assert theme_html.split('id="lessons"')[1].count("lessons__item") == profiles.LESSONS_PER_GROUP


def test_lessons_on_a_profile_read_newest_case_study_first_and_in_the_editors_order_within_one(client):
    theme = ThemeFactory(name="Inclusion", slug="inclusion")
    country = CountryFactory(code="LA")
    older = CaseStudyPageFactory(title="Older", countries=[country])
    newer = CaseStudyPageFactory(title="Newer", countries=[country])
    older.first_published_at, newer.first_published_at = "2020-01-01T00:00Z", "2024-01-01T00:00Z"
    older.save(update_fields=["first_published_at"])
    newer.save(update_fields=["first_published_at"])
    CaseStudyLessonFactory(page=older, theme=theme, text="Old lesson", sort_order=0)
    CaseStudyLessonFactory(page=newer, theme=theme, text="First said", sort_order=0)
    CaseStudyLessonFactory(page=newer, theme=theme, text="Then said", sort_order=1)

    html = client.get("/countries/la/").content.decode()

    assert html.index("First said") < html.index("Then said") < html.index("Old lesson")
