"""A planner refines results with the facets, the keyboard alone, and shares the URL."""

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect


def result_total(page) -> int:
    return int(re.match(r"\d+", page.locator("#results-heading").inner_text().strip()).group())  # "57 results, page 1 of 3"


def test_choosing_a_country_facet_narrows_the_results_and_the_url_can_be_shared(page, chromium, site_url):
    page.goto("/search/?q=safe+city")
    before = result_total(page)
    page.locator(".search-facets details", has_text="Country").locator("a", has_text="Philippines").click()

    expect(page).to_have_url(re.compile(r"country=PH"))
    after = result_total(page)
    assert 0 < after < before
    expect(page.locator(".facet__link--selected", has_text="Philippines")).to_have_attribute("aria-current", "true")
    expect(page.locator(".active-filters")).to_contain_text("Philippines")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["safe city"]

    shared = chromium.new_context(base_url=site_url).new_page()  # someone else opens the link
    shared.goto(page.url)
    assert result_total(shared) == after
    expect(shared.locator(".search-hit__title").first).to_have_text(page.locator(".search-hit__title").first.inner_text())
    shared.context.close()


def test_matches_are_highlighted_in_the_snippets(page):
    page.goto("/search/?q=facial+recognition")
    marks = page.locator(".search-hit__snippet mark")
    expect(marks.first).to_be_visible()
    assert re.search(r"fac|recogni", marks.first.inner_text(), re.IGNORECASE)


def test_a_search_can_be_run_and_refined_with_the_keyboard_alone(page):
    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="ASEAN-China Smart City Knowledge Base")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator(".language-switcher a[hreflang='zh-hans']")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#site-search-q")).to_be_focused()
    page.keyboard.type("data exchange")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=data\+exchange"))

    facet = page.locator(".search-facets details", has_text="Type").locator("a", has_text="Case study")
    facet.focus()
    expect(facet).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"type=case_study"))
    for type_label in page.locator(".search-hit__type").all_inner_texts():
        assert type_label.lower() == "case study"  # styled in capitals


def test_the_skip_link_moves_the_focus_to_the_content(page):
    page.goto("/case-studies/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # visible when focused, not only to screen readers
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
