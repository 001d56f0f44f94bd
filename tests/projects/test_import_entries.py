"""Bulk import (manage.py import_entries): editors load YAML or CSV, see each record's fate, and can rerun safely."""

import pytest
import yaml
from wagtail.models import Revision

from projects.forms import NO_SOURCE_MESSAGE
from projects.models import AgreementPage, CaseStudyPage, City, Country, Organisation, SolutionPage

from .import_support import ENTRIES, ENTRIES_CSV, TAXONOMY, lines_for, run

pytestmark = pytest.mark.django_db


def good_case_study() -> dict:
    return yaml.safe_load(ENTRIES.read_text())["case_studies"][0]


def write_yaml(path, **sections) -> str:
    path.write_text(yaml.safe_dump(sections, allow_unicode=True, sort_keys=False))
    return str(path)


def test_importing_yaml_creates_published_entries_with_sources_lessons_partners_and_links():
    status, output = run("import_entries", ENTRIES, TAXONOMY)  # entries first: sections still apply in dependency order

    assert status == 0, output
    assert "Summary: create 13, update 0, unchanged 0, error 0" in output  # 12 records and the US, created from its ISO code
    case = CaseStudyPage.objects.get(slug="hangzhou-city-brain")
    assert case.live and case.get_parent().specific_class.__name__ == "CaseStudyIndexPage"
    assert case.url == "/case-studies/hangzhou-city-brain/"
    assert case.revisions.count() == 1 and case.live_revision is not None
    assert [source["url"] for source in case.source_list] == ["https://example.org/yicai"]
    assert case.local_names_text == "杭州城市大脑"
    assert [(partner.organisation.slug, partner.role) for partner in case.partners.all()] == [
        ("hangzhou-government", "lead_agency"),
        ("alibaba-cloud", "vendor"),
    ]
    assert [(lesson.theme and lesson.theme.slug, lesson.text) for lesson in case.lessons.all()][0] == (
        "vendor-dependence",
        "Agree data access terms before the pilot.",
    )
    funding = case.funding.get()
    assert (str(funding.amount), funding.currency) == ("1500000.50", "CNY")
    assert [block.block_type for block in case.body] == ["paragraph", "paragraph"]
    assert "Alibaba Cloud &amp; partners" in str(case.body[0].value)
    assert sorted(case.cities.values_list("slug", flat=True)) == ["hangzhou"]
    agreement = AgreementPage.objects.get(slug="asean-china-smart-city-statement")
    assert agreement.live and list(agreement.related_case_studies.all()) == [case]
    assert agreement.signed_date == "2019-11-03"
    solution = SolutionPage.objects.get(slug="alibaba-et-city-brain")
    assert solution.vendor.slug == "alibaba-cloud" and list(solution.deployments.all()) == [case]


def test_a_valid_iso_code_not_yet_in_the_catalog_becomes_a_country_with_its_english_name():
    status, output = run("import_entries", TAXONOMY)

    assert status == 0, output
    assert Country.objects.get(code="US").name == "United States of America"
    assert Organisation.objects.get(slug="world-bank").hq_country_id == "US"
    assert any(line.startswith("create") and " US " in line for line in output.splitlines())


def test_importing_csv_creates_published_entries_with_sources_lessons_and_partners():
    status, output = run("import_entries", ENTRIES_CSV)

    assert status == 0, output
    case = CaseStudyPage.objects.get(slug="singapore-tracetogether")
    assert case.live and (case.start_year, case.end_year, case.status) == (2020, 2023, "completed")
    assert [partner.organisation.name for partner in case.partners.all()] == ["GovTech Singapore"]
    assert case.lessons.get().text == "Say who may use the data before launch."
    assert case.funding.get().amount == 13800000
    assert case.source_list[0]["published"] == "2021-01"
    assert len(case.body) == 2
    city = City.objects.get(slug="singapore")
    assert city.ascn_pilot and city.ascn_joined == 2018 and str(city.latitude) == "1.29000"
    assert lines_for(output, "singapore-tracetogether")[0].startswith("create")


