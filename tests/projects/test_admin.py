"""The editors' admin: every entry type can be added and edited, and the Catalog records can be listed, searched and filtered."""

import pytest
from django.urls import reverse

from projects.models import City, Organisation
from tests.factories import (
    AgreementPageFactory,
    CaseStudyPageFactory,
    CityFactory,
    CountryFactory,
    OrganisationFactory,
    SolutionPageFactory,
    ThemeFactory,
)
from tests.projects.admin_support import add_url, user_in_group

pytestmark = pytest.mark.django_db

SNIPPET_MODELS = ["organisation", "city", "theme", "domain", "technology", "country"]


@pytest.fixture
def editor_client(client):
    client.force_login(user_in_group("Editors"))
    return client


def snippet_url(model: str, view: str = "list", *args) -> str:
    return reverse(f"wagtailsnippets_projects_{model}:{view}", args=args)


def listed_names(response) -> list[str]:
    return [str(item) for item in response.context["object_list"]]


@pytest.mark.parametrize("model_name", ["casestudypage", "agreementpage", "solutionpage"])
def test_an_editor_can_open_the_add_form_of_every_entry_type(editor_client, model_name):
    response = editor_client.get(add_url(model_name))

    assert response.status_code == 200
    assert response.context["form"].fields["sources"].required


@pytest.mark.parametrize("factory", [CaseStudyPageFactory, AgreementPageFactory, SolutionPageFactory])
def test_an_editor_can_open_the_edit_form_of_every_entry_type(editor_client, factory):
    page = factory(title="Penang smart mobility")

    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.id]))

    assert response.status_code == 200
    assert response.context["form"].initial["title"] == "Penang smart mobility"


def test_the_case_study_form_offers_partners_funding_and_lessons(editor_client):
    form = editor_client.get(add_url("casestudypage")).context["form"]

    assert set(form.formsets) >= {"partners", "funding", "lessons"}


@pytest.mark.parametrize("model", SNIPPET_MODELS)
def test_every_catalog_listing_and_add_form_opens(editor_client, model):
    assert editor_client.get(snippet_url(model)).status_code == 200
    assert editor_client.get(snippet_url(model, "add")).status_code == 200


ENTRY_LISTINGS = ["case_study_listing", "agreement_listing", "solution_listing"]


def test_the_admin_menu_groups_the_entry_lists_and_the_catalog_records(editor_client):
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Catalog" in html
    for listing in ENTRY_LISTINGS:
        assert reverse(f"{listing}:index") in html
    for model in SNIPPET_MODELS:
        assert snippet_url(model) in html


def listed_titles(response) -> list[str]:
    return sorted(page.title for page in response.context["pages"])


@pytest.mark.parametrize("listing", ENTRY_LISTINGS)
def test_every_entry_list_opens(editor_client, listing):
    assert editor_client.get(reverse(f"{listing}:index")).status_code == 200


def test_case_studies_can_be_filtered_by_country_and_status_while_searching(editor_client):
    CaseStudyPageFactory(title="Da Nang city platform", countries=[CountryFactory(code="VN")])
    CaseStudyPageFactory(title="Singapore city platform", countries=[CountryFactory(code="SG")], status="completed")
    CaseStudyPageFactory(title="Hanoi traffic cameras", countries=[CountryFactory(code="VN")])
    listing = reverse("case_study_listing:index")

    by_country = editor_client.get(listing, {"countries": "VN"})
    searching_in_country = editor_client.get(listing, {"countries": "VN", "q": "platform"})
    by_status = editor_client.get(listing, {"status": "completed", "q": "platform"})

    assert listed_titles(by_country) == ["Da Nang city platform", "Hanoi traffic cameras"]
    assert listed_titles(searching_in_country) == ["Da Nang city platform"]
    assert listed_titles(by_status) == ["Singapore city platform"]


def test_agreements_and_solutions_can_be_filtered(editor_client):
    AgreementPageFactory(title="Smart city MoU", kind="mou")
    AgreementPageFactory(title="Leaders statement", kind="statement", party_countries=[CountryFactory(code="TH")])
    huawei = OrganisationFactory(name="Huawei", slug="huawei")
    SolutionPageFactory(title="Safe city", vendor=huawei)
    SolutionPageFactory(title="City brain", vendor=OrganisationFactory(name="Alibaba", slug="alibaba"))

    assert listed_titles(editor_client.get(reverse("agreement_listing:index"), {"kind": "statement"})) == ["Leaders statement"]
    assert listed_titles(editor_client.get(reverse("agreement_listing:index"), {"party_countries": "TH", "q": "statement"})) == ["Leaders statement"]
    assert listed_titles(editor_client.get(reverse("solution_listing:index"), {"vendor": huawei.pk, "q": "city"})) == ["Safe city"]


def test_searching_organisations_finds_them_by_name(editor_client):
    OrganisationFactory(name="Huawei Technologies", slug="huawei")
    OrganisationFactory(name="Singtel", slug="singtel")

    response = editor_client.get(snippet_url("organisation"), {"q": "huawei"})

    assert response.status_code == 200
    assert listed_names(response) == ["Huawei Technologies"]


