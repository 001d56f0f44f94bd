"""Officials compare two to four countries side by side: what they built, with whom, what they learned and agreed."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kb.search.indexing import rebuild_all
from tests.factories import (
    AgreementPageFactory,
    CaseStudyLessonFactory,
    CaseStudyPageFactory,
    CaseStudyPartnerFactory,
    CountryFactory,
    DomainFactory,
    OfficialsOnlyRestrictionFactory,
    OrganisationFactory,
    TechnologyFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def singapore_and_china():
    singapore, china, malaysia = CountryFactory(code="SG"), CountryFactory(code="CN"), CountryFactory(code="MY")
    mobility, health = DomainFactory(name="Mobility", slug="mobility"), DomainFactory(name="Health", slug="health")
    ai = TechnologyFactory(name="AI", slug="ai")
    CaseStudyPageFactory(title="SG traffic", countries=[singapore], domains=[mobility], technologies=[ai], start_year=2014)
    CaseStudyPageFactory(title="SG clinics", countries=[singapore], domains=[health], start_year=2019)
    CaseStudyPageFactory(title="Hangzhou traffic", countries=[china], domains=[mobility], technologies=[ai], start_year=2016)
    CaseStudyPageFactory(title="MY traffic", countries=[malaysia], domains=[mobility], start_year=2016)
    return singapore, china, malaysia


def compared(client, query: str):
    rebuild_all(["database"])  # the public figures are counted by the search engine, as readers see them once indexed
    response = client.get(f"/compare/?{query}")
    assert response.status_code == 200
    return response.context["comparison"], response.content.decode()


def counts(rows) -> dict[str, list[int]]:
    return {row.label: [cell.count for cell in row.cells] for row in rows}


def test_an_official_compares_case_studies_by_domain_technology_and_start_year(client, singapore_and_china):
    comparison, html = compared(client, "country=SG&country=CN")

    assert [country.code for country in comparison.countries] == ["SG", "CN"]
    assert counts(comparison.chart("by-domain").rows) == {"Health": [1, 0], "Mobility": [1, 1]}
    assert counts(comparison.chart("by-technology").rows) == {"AI": [1, 1]}
    assert counts(comparison.chart("timeline").rows) == {"2014": [1, 0], "2016": [0, 1], "2019": [1, 0]}
    assert counts(comparison.at_a_glance)["Case studies"] == [2, 1]
    assert '<a href="/case-studies/?country=SG&amp;domain=mobility">1</a>' in html
    assert "<h1>Compare countries</h1>" in html and '<th scope="col" class="num">Singapore</th>' in html


def test_countries_appear_in_the_order_chosen_and_codes_may_be_lower_case_or_comma_separated(client, singapore_and_china):
    comparison, _ = compared(client, "country=my,sg&country=cn")
    assert [country.code for country in comparison.countries] == ["MY", "SG", "CN"]
    assert counts(comparison.chart("by-domain").rows)["Mobility"] == [1, 1, 1]


def test_lessons_by_theme_and_vendors_are_counted_per_country(client, singapore_and_china):
    singapore, china, _ = singapore_and_china
    governance = ThemeFactory(name="Data governance", slug="data-governance")
    huawei = OrganisationFactory(name="Huawei", slug="huawei")
    sg_case = CaseStudyPageFactory(title="SG safe city", countries=[singapore])
    cn_case = CaseStudyPageFactory(title="CN safe city", countries=[china])
    CaseStudyLessonFactory(page=sg_case, theme=governance, text="Publish the data rules.")
    CaseStudyLessonFactory(page=cn_case, theme=governance, text="Name a data owner.")
    CaseStudyLessonFactory(page=cn_case, theme=governance, text="Audit access.")
    CaseStudyPartnerFactory(page=sg_case, organisation=huawei, role="vendor")
    CaseStudyPartnerFactory(page=cn_case, organisation=huawei, role="vendor")
    CaseStudyPartnerFactory(page=cn_case, organisation=OrganisationFactory(name="Bank", slug="bank"), role="funder")

    comparison, html = compared(client, "country=SG&country=CN")

    assert counts(comparison.chart("lessons-by-theme").rows) == {"Data governance": [1, 2]}
    assert counts(comparison.chart("vendors").rows) == {"Huawei (China)": [1, 1]}  # funders are not vendors; the home country is named
    assert '<a href="/themes/data-governance/">Data governance</a>' in html
    assert '<a href="/organisations/huawei/">Huawei (China)</a>' in html
    assert '<a href="/lessons/?country=CN&amp;theme=data-governance">2</a>' in html  # each lesson count opens the hub


def test_agreements_between_the_compared_countries_are_listed_with_their_parties(client, singapore_and_china):
    singapore, china, malaysia = singapore_and_china
    AgreementPageFactory(title="SG-CN smart city MoU", party_countries=[singapore, china], signed_date="2019-11")
    AgreementPageFactory(title="CN-MY digital MoU", party_countries=[china, malaysia])
    AgreementPageFactory(title="SG only plan", party_countries=[singapore])

    comparison, html = compared(client, "country=SG&country=CN&country=MY")

    shared = {item.agreement.title: item.parties for item in comparison.shared_agreements}
    assert shared == {"SG-CN smart city MoU": [True, True, False], "CN-MY digital MoU": [False, True, True]}
    assert "SG only plan" not in html
    assert counts(comparison.at_a_glance)["Cooperation agreements"] == [2, 2, 1]


def test_drafts_and_restricted_entries_are_not_counted_for_the_public_but_are_for_officials(client, singapore_and_china):
    singapore, *_ = singapore_and_china
    water = DomainFactory(name="Water", slug="water")
    CaseStudyPageFactory(title="Draft", countries=[singapore], domains=[water], live=False)
    restricted = CaseStudyPageFactory(title="Restricted", countries=[singapore], domains=[water])
    OfficialsOnlyRestrictionFactory(page=restricted)

    comparison, _ = compared(client, "country=SG&country=CN")

    assert "Water" not in counts(comparison.chart("by-domain").rows)
    assert counts(comparison.at_a_glance)["Case studies"] == [2, 1]


@pytest.mark.parametrize(
    "query, message",
    [
        ("country=SG&country=ZZ", "There is no country with the code ZZ."),
        ("country=SG&country=CN&country=MY&country=TH&country=VN", "Compare at most 4 countries at a time; you chose 5."),
        ("country=SG&country=%00%00", "There is no country with the code"),
        ("country=" + "X" * 5000, "There is no country with the code"),
    ],
)
def test_bad_choices_get_a_400_with_the_reason_and_the_chooser(client, singapore_and_china, query, message):
    response = client.get(f"/compare/?{query}")
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html and 'role="alert"' in html
    assert 'name="country"' in html  # the reader can correct the choice on the spot


def test_one_country_asks_for_another_and_none_shows_the_chooser(client, singapore_and_china):
    one = client.get("/compare/?country=SG")
    assert one.status_code == 200 and one.context["comparison"] is None
    assert "Choose at least one more country" in one.content.decode()
    assert re.search(r'value="SG"[^>]*checked', one.content.decode())  # kept, ready for a second choice

    chooser = client.get("/compare/")
    html = chooser.content.decode()
    assert chooser.status_code == 200 and chooser.context["comparison"] is None
    assert "Timor-Leste" in html and "China" in html and "Choose at least one more" not in html


def test_the_comparison_is_reached_from_the_navigation_and_the_country_pages(client, singapore_and_china):
    assert 'href="/compare/"' in client.get("/countries/").content.decode()
    assert 'href="/compare/?country=SG"' in client.get("/countries/sg/").content.decode()


def test_the_number_of_queries_does_not_grow_with_the_catalog(client, singapore_and_china):
    singapore, china, _ = singapore_and_china

    def queries() -> int:
        rebuild_all(["database"])
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/compare/?country=SG&country=CN").status_code == 200
        return len(captured)

    AgreementPageFactory(party_countries=[singapore, china])
    before = queries()
    for _ in range(8):
        case = CaseStudyPageFactory(countries=[singapore, china], domains=[DomainFactory()], technologies=[TechnologyFactory()])
        CaseStudyLessonFactory(page=case, theme=ThemeFactory())
        CaseStudyPartnerFactory(page=case, organisation=OrganisationFactory(), role="vendor")
        AgreementPageFactory(party_countries=[singapore, china])
    assert queries() == before


def test_the_chooser_lists_the_asean_members_and_china_first_and_folds_away_under_a_comparison(client, singapore_and_china):
    CountryFactory(code="AU", name="Australia")
    chooser = client.get("/compare/")
    labels = [label for _, label in chooser.context["form"].fields["country"].choices]
    assert labels.index("China") < labels.index("Australia") and labels.index("Viet Nam") < labels.index("Australia")
    assert '<details class="compare-form__choices" open>' in chooser.content.decode()

    html = client.get("/compare/?country=SG&country=CN").content.decode()
    assert '<details class="compare-form__choices">' in html and "Change countries" in html


def test_the_comparison_downloads_as_csv_with_every_figure(client, singapore_and_china):
    rebuild_all(["database"])
    response = client.get("/compare/?country=SG&country=CN&format=csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert response["Content-Type"].startswith("text/csv")
    assert lines[0] == "Table,Row,Country,Count"
    assert "Case studies by domain,Mobility,Singapore,1" in lines and "Case studies by domain,Mobility,China,1" in lines
    assert "Timeline: case studies by start year,2014,China,0" in lines
    assert not any(line.startswith("Heat map") for line in lines)  # the heat maps repeat the bar charts' figures


def test_the_comparison_draws_charts_and_heat_maps_from_json_islands_beside_their_tables(client, singapore_and_china):
    _, html = compared(client, "country=SG&country=CN")
    for chart in ("by-domain", "by-technology", "timeline", "domain-heatmap", "technology-heatmap"):
        assert '<div class="chart' in html and f'data-chart="{chart}-data"' in html
        assert f'<script id="{chart}-data" type="application/json">' in html
    assert html.count('<details class="chart__figures">') == html.count("data-chart=")
    assert "<script>" not in html and "onclick" not in html


def test_officials_have_the_restricted_case_studies_counted_and_can_compare_them_side_by_side(client, singapore_and_china, django_user_model):
    singapore, china, _ = singapore_and_china
    water = DomainFactory(name="Water", slug="water")
    restricted = CaseStudyPageFactory(title="Restricted", slug="restricted-water", countries=[singapore], domains=[water])
    OfficialsOnlyRestrictionFactory(page=restricted)
    CaseStudyPageFactory(title="Open", slug="open-water", countries=[china], domains=[water])
    official = django_user_model.objects.create_user("official", password="not-used")
    official.groups.add(Group.objects.get(name="Officials"))
    client.force_login(official)

    comparison, _ = compared(client, "country=SG&country=CN")
    assert counts(comparison.chart("by-domain").rows)["Water"] == [1, 1]  # from the catalog: the public index never holds it
    assert client.get("/compare/cases/?case=restricted-water&case=open-water").status_code == 200
