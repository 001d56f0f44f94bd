"""Hostile rich text stays inert whichever way it arrives: an import file, the admin, code that publishes, an old row.

Body paragraphs pass the same whitelist as Wagtail's rich text editor for the block's features (bold, italic, link,
lists): the text and the harmless links stay, scripts, event handlers, `javascript:` links and images go.
"""

import json

import pytest
import yaml
from django.db.models import JSONField, Value
from django.urls import reverse
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import rich_text, streamfield

from projects.blocks import BodyBlock
from projects.models import CaseStudyPage
from tests.factories import CaseStudyPageFactory

from .admin_support import case_study_form
from .import_support import TAXONOMY, lines_for, run

pytestmark = pytest.mark.django_db

HOSTILE = '<p>ok</p><script>alert(1)</script><a href="javascript:alert(9)">x</a><img src=x onerror=alert(2)>'


def assert_inert(html: str) -> None:
    """Nothing of the payload that could run, load or be clicked into script is left."""
    lowered = html.lower()
    for trace in ("alert(", "<script", "onerror", "javascript:", "src=x", "<img"):
        assert trace not in lowered, f"{trace!r} survived in {html!r}"


def import_case_study(tmp_path, body: list) -> tuple[int, str]:
    record = {
        "slug": "hostile-paragraph",
        "title": "Hostile paragraph",
        "summary": "An entry whose body came from an untrusted file.",
        "body": body,
        "countries": ["CN"],
        "status": "ongoing",
        "confidence": "low",
        "sources": [{"title": "A report", "url": "https://example.org/report"}],
    }
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump({"case_studies": [record]}, allow_unicode=True), encoding="utf-8")
    return run("import_entries", TAXONOMY, path)


def stored_paragraphs(page) -> list[str]:
    """The body paragraphs as the database keeps them (the raw JSON, not the loaded blocks)."""
    page.refresh_from_db()
    return [block["value"] for block in page.body.raw_data if block["type"] == "paragraph"]


def write_raw_body(page, paragraph: str) -> None:
    """Straight into the table, past the whitelist, as an older version of the site would have left the row."""
    raw_body = [{"type": "paragraph", "value": paragraph, "id": "0b1c2d3e-0000-4000-8000-000000000001"}]
    CaseStudyPage.objects.filter(pk=page.pk).update(body=Value(raw_body, output_field=JSONField()))


def test_an_imported_paragraph_keeps_its_text_and_link_text_but_no_script_handler_or_javascript_link(tmp_path, client):
    status, output = import_case_study(tmp_path, [{"paragraph": HOSTILE}])

    assert status == 0, output
    page = CaseStudyPage.objects.get(slug="hostile-paragraph")
    [stored] = stored_paragraphs(page)
    assert_inert(stored)
    assert stored.startswith("<p>ok</p>") and ">x</a>" in stored
    html = client.get(page.url).content.decode()
    assert_inert(html)
    assert "<p>ok</p>" in html and ">x</a>" in html


def test_importing_the_same_hostile_file_again_changes_nothing(tmp_path):
    import_case_study(tmp_path, [{"paragraph": HOSTILE}])
    revisions = CaseStudyPage.objects.get(slug="hostile-paragraph").revisions.count()

    status, output = import_case_study(tmp_path, [{"paragraph": HOSTILE}])

    assert status == 0, output
    assert [line.split()[0] for line in lines_for(output, "hostile-paragraph")] == ["unchanged"]
    assert "create 0, update 0," in output
    assert CaseStudyPage.objects.get(slug="hostile-paragraph").revisions.count() == revisions


def test_a_paragraph_with_nothing_allowed_left_is_a_row_error_not_an_empty_paragraph(tmp_path):
    status, output = import_case_study(tmp_path, ["A plain first paragraph.", {"paragraph": '<img src=x onerror="alert(2)">'}])

    assert status != 0
    assert "hostile.yaml" in output and "hostile-paragraph" in output and "body" in output and "required" in output
    assert not CaseStudyPage.objects.filter(slug="hostile-paragraph").exists()


