"""Editors get a clear message for bad input in the admin forms, and nothing bad is saved."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from wagtail.test.utils.form_data import nested_form_data, streamfield

from projects.forms import NO_SOURCE_MESSAGE
from projects.models import AgreementPage, CaseStudyPage, City, Organisation
from tests.factories import CountryFactory
from tests.projects.admin_support import (
    add_url,
    agreement_form,
    case_study_form,
    form_errors,
    source,
    stream_errors,
    user_in_group,
)

pytestmark = pytest.mark.django_db

SUBMIT = {"action-submit": "1"}
PUBLISH = {"action-publish": "1"}


@pytest.fixture
def editor_client(client):
    client.force_login(user_in_group("Editors"))
    return client


@pytest.fixture
def moderator_client(client):
    client.force_login(user_in_group("Moderators"))
    return client


def assert_refused(response, field: str, message: str) -> None:
    """The form comes back with the message next to the field."""
    assert response.status_code == 200, "the form should be shown again"
    assert message in form_errors(response).get(field, []), form_errors(response)
    assert escape(message) in response.content.decode()


# Case studies


def test_an_end_year_before_the_start_year_is_refused(editor_client):
    response = editor_client.post(add_url("casestudypage"), case_study_form(start_year="2021", end_year="2019"))

    assert_refused(response, "end_year", "The end year cannot be before the start year.")
    assert not CaseStudyPage.objects.exists()


def test_a_negative_funding_amount_is_refused(editor_client):
    funding = [{"amount": "-1000000", "currency": "USD", "source": "World Bank loan", "note": ""}]
    response = editor_client.post(add_url("casestudypage"), case_study_form(funding=funding))

    assert_refused(response, "funding-0-amount", "An amount cannot be negative.")
    assert not CaseStudyPage.objects.exists()


@pytest.mark.parametrize(
    ("currency", "message"),
    [
        ("XYZ", "“XYZ” is not an ISO 4217 currency code: use three letters such as USD, CNY or SGD."),
        ("RMB", "“RMB” is not an ISO 4217 code: use CNY."),
        ("1$", "“1$” is not an ISO 4217 currency code: use three letters such as USD, CNY or SGD."),
    ],
)
def test_an_invalid_currency_code_is_refused(editor_client, currency, message):
    funding = [{"amount": "5000000", "currency": currency, "source": "", "note": ""}]
    response = editor_client.post(add_url("casestudypage"), case_study_form(funding=funding))

    assert_refused(response, "funding-0-currency", message)
    assert not CaseStudyPage.objects.exists()


def test_a_lower_case_currency_code_is_accepted_and_stored_upper_case(editor_client):
    funding = [{"amount": "5000000", "currency": "cny", "source": "City budget", "note": ""}]
    response = editor_client.post(add_url("casestudypage"), case_study_form(funding=funding))

    assert response.status_code == 302
    assert CaseStudyPage.objects.get().funding.get().currency == "CNY"


@pytest.mark.parametrize("url", ["not a url", "htp://example", "https://"])
def test_a_malformed_source_url_is_refused(editor_client, url):
    response = editor_client.post(add_url("casestudypage"), case_study_form(sources=[source(url=url)], **SUBMIT))

    assert response.status_code == 200
    assert "Enter a valid URL." in stream_errors(response, "sources")
    assert not CaseStudyPage.objects.exists()


@pytest.mark.parametrize(
    ("published", "message"),
    [
        ("2019/11", "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2019-13", "2019-13 is not a real date."),
        ("2023-02-30", "2023-02-30 is not a real date."),
    ],
)
def test_a_badly_written_or_impossible_source_date_is_refused(editor_client, published, message):
    response = editor_client.post(add_url("casestudypage"), case_study_form(sources=[source(published=published)], **SUBMIT))

    assert response.status_code == 200
    assert message in stream_errors(response, "sources")
    assert not CaseStudyPage.objects.exists()


# Sources: drafts may lack them, nothing goes to review or live without one


def test_a_draft_can_be_saved_without_a_source(editor_client):
    response = editor_client.post(add_url("casestudypage"), case_study_form(sources=[]))

    page = CaseStudyPage.objects.get(slug="da-nang-ioc")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.id])
    assert not page.live
    assert len(page.sources) == 0


def test_an_entry_without_a_source_cannot_be_submitted_for_moderation(editor_client):
    response = editor_client.post(add_url("casestudypage"), case_study_form(sources=[], **SUBMIT))

    assert response.status_code == 200
    assert NO_SOURCE_MESSAGE in stream_errors(response, "sources")
    assert not CaseStudyPage.objects.exists()


def test_an_entry_without_a_source_cannot_be_published(moderator_client):
    response = moderator_client.post(add_url("casestudypage"), case_study_form(sources=[], **PUBLISH))

    assert response.status_code == 200
    assert NO_SOURCE_MESSAGE in stream_errors(response, "sources")
    assert not CaseStudyPage.objects.exists()


def test_a_sourceless_draft_cannot_be_published_later_until_a_source_is_added(moderator_client):
    moderator_client.post(add_url("casestudypage"), case_study_form(sources=[]))
    page = CaseStudyPage.objects.get(slug="da-nang-ioc")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.id])

    refused = moderator_client.post(edit_url, case_study_form(sources=[], **PUBLISH))
    page.refresh_from_db()
    assert refused.status_code == 200
    assert NO_SOURCE_MESSAGE in stream_errors(refused, "sources")
    assert not page.live

    accepted = moderator_client.post(edit_url, case_study_form(**PUBLISH))
    page.refresh_from_db()
    assert accepted.status_code == 302
    assert page.live
    assert page.source_list[0]["url"] == "https://example.org/report"


# Agreements


def test_an_agreement_cannot_enter_into_force_before_it_was_signed(editor_client):
    response = editor_client.post(add_url("agreementpage"), agreement_form(signed_date="2020-06", in_force_date="2020-01"))

    assert_refused(response, "in_force_date", "An agreement cannot enter into force before it was signed.")
    assert not AgreementPage.objects.exists()


def test_dates_known_to_different_precision_are_compared_fairly(editor_client):
    response = editor_client.post(add_url("agreementpage"), agreement_form(signed_date="2019", in_force_date="2019-11-03"))

    assert response.status_code == 302
    assert AgreementPage.objects.get().in_force_date == "2019-11-03"


@pytest.mark.parametrize(
    ("signed_date", "message"),
    [
        ("Nov 2019", "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD (for example 2019, 2019-11 or 2019-11-03)."),
        ("2019-02-29", "2019-02-29 is not a real date."),
        ("1850", "The year must be between 1900 and 2100."),
    ],
)
def test_a_malformed_or_impossible_signing_date_is_refused(editor_client, signed_date, message):
    response = editor_client.post(add_url("agreementpage"), agreement_form(signed_date=signed_date, in_force_date="2020"))

    assert_refused(response, "signed_date", message)
    assert "in_force_date" not in form_errors(response), "a bad date should not also be reported as out of order"
    assert not AgreementPage.objects.exists()


def test_a_malformed_document_link_is_refused(editor_client):
    response = editor_client.post(add_url("agreementpage"), agreement_form(document_url="see the ministry website"))

    assert_refused(response, "document_url", "Enter a valid URL.")
    assert not AgreementPage.objects.exists()


# Snippets


def snippet_form(**fields) -> dict:
    data = {"local_names": streamfield([]), "sources": streamfield([("source", source())]), "confidence": "medium", "notes": "", "description": ""}
    data.update(fields)
    return nested_form_data(data)


def test_a_city_population_without_its_year_is_refused(editor_client):
    form = snippet_form(name="Da Nang", slug="da-nang", country="VN", region="", latitude="", longitude="", population="1230000", population_year="")
    response = editor_client.post(reverse("wagtailsnippets_projects_city:add"), form)

    assert_refused(response, "population_year", "Give the year the population figure refers to.")
    assert not City.objects.filter(slug="da-nang").exists()


def test_a_city_with_population_and_year_is_saved(editor_client):
    form = snippet_form(
        name="Da Nang", slug="da-nang", country="VN", region="", latitude="16.05", longitude="108.2", population="1230000", population_year="2023"
    )
    response = editor_client.post(reverse("wagtailsnippets_projects_city:add"), form)

    assert response.status_code == 302
    assert City.objects.get(slug="da-nang").population_year == 2023


def test_a_malformed_organisation_website_is_refused(editor_client):
    CountryFactory(code="CN")
    form = snippet_form(name="Alibaba Cloud", slug="alibaba-cloud", kind="company", hq_country="CN", website="alibaba cloud dot com")
    response = editor_client.post(reverse("wagtailsnippets_projects_organisation:add"), form)

    assert_refused(response, "website", "Enter a valid URL.")
    assert not Organisation.objects.filter(slug="alibaba-cloud").exists()


def test_an_organisation_needs_a_source(editor_client):
    form = snippet_form(name="Alibaba Cloud", slug="alibaba-cloud", kind="company", hq_country="CN", website="https://www.alibabacloud.com")
    form = {**form, **nested_form_data({"sources": streamfield([])})}
    response = editor_client.post(reverse("wagtailsnippets_projects_organisation:add"), form)

    assert response.status_code == 200
    assert NO_SOURCE_MESSAGE in stream_errors(response, "sources")
    assert not Organisation.objects.filter(slug="alibaba-cloud").exists()


def test_a_source_accessed_before_it_was_published_is_refused(editor_client):
    response = editor_client.post(add_url("casestudypage"), case_study_form(sources=[source(published="2021-05", accessed="2020-01-10")], **SUBMIT))

    assert response.status_code == 200
    assert "A source cannot be accessed before it was published." in stream_errors(response, "sources")
    assert not CaseStudyPage.objects.exists()


def test_a_city_outside_the_globe_or_joining_ascn_without_being_a_pilot_is_refused(editor_client):
    form = snippet_form(name="Da Nang", slug="da-nang", country="VN", region="", latitude="95", longitude="108.2", ascn_joined="2018")
    response = editor_client.post(reverse("wagtailsnippets_projects_city:add"), form)

    assert_refused(response, "latitude", "Ensure this value is less than or equal to 90.")
    assert_refused(response, "ascn_pilot", "A city that joined ASCN is an ASCN pilot city: tick the box or clear the year.")
    assert not City.objects.filter(slug="da-nang").exists()


def test_a_sourceless_draft_cannot_be_submitted_from_the_edit_form(editor_client):
    editor_client.post(add_url("casestudypage"), case_study_form(sources=[]))
    page = CaseStudyPage.objects.get(slug="da-nang-ioc")

    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.id]), case_study_form(sources=[], **SUBMIT))

    page.refresh_from_db()
    assert response.status_code == 200
    assert NO_SOURCE_MESSAGE in stream_errors(response, "sources")
    assert not page.workflow_in_progress
