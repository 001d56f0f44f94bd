"""Public pages meet WCAG 2.1 AA as far as axe-core can tell, in the real browser."""

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}
PAGES = [
    "/",
    "/case-studies/",
    "/case-studies/?country=SG&domain=governance",
    "/case-studies/hangzhou-city-brain/",
    "/agreements/",
    "/agreements/rcep/",
    "/solutions/",
    "/solutions/huawei-safe-city/",
    "/countries/",
    "/countries/cn/",
    "/cities/",
    "/cities/hangzhou/",
    "/organisations/",
    "/organisations/huawei/",
    "/themes/",
    "/themes/governance-first/",
    "/compare/",
    "/compare/?country=SG&country=CN&country=VN",
    "/compare/?country=SG&country=ZZ",
    "/search/",
    "/search/?q=city+brain",
    "/search/?q=safe+city&country=PH&sort=newest",
    "/search/?q=zzqxv+wompf",
    "/no-such-page/",
    # The same site in Chinese: its own lang marks, the language switcher, English fallbacks marked lang="en".
    "/zh-hans/",
    "/zh-hans/case-studies/",
    "/zh-hans/case-studies/hangzhou-city-brain/",
    "/zh-hans/agreements/rcep/",
    "/zh-hans/countries/cn/",
    "/zh-hans/compare/?country=SG&country=CN&country=VN",
    "/zh-hans/search/?q=city+brain",
]


def violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG_21_AA).response
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at {[node['target'] for node in violation['nodes'][:3]]}"
        for violation in results["violations"]
    ]


@pytest.mark.parametrize("path", PAGES)
def test_public_page_has_no_wcag_violations(page, path):
    page.goto(path)
    assert violations(page) == []


def test_the_search_box_with_suggestions_open_has_no_wcag_violations(page):
    page.goto("/search/?q=city")
    box = page.get_by_role("combobox", name="Search for")
    box.fill("")
    box.press_sequentially("city br", delay=40)
    page.locator("#search-suggestions [role=option]").first.wait_for()
    assert violations(page) == []


def test_pages_are_usable_at_twice_the_text_size(chromium, site_url):
    """WCAG 1.4.4: text resized to 200% keeps content and controls, with no sideways scrolling at phone width.

    The larger text stands for the reader's own style sheet, which browsers apply whatever the page's
    Content-Security-Policy says; Playwright can only add it as page CSS, so this tab bypasses the policy."""
    context = chromium.new_context(base_url=site_url, viewport={"width": 640, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto("/case-studies/hangzhou-city-brain/")
    page.add_style_tag(content="html { font-size: 200% !important; }")
    assert page.evaluate("document.documentElement.scrollWidth") <= 640
    assert page.get_by_role("heading", level=1).is_visible()
    context.close()