def test_searching_cities_and_themes_finds_them_by_name(editor_client):
    CityFactory(name="Kuala Lumpur", slug="kuala-lumpur", country=CountryFactory(code="MY"))
    CityFactory(name="Bangkok", slug="bangkok", country=CountryFactory(code="TH"))
    ThemeFactory(name="Digital divide", slug="digital-divide")
    ThemeFactory(name="Vendor dependence", slug="vendor-dependence")

    assert listed_names(editor_client.get(snippet_url("city"), {"q": "bangkok"})) == ["Bangkok"]
    assert listed_names(editor_client.get(snippet_url("theme"), {"q": "divide"})) == ["Digital divide"]


def test_organisations_can_be_filtered_by_kind_and_headquarters_country(editor_client):
    OrganisationFactory(name="China Mobile", slug="china-mobile", kind=Organisation.Kind.STATE_OWNED_ENTERPRISE, hq_country=CountryFactory(code="CN"))
    OrganisationFactory(name="Alibaba", slug="alibaba", kind=Organisation.Kind.COMPANY, hq_country=CountryFactory(code="CN"))
    OrganisationFactory(name="GovTech", slug="govtech", kind=Organisation.Kind.AGENCY, hq_country=CountryFactory(code="SG"))

    by_kind = editor_client.get(snippet_url("organisation"), {"kind": "state_owned_enterprise"})
    by_country = editor_client.get(snippet_url("organisation"), {"hq_country": "CN"})

    assert listed_names(by_kind) == ["China Mobile"]
    assert listed_names(by_country) == ["Alibaba", "China Mobile"]
    assert listed_names(editor_client.get(snippet_url("organisation"), {"hq_country": "CN", "q": "alibaba"})) == ["Alibaba"]


def test_cities_can_be_filtered_by_country_and_ascn_pilot(editor_client):
    CityFactory(name="Da Nang", slug="da-nang", country=CountryFactory(code="VN"), ascn_pilot=True, ascn_joined=2018)
    CityFactory(name="Hue", slug="hue", country=CountryFactory(code="VN"), ascn_pilot=False)
    CityFactory(name="Shenzhen", slug="shenzhen", country=CountryFactory(code="CN"), ascn_pilot=False)

    assert listed_names(editor_client.get(snippet_url("city"), {"country": "VN"})) == ["Da Nang", "Hue"]
    assert listed_names(editor_client.get(snippet_url("city"), {"ascn_pilot": "true"})) == ["Da Nang"]


def test_the_city_listing_shows_country_and_ascn_columns(editor_client):
    CityFactory(name="Da Nang", slug="da-nang", country=CountryFactory(code="VN"), ascn_pilot=True, ascn_joined=2018)

    html = editor_client.get(snippet_url("city")).content.decode()

    assert "Da Nang" in html and "Viet Nam" in html
    assert "ASCN pilot city" in html


def test_an_editor_can_edit_a_city_but_not_delete_it(editor_client):
    city = CityFactory(name="Da Nang", slug="da-nang", country=CountryFactory(code="VN"))

    assert editor_client.get(snippet_url("city", "edit", city.pk)).status_code == 200
    editor_client.post(snippet_url("city", "delete", city.pk))

    assert City.objects.filter(pk=city.pk).exists()


def test_an_editor_can_choose_a_partner_organisation_in_the_chooser(editor_client):
    OrganisationFactory(name="Huawei Technologies", slug="huawei")
    OrganisationFactory(name="Singtel", slug="singtel")

    response = editor_client.get(reverse("wagtailsnippetchoosers_projects_organisation:choose_results"), {"q": "singtel"})

    assert response.status_code == 200
    assert "Singtel" in response.content.decode()
    assert "Huawei" not in response.content.decode()


def test_a_country_is_edited_at_its_iso_code(editor_client):
    response = editor_client.get(snippet_url("country", "edit", "SG"))

    assert response.status_code == 200
    assert response.context["object"].name == "Singapore"


def test_officials_cannot_enter_the_admin(client):
    client.force_login(user_in_group("Officials"))

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_changes_to_catalog_records_are_kept_in_the_audit_log(editor_client):
    from wagtail.models import ModelLogEntry

    city = CityFactory(name="Da Nang", slug="da-nang", country=CountryFactory(code="VN"))
    form = editor_client.get(snippet_url("city", "edit", city.pk)).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, (list, tuple))}
    data.update(
        {
            "region": "South Central Coast",
            "local_names-count": "0",
            "sources-count": "1",
            "sources-0-type": "source",
            "sources-0-deleted": "",
            "sources-0-order": "0",
            "sources-0-value-title": "City report",
            "sources-0-value-url": "https://example.org/report",
            "sources-0-value-publisher": "",
            "sources-0-value-published": "",
            "sources-0-value-accessed": "",
            "country": "VN",
        }
    )

    response = editor_client.post(snippet_url("city", "edit", city.pk), data)

    city.refresh_from_db()
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert city.region == "South Central Coast"
    entry = ModelLogEntry.objects.filter(object_id=str(city.pk), action="wagtail.edit").get()
    assert entry.user.username == "editors"
    assert editor_client.get(snippet_url("city", "history", city.pk)).status_code == 200
