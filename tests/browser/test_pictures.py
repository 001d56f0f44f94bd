"""Officials see the comparison, the lessons hub and the maps drawn in Chromium, each picture with its figures beside it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import violations

COUNTRIES = "/compare/?country=SG&country=CN&country=MY"
CASES = "/compare/cases/?case=hangzhou-city-brain&case=kuala-lumpur-city-brain&case=virtual-singapore"
NEW_PAGES = [
    COUNTRIES,
    CASES,
    "/compare/cases/?case=hangzhou-city-brain",
    "/lessons/",
    "/lessons/?country=LA",
    "/",
    "/countries/mm/",
    "/cities/hangzhou/",
]


def drawn(page, selector: str) -> int:
    """How many of these picture elements the library drew into (a canvas inside each)."""
    pictures = page.locator(selector)
    for index in range(pictures.count()):
        pictures.nth(index).locator("canvas").first.wait_for(state="attached")
    return page.locator(f"{selector} canvas").count()


def test_the_country_comparison_draws_its_charts_and_heat_maps_with_their_tables(page):
    page.goto(COUNTRIES)
    charts = page.locator("[data-chart]")
    assert charts.count() == 7
    assert drawn(page, "[data-chart]") >= 7
    heat_map = page.locator("#domain-heatmap").locator("xpath=..")
    heat_map.get_by_text("Figures: Heat map: country by domain").click()
    table = heat_map.get_by_role("table")
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader", name="Malaysia")).to_be_visible()
    assert table.locator("tbody tr").count() >= 5


def test_the_home_page_draws_the_map_and_lists_its_cities(page):
    page.goto("/")
    assert drawn(page, "[data-map]") >= 1
    page.get_by_text("The places on the map").click()
    expect(page.locator(".map__places").get_by_role("link", name="Hangzhou")).to_be_visible()


def test_case_studies_side_by_side_and_by_keyboard_a_case_is_removed(page):
    page.goto(CASES)
    headers = page.locator("thead th")
    expect(headers).to_have_count(4)
    expect(page.get_by_role("row", name="Lessons by theme")).to_be_visible()
    remove = page.get_by_role("link", name="Remove Virtual Singapore")
    remove.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/compare/cases/\?case=hangzhou-city-brain&case=kuala-lumpur-city-brain$"))


def test_the_figures_open_from_the_keyboard(page):
    page.goto(COUNTRIES)
    summary = page.locator("summary", has_text="Figures: Case studies by domain")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#by-domain").locator("xpath=..").get_by_role("table")).to_be_visible()


def test_printed_comparisons_show_every_table(page):
    page.goto(COUNTRIES)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(page.locator("details.chart__figures:not([open])")).to_have_count(0)


@pytest.mark.parametrize("path", NEW_PAGES)
def test_new_pages_have_no_wcag_violations(page, path):
    page.goto(path)
    page.wait_for_load_state("networkidle")
    assert violations(page) == []


@pytest.mark.parametrize("path", [COUNTRIES, CASES, "/lessons/", "/", "/countries/mm/"])
def test_new_pages_fit_a_phone_without_sideways_scrolling(phone, path):
    phone.goto(path)
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("document.documentElement.scrollWidth") <= phone.evaluate("window.innerWidth")