BAD_CASE_STUDIES = {
    "end year before start year": ({"start_year": 2020, "end_year": 2019}, "end_year", "The end year cannot be before the start year."),
    "negative funding amount": ({"funding": [{"amount": -5, "currency": "USD"}]}, "funding[1].amount", "An amount cannot be negative."),
    "currency that is not ISO 4217": ({"funding": [{"amount": 5, "currency": "RMB"}]}, "funding[1].currency", "use CNY"),
    "malformed source URL": ({"sources": [{"title": "A report", "url": "not a url"}]}, "sources[1].url", "Enter a valid URL."),
    "missing sources": ({"sources": []}, "sources", NO_SOURCE_MESSAGE),
    "unknown slug reference": ({"cities": ["atlantis"]}, "cities", "No city with slug “atlantis”."),
    "unknown organisation in partners": (
        {"partners": [{"organisation": "acme", "role": "vendor"}]},
        "partners[1].organisation",
        "No organisation with slug “acme”.",
    ),
    "unknown country code": ({"countries": ["XX"]}, "countries", "“XX” is not an ISO 3166-1 alpha-2 country code."),
    "bad partial date in a source": (
        {"sources": [{"title": "A report", "url": "https://example.org/a", "published": "May 2018"}]},
        "sources[1].published",
        "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    "status not in the list": ({"status": "finished"}, "status", "Value 'finished' is not a valid choice."),
    "misspelt field": ({"sumary": "typo"}, "sumary", "Unknown field for case_studies"),
}


@pytest.mark.parametrize("change, field, reason", BAD_CASE_STUDIES.values(), ids=BAD_CASE_STUDIES.keys())
def test_a_bad_record_is_reported_with_its_number_field_and_reason_and_writes_nothing(tmp_path, change, field, reason):
    run("import_entries", TAXONOMY)
    good = dict(good_case_study(), slug="good-one", title="Good one")
    bad = dict(good_case_study(), slug="bad-one", title="Bad one", **change)
    path = write_yaml(tmp_path / "batch.yaml", case_studies=[good, bad])

    status, output = run("import_entries", path)

    assert status != 0
    [line] = lines_for(output, "bad-one")
    assert line.startswith("error") and "case_study" in line and "batch.yaml, record 2" in line
    assert f"{field}: " in line and reason in line
    assert not CaseStudyPage.objects.filter(slug="bad-one").exists()
    assert CaseStudyPage.objects.get(slug="good-one").live
    assert "create 1, update 0, unchanged 0, error 1" in output


def test_a_bad_agreement_date_and_a_bad_csv_row_are_reported_by_field(tmp_path):
    run("import_entries", TAXONOMY, ENTRIES)
    agreement = dict(yaml.safe_load(ENTRIES.read_text())["agreements"][0], slug="bad-dates", signed_date="2019-11", in_force_date="2019-02-30")
    csv_path = tmp_path / "rows.csv"
    csv_path.write_text(
        'type,slug,name,country,latitude,sources\ncity,nowhere,Nowhere,SG,95,"[{""title"": ""x"", ""url"": ""https://example.org""}]"\n'
    )

    _, output = run("import_entries", write_yaml(tmp_path / "agreements.yaml", agreements=[agreement]), csv_path)

    [date_error] = lines_for(output, "bad-dates")
    assert "agreements.yaml, record 1" in date_error and "in_force_date: 2019-02-30 is not a real date." in date_error
    [latitude_error] = lines_for(output, "nowhere")
    assert "rows.csv, row 2" in latitude_error and "latitude: Ensure this value is less than or equal to 90." in latitude_error
    assert not City.objects.filter(slug="nowhere").exists() and not AgreementPage.objects.filter(slug="bad-dates").exists()


def test_dry_run_reports_what_each_record_would_do_and_changes_nothing(tmp_path):
    bad = dict(good_case_study(), slug="bad-one", end_year=2000)
    bad_file = write_yaml(tmp_path / "bad.yaml", case_studies=[bad])
    pages_before = CaseStudyPage.objects.count()

    status, output = run("import_entries", "--dry-run", TAXONOMY, ENTRIES, bad_file)

    assert status != 0
    assert lines_for(output, "hangzhou-city-brain")[0].startswith("create")  # its references resolve to records created in the same run
    assert lines_for(output, "alibaba-et-city-brain")[0].startswith("create")
    assert "end_year: The end year cannot be before the start year." in lines_for(output, "bad-one")[0]
    assert "(dry run: nothing was changed)" in output
    assert CaseStudyPage.objects.count() == pages_before
    assert not Organisation.objects.exists() and not Country.objects.filter(code="US").exists()
    assert not Revision.objects.exists()


def test_dry_run_after_an_import_reports_updates_and_unchanged_records(tmp_path):
    run("import_entries", TAXONOMY, ENTRIES)
    changed = dict(good_case_study(), status="completed")
    solutions = yaml.safe_load(ENTRIES.read_text())["solutions"]

    _, output = run("import_entries", "--dry-run", write_yaml(tmp_path / "changed.yaml", case_studies=[changed], solutions=solutions))

    assert lines_for(output, "hangzhou-city-brain")[0].startswith("update")
    assert lines_for(output, "alibaba-et-city-brain")[0].startswith("unchanged")
    assert CaseStudyPage.objects.get(slug="hangzhou-city-brain").status == "ongoing"


def test_a_rerun_reports_every_record_unchanged_and_writes_no_revision():
    run("import_entries", TAXONOMY, ENTRIES, ENTRIES_CSV)
    revisions = Revision.objects.count()

    status, output = run("import_entries", TAXONOMY, ENTRIES, ENTRIES_CSV)

    assert status == 0
    assert "Summary: create 0, update 0, unchanged 16, error 0" in output
    assert Revision.objects.count() == revisions
    assert CaseStudyPage.objects.count() == 2


def test_changing_a_field_updates_the_entry_as_a_new_published_revision(tmp_path):
    run("import_entries", TAXONOMY, ENTRIES)
    changed = dict(good_case_study(), status="completed", end_year=2024, lessons=[{"theme": None, "text": "One lesson now."}])

    status, output = run("import_entries", write_yaml(tmp_path / "changed.yaml", case_studies=[changed]))

    assert status == 0 and lines_for(output, "hangzhou-city-brain")[0].startswith("update")
    case = CaseStudyPage.objects.get(slug="hangzhou-city-brain")
    assert (case.status, case.end_year) == ("completed", 2024)
    assert [lesson.text for lesson in case.lessons.all()] == ["One lesson now."]
    assert case.revisions.count() == 2 and case.live_revision == case.latest_revision
    assert case.partners.count() == 2  # fields the record does not change stay as they were


def test_a_bad_update_leaves_the_published_entry_as_it_was(tmp_path):
    run("import_entries", TAXONOMY, ENTRIES)
    bad = dict(good_case_study(), summary="New summary", sources=[{"title": "x", "url": "ftp:/broken"}])

    status, output = run("import_entries", write_yaml(tmp_path / "bad.yaml", case_studies=[bad]))

    assert status != 0 and "sources[1].url: Enter a valid URL." in output
    case = CaseStudyPage.objects.get(slug="hangzhou-city-brain")
    assert case.summary.startswith("A cloud platform") and case.revisions.count() == 1


def test_a_file_that_is_not_entries_is_reported_and_the_command_fails(tmp_path):
    (tmp_path / "broken.yaml").write_text("case_studies: [unclosed\n")
    (tmp_path / "other.yaml").write_text("recipes: []\n")

    status, output = run("import_entries", tmp_path / "broken.yaml", tmp_path / "other.yaml")

    assert status != 0
    assert "broken.yaml, line 2: is not valid YAML" in output and "other.yaml: unknown section “recipes”" in output
