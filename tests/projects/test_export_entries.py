"""Export (manage.py export_entries): everything as JSON or CSV, in the format the importer reads back."""

import csv
import json

import pytest

from projects.models import CaseStudyPage
from tests.catalog import remove_catalog
from tests.factories import CaseStudyPageFactory

from .import_support import ENTRIES, ENTRIES_CSV, TAXONOMY, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    status, output = run("import_entries", TAXONOMY, ENTRIES, ENTRIES_CSV)
    assert status == 0, output


def export(tmp_path, fmt: str, *options) -> str:
    path = tmp_path / f"export-{len(list(tmp_path.iterdir()))}.{fmt}"
    status, output = run("export_entries", "--format", fmt, "--output", path, *options)
    assert status == 0, output
    return path


def test_json_export_holds_every_type_in_the_import_format_and_marks_entries_live(catalog, tmp_path):
    document = json.loads(export(tmp_path, "json").read_text())

    assert list(document) == ["countries", "domains", "technologies", "themes", "organisations", "cities", "case_studies", "agreements", "solutions"]
    case = next(record for record in document["case_studies"] if record["slug"] == "hangzhou-city-brain")
    assert case["live"] is True
    assert case["body"][0] == 'In 2016 Hangzhou said it would build a "city brain" with Alibaba Cloud & partners.'
    assert case["partners"] == [{"organisation": "hangzhou-government", "role": "lead_agency"}, {"organisation": "alibaba-cloud", "role": "vendor"}]
    assert case["funding"] == [{"amount": 1500000.5, "currency": "CNY", "source": "City budget", "note": "First phase"}]
    assert case["local_names"] == {"zh-Hans": "杭州城市大脑"}
    assert case["sources"][0]["url"] == "https://example.org/yicai" and case["sources"][0]["published"] == "2018-05"
    assert [city["slug"] for city in document["cities"]] == ["hangzhou", "singapore"]


def test_csv_export_has_one_row_per_record_with_a_type_column(catalog, tmp_path):
    rows = list(csv.DictReader(export(tmp_path, "csv").open(encoding="utf-8")))

    case = next(row for row in rows if row["slug"] == "hangzhou-city-brain")
    assert case["type"] == "case_study" and case["live"] == "true"
    assert case["domains"] == "mobility;public-safety"
    assert json.loads(case["lessons"])[1] == {"theme": None, "text": "Pilot in one district first."}
    assert sum(row["type"] == "organisation" for row in rows) == 4


def test_drafts_are_left_out_unless_asked_for(catalog, tmp_path):
    CaseStudyPageFactory(slug="unpublished-draft", live=False)

    default = json.loads(export(tmp_path, "json").read_text())
    with_drafts = json.loads(export(tmp_path, "json", "--include-drafts").read_text())

    assert "unpublished-draft" not in [record["slug"] for record in default["case_studies"]]
    assert {record["slug"]: record["live"] for record in with_drafts["case_studies"]}["unpublished-draft"] is False


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_export_imported_into_an_empty_catalog_reproduces_the_same_entries(catalog, tmp_path, fmt):
    first = export(tmp_path, fmt)
    remove_catalog()
    assert not CaseStudyPage.objects.exists()

    status, output = run("import_entries", first)
    second = export(tmp_path, fmt)

    assert status == 0, output
    assert second.read_text() == first.read_text()
    assert CaseStudyPage.objects.live().count() == 2
    assert "error 0" in output


def test_reimporting_an_export_over_the_same_catalog_changes_nothing(catalog, tmp_path):
    status, output = run("import_entries", export(tmp_path, "csv"))

    assert status == 0
    assert "create 0, update 0" in output and "error 0" in output
