"""Researchers cite an entry: the revision they read on the page, and BibTeX and RIS files a reference manager imports."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from kb.api.citations import Citation, bibtex, ris
from tests.factories import CaseStudyPageFactory, OfficialsOnlyRestrictionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def brain():
    entry = CaseStudyPageFactory(
        title="Hangzhou City Brain (城市大脑) & 50% of {traffic}", slug="hangzhou-city-brain", summary="Traffic lights\nby AI."
    )
    entry.last_published_at = datetime(2025, 11, 3, 9, 30, tzinfo=UTC)
    entry.save(update_fields=["last_published_at"])
    return entry


def test_the_entry_page_offers_its_citation_with_the_revision_date_and_downloads(client, brain):
    html = client.get(brain.url).content.decode()
    assert "Cite this entry:" in html and "revision of 3 November 2025" in html
    assert 'href="/case-studies/hangzhou-city-brain/cite.bib"' in html and 'href="/case-studies/hangzhou-city-brain/cite.ris"' in html


def test_the_bibtex_download_is_one_online_entry_with_what_zotero_reads(client, brain):
    response = client.get("/case-studies/hangzhou-city-brain/cite.bib")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/x-bibtex")
    assert response["Content-Disposition"] == 'attachment; filename="hangzhou-city-brain.bib"'
    text = response.content.decode()
    today = timezone.localdate().isoformat()
    assert text == (
        "@online{acsckb-hangzhou-city-brain-2025,\n"
        "  title = {{Hangzhou City Brain (城市大脑) \\& 50\\% of \\{traffic\\}}},\n"
        "  organization = {{ASEAN-China Smart City Knowledge Base}},\n"
        "  year = {2025},\n"
        "  date = {2025-11-03},\n"
        "  url = {http://testserver/case-studies/hangzhou-city-brain/},\n"
        f"  urldate = {{{today}}},\n"
        "  note = {Case study, revision of 2025-11-03},\n"
        "  abstract = {Traffic lights by AI.}\n"
        "}\n"
    )
    assert text.count("{") == text.count("}")  # balanced braces: the file parses


def test_the_ris_download_is_an_electronic_source_endnote_reads(client, brain):
    import rispy

    response = client.get("/case-studies/hangzhou-city-brain/cite.ris")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/x-research-info-systems")
    text = response.content.decode()
    assert text.startswith("TY  - ELEC\r\n") and text.rstrip().endswith("ER  -")
    [reference] = rispy.loads(text.replace("\r\n", "\n"))
    assert reference["title"] == brain.title and reference["urls"] == ["http://testserver/case-studies/hangzhou-city-brain/"]
    assert reference["date"] == "2025/11/03" and reference["year"] == "2025" and reference["publisher"] == "ASEAN-China Smart City Knowledge Base"
    assert reference["access_date"] == timezone.localdate().strftime("%Y/%m/%d")


@pytest.mark.parametrize("fmt", ["bib", "ris"])
def test_drafts_restricted_entries_and_other_pages_have_no_citation(client, fmt):
    draft = CaseStudyPageFactory(slug="draft-case", live=False)
    restricted = CaseStudyPageFactory(slug="restricted-case")
    OfficialsOnlyRestrictionFactory(page=restricted)
    for path in [f"/case-studies/{draft.slug}/", f"/case-studies/{restricted.slug}/", "/case-studies/", "/no-such-page/"]:
        assert client.get(f"{path}cite.{fmt}").status_code == 404, path


def test_special_characters_cannot_break_out_of_a_bibtex_field(brain, rf):
    citation = Citation.of(brain, rf.get("/"))
    citation.title = "a} @misc{evil, title={x"
    assert "title = {{a\\} @misc\\{evil, title=\\{x}}" in bibtex(citation)
    citation.title = "line one\nTY  - JOUR"
    assert "\nTY  - JOUR" not in ris(citation).replace("\r\n", "\n").split("TY  - ELEC", 1)[1]
