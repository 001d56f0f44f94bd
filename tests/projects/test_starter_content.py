"""The shipped starter catalog (manage.py load_starter_content): a full, sourced catalog that reloads without changes."""

import pytest

from projects.models import AgreementPage, CaseStudyPage, City, Organisation, SolutionPage

from .import_support import run

pytestmark = pytest.mark.django_db


def test_the_starter_content_loads_sourced_published_entries_of_every_type(starter_content):
    case_studies, agreements, solutions = (model.objects.live() for model in (CaseStudyPage, AgreementPage, SolutionPage))

    assert case_studies.count() >= 30 and agreements.count() >= 20 and solutions.count() >= 20
    for entries in (case_studies, agreements, solutions):
        assert all(entry.sources and entry.live_revision_id for entry in entries)
    assert Organisation.objects.count() >= 100 and City.objects.count() >= 40
    assert all(city.sources for city in City.objects.all())
    assert CaseStudyPage.objects.filter(partners__isnull=False).distinct().count() >= 30


def test_loading_the_starter_content_again_changes_nothing_and_prints_the_counts(starter_content):
    status, output = run("load_starter_content")

    assert status == 0, output
    assert "create 0, update 0," in output and "error 0" in output
    counts = output.strip().splitlines()[-1]
    assert counts.startswith("Starter content in ") and f"{CaseStudyPage.objects.count()} case studies" in counts


def test_a_dry_run_of_the_starter_content_on_an_empty_catalog_reports_every_entry_as_created():
    status, output = run("load_starter_content", "--dry-run")

    assert status == 0, output
    assert "update 0, unchanged 0, error 0 (dry run: nothing was changed)" in output
    assert not CaseStudyPage.objects.exists()
