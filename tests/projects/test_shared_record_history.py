"""Organisations, cities and themes keep a history: every admin save is a revision, logged with its editor, and comparable."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import nested_form_data, streamfield

from projects.models import City, Organisation, Theme
from tests.factories import CountryFactory
from tests.projects.admin_support import source, user_in_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = user_in_group("Editors", "mai")
    client.force_login(user)
    return user


def snippet_url(model: str, view: str, *args) -> str:
    return reverse(f"wagtailsnippets_projects_{model}:{view}", args=args)


def common_fields(**fields) -> dict:
    return {
        "local_names": streamfield([]),
        "sources": streamfield([("source", source())]),
        "confidence": "medium",
        "notes": "",
        "editor_notes": "",
        **fields,
    }


def organisation_form(**fields) -> dict:
    return nested_form_data(
        common_fields(
            **{"name": "Numbat Urban Analytics", "slug": "numbat", "kind": "company", "hq_country": "SG", "website": "", "description": "", **fields}
        )
    )


def city_form(**fields) -> dict:
    return nested_form_data(
        common_fields(
            **{
                "name": "Quokka Bay",
                "slug": "quokka-bay",
                "country": "SG",
                "region": "",
                "latitude": "",
                "longitude": "",
                "population": "",
                "population_year": "",
                "ascn_joined": "",
                "description": "",
                **fields,
            }
        )
    )


def theme_form(**fields) -> dict:
    return nested_form_data(
        common_fields(**{"name": "Data trusts", "slug": "data-trusts", "definition": "Who holds city data.", "description": "", **fields})
    )


RECORDS = [
    ("organisation", Organisation, organisation_form),
    ("city", City, city_form),
    ("theme", Theme, theme_form),
]


@pytest.mark.parametrize(("model_name", "model", "form"), RECORDS)
def test_creating_and_editing_a_shared_record_keeps_a_revision_each_time_logged_with_the_editor(client, editor, model_name, model, form):
    CountryFactory(code="SG")
    created = client.post(snippet_url(model_name, "add"), form(description="Runs the traffic model."))
    assert created.status_code == 302, created.context and created.context["form"].errors
    record = model.objects.get()

    edited = client.post(snippet_url(model_name, "edit", record.pk), form(description="Runs the traffic and flood models."))
    assert edited.status_code == 302, edited.context and edited.context["form"].errors

    record.refresh_from_db()
    assert record.description == "Runs the traffic and flood models."  # still live at once: no draft state
    revisions = list(record.revisions.order_by("created_at", "id"))
    assert [revision.content["description"] for revision in revisions] == ["Runs the traffic model.", "Runs the traffic and flood models."]
    assert record.latest_revision == revisions[-1]
    log = ModelLogEntry.objects.for_instance(record).order_by("timestamp", "id")
    assert [(entry.action, entry.user, entry.revision) for entry in log] == [
        ("wagtail.create", editor, revisions[0]),
        ("wagtail.edit", editor, revisions[1]),
    ]


def test_the_history_of_an_organisation_names_the_editor_and_shows_what_changed(client, editor):
    CountryFactory(code="SG")
    client.post(snippet_url("organisation", "add"), organisation_form(description="Builds traffic models for Perth."))
    record = Organisation.objects.get()
    client.post(snippet_url("organisation", "edit", record.pk), organisation_form(description="Builds flood models for Darwin."))

    history = client.get(snippet_url("organisation", "history", record.pk)).content.decode()
    assert "Edited" in history and "Created" in history
    assert "mai" in history
    first, second = record.revisions.order_by("created_at", "id")
    compare_url = snippet_url("organisation", "revisions_compare", record.pk, first.pk, second.pk)
    assert compare_url in history  # the edit's "Compare with previous version" link

    compare = client.get(compare_url)
    assert compare.status_code == 200
    changed = {
        comparison.field_label(): (comparison.val_a, comparison.val_b) for comparison in compare.context["comparison"] if comparison.has_changed()
    }
    assert changed["Description"] == ("Builds traffic models for Perth.", "Builds flood models for Darwin.")
    assert "Name" not in changed