def test_a_body_published_from_code_is_stored_and_shown_clean(client):
    page = CaseStudyPageFactory(title="Published from a script")
    page.body = [("paragraph", RichText(HOSTILE)), ("paragraph", "<p>second <b>bold</b></p><iframe src=//evil.example></iframe>")]
    page.save_revision().publish()

    first, second = stored_paragraphs(page)
    assert_inert(first)
    assert second == "<p>second <b>bold</b></p>"
    latest = page.get_latest_revision_as_object()
    assert_inert(latest.body.raw_data[0]["value"])
    html = client.get(page.url).content.decode()
    assert_inert(html)
    assert "<p>ok</p>" in html and "<b>bold</b>" in html and "evil.example" not in html


def test_a_body_saved_through_the_admin_form_keeps_no_javascript_link(admin_client):
    """The admin posts the editor's content state; a crafted post may still carry a javascript: link."""
    page = CaseStudyPageFactory(title="Edited in the admin", slug="edited-in-the-admin")
    content_state = json.loads(rich_text('<p>ok <a href="https://example.org/ok">fine</a></p>'))
    content_state["entityMap"]["0"]["data"]["url"] = "javascript:alert(9)"
    data = case_study_form(title=page.title, slug=page.slug, body=streamfield([("paragraph", json.dumps(content_state))]))
    data["action-publish"] = "action-publish"

    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)

    assert response.status_code == 302, response.content.decode()[-2000:]
    [stored] = stored_paragraphs(page)
    assert_inert(stored)
    assert ">fine</a>" in stored and "ok" in stored
    html = admin_client.get(page.url).content.decode()
    assert_inert(html)
    assert ">fine</a>" in html


def test_a_row_stored_before_the_whitelist_existed_is_shown_inert(client):
    page = CaseStudyPageFactory(title="Stored long ago")
    write_raw_body(page, HOSTILE)

    html = client.get(page.url).content.decode()

    assert_inert(html)
    assert "<p>ok</p>" in html and ">x</a>" in html


def test_the_api_and_the_export_give_a_row_stored_before_the_whitelist_clean(client, tmp_path):
    page = CaseStudyPageFactory(title="Stored long ago", slug="stored-long-ago")
    write_raw_body(page, HOSTILE)

    served = json.dumps(client.get(reverse("api:api_case_study", args=[page.slug])).json())
    status, output = run("export_entries", "--format", "json", "--output", tmp_path / "all.json")

    assert status == 0, output
    exported = (tmp_path / "all.json").read_text(encoding="utf-8")
    for text in (served, exported):
        assert "stored-long-ago" in text and "<p>ok</p>" in text and ">x</a>" in text
        assert_inert(text)


def test_the_whitelist_is_the_editors_own_for_the_paragraph_features():
    paragraph = BodyBlock().child_blocks["paragraph"]
    target = CaseStudyPageFactory(title="Linked entry")
    source = (
        '<h2 style="color:red">Heading text</h2><p onclick="steal()">A <b>bold</b> and <i>italic</i> word,'
        ' <a href="https://example.org/a" target="_blank">web</a>, <a href="mailto:desk@example.org">mail</a>,'
        f' <a linktype="page" id="{target.pk}">an entry</a>, <a linktype="page" id="1 or 1">a broken one</a>'
        ' and <a href="data:text/html,&lt;script&gt;alert(3)&lt;/script&gt;">data</a>.</p>'
        "<ul><li>one</li></ul><ol><li>two</li></ol><style>body{display:none}</style><svg onload=alert(4)></svg>"
    )

    cleaned = paragraph.get_prep_value(paragraph.to_python(source))

    assert cleaned == (
        'Heading text<p>A <b>bold</b> and <i>italic</i> word, <a href="https://example.org/a">web</a>,'
        f' <a href="mailto:desk@example.org">mail</a>, <a id="{target.pk}" linktype="page">an entry</a>, <a>a broken one</a>'
        " and <a>data</a>.</p><ul><li>one</li></ul><ol><li>two</li></ol>"
    )


def test_an_api_serving_the_body_gets_the_clean_html():
    paragraph = BodyBlock().child_blocks["paragraph"]
    stored_long_ago = paragraph.to_python(HOSTILE)

    served = paragraph.get_api_representation(stored_long_ago)

    assert_inert(served)
    assert "ok" in served and ">x</a>" in served
