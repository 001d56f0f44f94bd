"""A site upgraded with organisations already in it: their first edit after the upgrade shows what changed."""

import importlib

import pytest
from django.apps import apps

from tests.factories import OrganisationFactory
from tests.projects.admin_support import user_in_group
from tests.projects.test_shared_record_history import organisation_form, snippet_url

pytestmark = pytest.mark.django_db

upgrade = importlib.import_module("projects.migrations.0004_first_revision_of_shared_records")


def test_an_organisation_from_before_the_upgrade_shows_its_first_edit_as_a_change(client):
    record = OrganisationFactory(name="Numbat Urban Analytics", slug="numbat", hq_country__code="SG", description="Builds traffic models for Perth.")
    assert record.latest_revision is None  # as every record saved before revisions were kept

    upgrade.first_revisions(apps, None)
    upgrade.first_revisions(apps, None)  # a second run adds nothing

    record.refresh_from_db()
    assert record.revisions.count() == 1 and record.latest_revision.content["description"] == "Builds traffic models for Perth."
    client.force_login(user_in_group("Editors", "mai"))
    client.post(snippet_url("organisation", "edit", record.pk), organisation_form(description="Builds flood models for Darwin."))

    first, second = record.revisions.order_by("created_at", "id")
    compare_url = snippet_url("organisation", "revisions_compare", record.pk, first.pk, second.pk)
    assert compare_url in client.get(snippet_url("organisation", "history", record.pk)).content.decode()
    compare = client.get(compare_url)
    changed = {
        comparison.field_label(): (comparison.val_a, comparison.val_b) for comparison in compare.context["comparison"] if comparison.has_changed()
    }
    assert changed["Description"] == ("Builds traffic models for Perth.", "Builds flood models for Darwin.")
