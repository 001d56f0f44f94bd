"""Officials put two to four case studies side by side, field by field, from a shareable URL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cases():
    china, singapore = CountryFactory(code="CN"), CountryFactory(code="SG")
    mobility = DomainFactory(name="Mobility", slug="mobility")
    hangzhou = CaseStudyPageFactory(
        title="Hangzhou City Brain",
        slug="hangzhou-city-brain",
        countries=[china],
        domains=[mobility],
        start_year=2016,
        cities=[CityFactory(name="Hangzhou", slug="hangzhou", country=china)],
        outcomes="Traffic moved 15% faster (claimed).",
    )
    virtual = CaseStudyPageFactory(
        title="Virtual Singapore",
        slug="virtual-singapore",
        countries=[singapore],
        domains=[mobility],
        start_year=2014,
        controversies="Costs overran.",
    )
    alibaba = OrganisationFactory(name="Alibaba Cloud", slug="alibaba-cloud", hq_country=china)
    CaseStudyPartnerFactory(page=hangzhou, organisation=alibaba, role="vendor")
    CaseStudyPartnerFactory(page=hangzhou, organisation=OrganisationFactory(name="Hangzhou Government", slug="hz-gov"), role="lead_agency")
    CaseStudyFunding.objects.create(page=virtual, amount=73000000, currency="SGD", source="Singapore government")
    CaseStudyLessonFactory(page=hangzhou, theme=ThemeFactory(name="Governance first", slug="governance-first"), text="Join up the data first.")
    AgreementPageFactory(title="City brain MoU", related_case_studies=[hangzhou])
    return hangzhou, virtual


def compare(client, *slugs, **extra):
    query = "&".join(f"case={slug}" for slug in slugs)
    return client.get(f"{reverse('compare_cases')}?{query}", **extra)


def rows(response) -> dict[str, list[list[str]]]:
    return {row.label: [[item.text for item in items] for _, items in row.cells] for row in response.context["comparison"].rows}


def test_two_case_studies_are_aligned_field_by_field_with_differences_marked(client, two_cases):
    response = compare(client, "hangzhou-city-brain", "virtual-singapore")
    assert response.status_code == 200
    table = rows(response)

    assert table["Places"] == [["China", "Hangzhou"], ["Singapore"]]
    assert table["Domains"] == [["Mobility"], ["Mobility"]]
    assert table["Years"] == [["from 2016"], ["from 2014"]]
    assert table["Lead agencies"] == [["Hangzhou Government — Lead agency (China)"], []]
    assert table["Partners and their roles"] == [["Alibaba Cloud — Vendor (China)"], []]
    assert table["Funding"] == [[], ["73,000,000 SGD — Singapore government"]]
    assert table["Lessons by theme"] == [["Governance first: Join up the data first."], []]
    assert table["Controversies and risks"] == [[], ["Costs overran."]]
    assert table["Related agreements"] == [["City brain MoU"], []]
    differs = {row.label: row.differs for row in response.context["comparison"].rows}
    assert differs["Places"] and not differs["Domains"]
    html = response.content.decode()
    assert html.count('class="differs"') == sum(differs.values())
    assert "Not recorded" in html


def test_the_url_keeps_the_order_and_the_comparison_downloads_as_csv(client, two_cases):
    response = client.get(reverse("compare_cases") + "?case=virtual-singapore&case=hangzhou-city-brain&format=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0] == "Field,Virtual Singapore,Hangzhou City Brain"
    assert "Funding,73,000,000 SGD — Singapore government," in text.replace('"', "")


@pytest.mark.parametrize(
    "slugs, message",
    [
        (["hangzhou-city-brain"], "Choose at least 2 case studies to compare."),
        ([], "Choose at least 2 case studies to compare."),
        (["hangzhou-city-brain", "no-such-case"], "There is no case study at “no-such-case”."),
        (["a", "b", "c", "d", "e"], "Compare at most 4 case studies at a time; you chose 5."),
    ],
)
def test_bad_choices_get_a_400_page_with_the_reason(client, two_cases, slugs, message):
    response = compare(client, *slugs)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'role="alert"' in html
    assert "Browse case studies to compare" in html


def test_drafts_and_restricted_case_studies_look_exactly_like_unknown_ones(client, two_cases, django_user_model):
    restricted = CaseStudyPageFactory(title="Secret pilot", slug="secret-pilot")
    OfficialsOnlyRestrictionFactory(page=restricted)
    CaseStudyPageFactory(title="Draft pilot", slug="draft-pilot", live=False)

    for slug in ("secret-pilot", "draft-pilot"):
        response = compare(client, "hangzhou-city-brain", slug)
        assert response.status_code == 400
        assert f"There is no case study at “{slug}”." in response.content.decode()
        assert "Secret pilot" not in response.content.decode() and "Draft pilot" not in response.content.decode()


def test_add_to_comparison_carries_the_current_comparison_in_the_url(client, two_cases):
    page = client.get("/case-studies/hangzhou-city-brain/?case=virtual-singapore").content.decode()
    assert f'href="{reverse("compare_cases")}?case=virtual-singapore&amp;case=hangzhou-city-brain"' in page
    alone = client.get("/case-studies/hangzhou-city-brain/").content.decode()
    assert f'href="{reverse("compare_cases")}?case=hangzhou-city-brain"' in alone and "Add to comparison" in alone


def test_the_number_of_queries_does_not_grow_with_what_the_cases_hold(client, two_cases):
    hangzhou, virtual = two_cases

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert compare(client, "hangzhou-city-brain", "virtual-singapore").status_code == 200
        return len(captured)

    before = queries()
    for n in range(6):
        CaseStudyPartnerFactory(page=virtual, organisation=OrganisationFactory(), role="implementer")
        CaseStudyLessonFactory(page=virtual, theme=ThemeFactory())
        AgreementPageFactory(related_case_studies=[hangzhou, virtual])
        CaseStudyFunding.objects.create(page=hangzhou, amount=n + 1, currency="CNY")
    assert queries() == before
