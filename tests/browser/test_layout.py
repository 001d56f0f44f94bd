"""Entries read well on a phone and on paper."""

import pytest
from playwright.sync_api import expect

PHONE_PAGES = [
    "/",
    "/case-studies/",
    "/case-studies/hangzhou-city-brain/",
    "/agreements/rcep/",
    "/countries/cn/",
    "/compare/?country=SG&country=CN&country=VN&country=TH",
    "/search/?q=city+brain",
]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_on_a_phone_pages_fit_the_screen_without_sideways_scrolling(phone, path):
    phone.goto(path)
    width = phone.evaluate("window.innerWidth")
    assert phone.evaluate("document.documentElement.scrollWidth") <= width
    expect(phone.get_by_role("heading", level=1)).to_be_in_viewport()
    expect(phone.get_by_role("navigation", name="Main", exact=True)).to_be_attached()


def test_on_a_phone_the_facets_and_the_results_stack_in_one_column(phone):
    phone.goto("/search/?q=city+brain")
    results = phone.locator(".search-results").bounding_box()
    facets = phone.locator(".search-facets").bounding_box()
    assert facets["x"] < 40 and results["x"] < 40  # one column, not squeezed side by side


def test_a_printed_entry_keeps_the_content_and_sources_and_drops_the_navigation(page):
    page.goto("/case-studies/hangzhou-city-brain/")
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".sources")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main", exact=True)).to_be_hidden()
    expect(page.locator(".site-search")).to_be_hidden()
    first_source = page.locator(".sources a[href^='http']").first
    href = first_source.get_attribute("href")
    spelled_out = first_source.evaluate("link => getComputedStyle(link, '::after').content")
    assert href in spelled_out  # the paper copy shows where to check the claim
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
