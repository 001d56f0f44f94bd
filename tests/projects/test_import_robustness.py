"""Import robustness: whatever an editor hands the importer, each bad record is a line naming file, row and field."""

import csv
import html
import io
import json

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry, Revision

from projects.models import CaseStudyPage, City, Organisation
from tests.catalog import remove_catalog

from .import_support import ENTRIES, TAXONOMY, lines_for, run

pytestmark = pytest.mark.django_db

LONG_PARAGRAPH = "The pilot's annual report, quoted at length. " * 4600  # about 200 KB in one cell
SOURCES = [{"title": "City report", "url": "https://example.org/report"}]


def write_csv(path, rows: list[dict], encoding: str = "utf-8") -> str:
    columns = list(dict.fromkeys(column for row in rows for column in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return str(path)


def city_row(slug: str, name: str, **cells) -> dict:
    return {"type": "city", "slug": slug, "name": name, "country": "SG", "sources": json.dumps(SOURCES), **cells}


def case_study_row(slug: str, title: str, **cells) -> dict:
    row = {"type": "case_study", "slug": slug, "title": title, "summary": "A pilot.", "countries": "SG", "sources": json.dumps(SOURCES)}
    return row | cells


def test_a_csv_cell_of_200_kb_imports_and_other_files_of_the_run_still_go_in(tmp_path):
    body = json.dumps([LONG_PARAGRAPH])
    assert len(body) > 200_000
    long_file = write_csv(tmp_path / "long.csv", [case_study_row("long-report", "Long report", body=body)])
    other_file = write_csv(tmp_path / "cities.csv", [city_row("jurong", "Jurong")])

    status, output = run("import_entries", long_file, other_file)

    assert status == 0, output[-2000:]
    case = CaseStudyPage.objects.get(slug="long-report")
    assert case.live and LONG_PARAGRAPH.strip() in html.unescape(str(case.body[0].value))
    assert City.objects.get(slug="jurong").name == "Jurong"
    revisions = Revision.objects.count()
    _, rerun = run("import_entries", long_file, other_file)
    assert "create 0, update 0, unchanged 2, error 0" in rerun and Revision.objects.count() == revisions


def test_the_sites_own_csv_export_of_a_long_entry_imports_back(tmp_path):
    run("import_entries", TAXONOMY, ENTRIES)
    case = yaml.safe_load(ENTRIES.read_text())["case_studies"][0]
    run("import_entries", write_yaml(tmp_path / "long.yaml", case_studies=[dict(case, body=[LONG_PARAGRAPH, "A short one."])]))
    exported = tmp_path / "export.csv"
    run("export_entries", "--format", "csv", "--output", exported)
    remove_catalog()

    status, output = run("import_entries", exported)

    assert status == 0, output[-2000:]
    body = CaseStudyPage.objects.get(slug="hangzhou-city-brain").body
    assert [len(str(block.value)) > 200_000 for block in body] == [True, False]


def write_yaml(path, **sections) -> str:
    path.write_text(yaml.safe_dump(sections, allow_unicode=True, sort_keys=False))
    return str(path)


def test_the_same_slug_twice_in_one_run_is_an_error_naming_both_rows_and_writes_neither(tmp_path):
    path = write_csv(tmp_path / "cities.csv", [city_row("jurong", "Jurong"), city_row("bedok", "Bedok"), city_row("jurong", "Jurong East")])

    status, output = run("import_entries", path)

    assert status != 0
    first, second = lines_for(output, "jurong")
    assert first.startswith("error") and "[cities.csv, row 2]" in first and "slug: “jurong” is also in cities.csv, row 4" in first
    assert second.startswith("error") and "[cities.csv, row 4]" in second and "is also in cities.csv, row 2" in second
    assert not City.objects.filter(slug="jurong").exists()
    assert City.objects.get(slug="bedok").name == "Bedok"  # the other rows still go in
    assert "create 1, update 0, unchanged 0, error 2" in output


def test_a_slug_in_two_files_of_one_run_is_an_error_and_a_rerun_writes_no_revision(tmp_path):
    run("import_entries", TAXONOMY, ENTRIES)
    case = yaml.safe_load(ENTRIES.read_text())["case_studies"][0]
    other = write_yaml(tmp_path / "other.yaml", case_studies=[dict(case, status="completed")])
    revisions = Revision.objects.count()

    for _ in range(2):
        status, output = run("import_entries", ENTRIES, other)

        assert status != 0
        in_entries, in_other = lines_for(output, "hangzhou-city-brain")
        assert "[entries.yaml, record 1]" in in_entries and "is also in other.yaml, record 1" in in_entries
        assert "[other.yaml, record 1]" in in_other and "is also in entries.yaml, record 1" in in_other
        assert Revision.objects.count() == revisions
        assert CaseStudyPage.objects.get(slug="hangzhou-city-brain").status == "ongoing"


def test_a_latin_1_file_imports_with_its_encoding_named_and_is_refused_by_line_without(tmp_path):
    path = write_csv(tmp_path / "latin.csv", [city_row("jurong", "Jurong"), city_row("sao-paulo", "São Paulo Café")], encoding="latin-1")

    status, output = run("import_entries", path)

    assert status != 0
    assert "latin.csv, line 3: is not utf-8 text" in output and "--encoding latin-1" in output
    assert not City.objects.exists()

    status, output = run("import_entries", "--encoding", "latin-1", path)

    assert status == 0, output
    assert City.objects.get(slug="sao-paulo").name == "São Paulo Café"


def test_a_utf_8_file_with_a_byte_order_mark_imports_and_an_unknown_encoding_is_refused(tmp_path):
    path = write_csv(tmp_path / "excel.csv", [city_row("jurong", "Jurong 裕廊")], encoding="utf-8-sig")

    assert run("import_entries", path)[0] == 0
    assert City.objects.get(slug="jurong").name == "Jurong 裕廊"
    status, output = run("import_entries", "--encoding", "klingon", path)
    assert status != 0 and "Unknown encoding “klingon”" in output


BAD_CSV_ROWS = {
    "bad start year": ({"start_year": "soon"}, "start_year", "must be an integer"),
    "negative funding": ({"funding": json.dumps([{"amount": -5, "currency": "USD"}])}, "funding[1].amount", "cannot be negative"),
    "unknown reference": ({"cities": "atlantis"}, "cities", "No city with slug “atlantis”."),
    "bad review date": ({"last_reviewed": "2024-02-30"}, "last_reviewed", "invalid date"),
    "broken JSON": ({"partners": "[{organisation: x}"}, "partners", "Not valid JSON"),
    "wrong JSON shape": ({"funding": json.dumps({"amount": 5})}, "funding", "Expected a list of mappings."),
    "body item not text": ({"body": json.dumps([{"paragraph": 5}])}, "body", "must be text"),
    "unknown column": ({"budget": "5"}, "budget", "Unknown field for case_studies"),
    "column of another type": ({"population": "5"}, "population", "Unknown field for case_studies"),
    "NUL character": ({"summary": "A pilot.\x00"}, "summary", "Contains a NUL character"),
}


@pytest.mark.parametrize("cells, field, reason", BAD_CSV_ROWS.values(), ids=BAD_CSV_ROWS.keys())
def test_a_bad_csv_row_is_reported_by_file_row_and_field_and_the_good_rows_still_import(tmp_path, cells, field, reason):
    path = write_csv(tmp_path / "rows.csv", [case_study_row("good-one", "Good one"), case_study_row("bad-one", "Bad one", **cells)])

    status, output = run("import_entries", path)

    assert status != 0 and "Traceback" not in output
    [line] = lines_for(output, "bad-one")
    assert line.startswith("error") and "[rows.csv, row 3]" in line and f"{field}: " in line and reason in line
    assert CaseStudyPage.objects.get(slug="good-one").live and not CaseStudyPage.objects.filter(slug="bad-one").exists()


WRONG_TYPES = {
    "title as a list": ({"title": ["a", "b"]}, "title"),
    "review date as a boolean": ({"last_reviewed": True}, "last_reviewed"),
    "paragraph as a mapping": ({"body": [{"paragraph": {"text": "x"}}]}, "body"),
    "partners as text": ({"partners": "acme"}, "partners"),
    "funding amount as words": ({"funding": [{"amount": "lots", "currency": "USD"}]}, "funding[1].amount"),
    "local names as a number": ({"local_names": 5}, "local_names"),
    "countries as text": ({"countries": "CN"}, "countries"),
    "a numeric field name": ({2019: "x"}, "2019"),
}


@pytest.mark.parametrize("change, field", WRONG_TYPES.values(), ids=WRONG_TYPES.keys())
def test_a_value_of_the_wrong_type_is_a_record_error_naming_its_field(tmp_path, change, field):
    run("import_entries", TAXONOMY)
    case = dict(yaml.safe_load(ENTRIES.read_text())["case_studies"][0], slug="odd-one") | change

    status, output = run("import_entries", write_yaml(tmp_path / "odd.yaml", case_studies=[case]))

    assert status != 0 and "Traceback" not in output
    [line] = lines_for(output, "odd-one")
    assert line.startswith("error") and "[odd.yaml, record 1]" in line and f"  {field}: " in line
    assert not CaseStudyPage.objects.filter(slug="odd-one").exists()


def test_a_row_with_more_cells_than_the_header_is_a_row_error(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("type,slug,name,country\ncity,jurong,Jurong,SG,extra\ncity,bedok,Bedok,SG\n")

    status, output = run("import_entries", path)

    assert status != 0
    assert "[ragged.csv, row 2]  row: 1 cell(s) beyond the last column of the header." in output
    assert [city.slug for city in City.objects.all()] == ["bedok"]


def test_malformed_yaml_and_a_missing_file_are_reported_and_other_files_still_import(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("cities:\n  - slug: jurong\n    name: [Jurong\n")
    good = write_csv(tmp_path / "cities.csv", [city_row("bedok", "Bedok")])

    status, output = run("import_entries", broken, tmp_path / "missing.yaml", good)

    assert status != 0 and "Traceback" not in output
    assert "broken.yaml, line 4: is not valid YAML" in output
    assert "missing.yaml: cannot be read: No such file or directory" in output
    assert City.objects.get(slug="bedok")


def test_the_user_named_with_user_is_in_the_revisions_and_the_audit_log(tmp_path):
    editor = get_user_model().objects.create_user(username="mai", password="x")

    status, output = run("import_entries", "--user", "mai", TAXONOMY, ENTRIES)

    assert status == 0, output
    case = CaseStudyPage.objects.get(slug="hangzhou-city-brain")
    assert case.owner == editor and case.latest_revision.user == editor
    assert {(entry.action, entry.user) for entry in PageLogEntry.objects.filter(page=case)} == {
        ("wagtail.create", editor),
        ("wagtail.publish", editor),
    }
    organisation = Organisation.objects.get(slug="alibaba-cloud")
    [entry] = ModelLogEntry.objects.for_instance(organisation)
    assert (entry.action, entry.user) == ("wagtail.create", editor)

    changed = yaml.safe_load(ENTRIES.read_text())
    changed["case_studies"][0]["status"] = "completed"
    run("import_entries", "--user", "mai", write_yaml(tmp_path / "changed.yaml", **changed))
    assert ("wagtail.edit", editor) in {(entry.action, entry.user) for entry in PageLogEntry.objects.filter(page=case)}


def test_an_unknown_user_stops_the_import_before_anything_is_written():
    status, output = run("import_entries", "--user", "nobody", TAXONOMY)

    assert status != 0 and "No user “nobody”" in output
    assert not Organisation.objects.exists()


def test_a_dry_run_leaves_nothing_in_the_search_index_or_the_audit_log(client):
    log_entries_before = PageLogEntry.objects.count()
    run("import_entries", "--dry-run", TAXONOMY, ENTRIES)

    assert not CaseStudyPage.objects.exists()
    assert PageLogEntry.objects.count() == log_entries_before
    assert not list(CaseStudyPage.objects.search("Hangzhou"))
    assert "Hangzhou City Brain" not in client.get(reverse("search"), {"q": "Hangzhou"}).content.decode()
