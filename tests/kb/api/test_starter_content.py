"""On the shipped starter content, as under `make run`: the API reports as many entries as are live, the CSV of a
filtered list has one row per entry on it, and the City Brain's citations download."""

import csv
import io

import pytest

from projects.models import CaseStudyPage

pytestmark = pytest.mark.django_db


def csv_rows(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv"), url
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_the_api_reports_as_many_case_studies_as_are_live(starter_content, client):
    assert client.get("/api/case-studies/").json()["total"] == CaseStudyPage.objects.live().public().count() > 50


def test_the_singapore_case_study_csv_has_one_row_per_singapore_case_study(starter_content, client):
    rows = csv_rows(client, "/case-studies/?country=SG&format=csv")
    singapore = CaseStudyPage.objects.live().public().filter(countries__code="SG")
    assert sorted(row["slug"] for row in rows) == sorted(singapore.values_list("slug", flat=True))
    assert all("Singapore" in row["countries"].split("; ") for row in rows)
    assert client.get("/api/case-studies/", {"country": "SG"}).json()["total"] == len(rows)


def test_profiles_and_search_download(starter_content, client):
    assert len(csv_rows(client, "/countries/sg/?format=csv")) >= CaseStudyPage.objects.live().public().filter(countries__code="SG").count()
    assert csv_rows(client, "/search/?q=city+brain&format=csv") is not None


def test_the_city_brain_citations_download(starter_content, client):
    bib = client.get("/case-studies/hangzhou-city-brain/cite.bib").content.decode()
    assert bib.startswith("@online{acsckb-hangzhou-city-brain-") and "url = {http://testserver/case-studies/hangzhou-city-brain/}" in bib
    ris = client.get("/case-studies/hangzhou-city-brain/cite.ris").content.decode()
    assert ris.startswith("TY  - ELEC\r\n") and "UR  - http://testserver/case-studies/hangzhou-city-brain/\r\n" in ris
