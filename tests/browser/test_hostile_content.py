"""Hostile markup in an entry's body never runs in the reader's browser.

The page itself holds it inert (the body went through the editor's whitelist), and the Content-Security-Policy
would stop inline script even if it had not: each page is checked with and without the policy enforced.
"""

import pytest
import yaml
from playwright.sync_api import expect

HOSTILE = '<p>ok</p><script>alert(1)</script><a href="javascript:alert(9)">x</a><img src=x onerror=alert(2)>'
IMPORTED, STORED_BEFORE = "hostile-import", "hostile-old-row"
# As an older version of the site would have left the row: straight into the table, past the whitelist.
WRITE_RAW_BODY = """
from django.db.models import JSONField, Value
from projects.models import CaseStudyPage
CaseStudyPage.objects.filter(slug={slug!r}).update(body=Value({body!r}, output_field=JSONField()))
"""
WATCH_POLICY = (
    "window.__violations = []; document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(event.violatedDirective));"
)


def case_study(slug: str) -> dict:
    return {
        "slug": slug,
        "title": f"Hostile body ({slug})",
        "summary": "An entry whose body came from an untrusted file.",
        "body": [{"paragraph": HOSTILE}],
        "countries": ["CN"],
        "status": "ongoing",
        "confidence": "low",
        "sources": [{"title": "A report", "url": "https://example.org/report"}],
    }


@pytest.fixture(scope="module")
def hostile_entries(site_url, site_manage, tmp_path_factory) -> dict[str, str]:
    """Two entries on the served site: one imported from a hostile file, one whose stored row holds the raw markup."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(yaml.safe_dump({"case_studies": [case_study(IMPORTED), case_study(STORED_BEFORE)]}), encoding="utf-8")
    site_manage("import_entries", str(path))
    raw_body = [{"type": "paragraph", "value": HOSTILE, "id": "0b1c2d3e-0000-4000-8000-000000000002"}]
    site_manage("shell", "-c", WRITE_RAW_BODY.format(slug=STORED_BEFORE, body=raw_body))
    return {IMPORTED: f"/case-studies/{IMPORTED}/", STORED_BEFORE: f"/case-studies/{STORED_BEFORE}/"}


@pytest.fixture(params=[False, True], ids=["policy enforced", "policy bypassed"])
def tab(request, chromium, site_url):
    """A tab that records every alert, confirm or prompt a script opens (and dismisses it)."""
    context = chromium.new_context(base_url=site_url, bypass_csp=request.param)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


@pytest.mark.parametrize("slug", [IMPORTED, STORED_BEFORE])
def test_a_hostile_body_shows_its_text_and_runs_nothing(tab, hostile_entries, slug):
    tab.goto(hostile_entries[slug], wait_until="load")

    body = tab.locator(".rich-text")
    expect(body).to_contain_text("ok")
    expect(body.get_by_text("x", exact=True)).to_be_visible()
    tab.wait_for_timeout(300)  # a late error event would open its alert by now
    assert tab.dialogs == []
    assert body.locator("script, img, iframe, [onerror], [onclick], a[href^='javascript:' i]").count() == 0


def test_the_policy_stops_inline_script_that_reaches_a_public_page(chromium, site_url):
    context = chromium.new_context(base_url=site_url)
    context.add_init_script(WATCH_POLICY)
    page = context.new_page()
    page.goto("/case-studies/hangzhou-city-brain/", wait_until="load")

    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.append(s); }")
    page.wait_for_function("window.__violations.length > 0")

    assert page.evaluate("window.__ran") is None
    assert "script-src-elem" in page.evaluate("window.__violations")
    context.close()
