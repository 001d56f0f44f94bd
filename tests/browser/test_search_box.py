"""Planners search as they type: suggestions they can pick with the keyboard, announced to screen readers."""

import re

from playwright.sync_api import expect

OPTIONS = "#search-suggestions [role=option]"


def type_in_search_box(page, text: str):
    box = page.get_by_role("combobox", name="Search for")
    box.click()
    box.press_sequentially(text, delay=40)
    return box


def test_suggestions_appear_as_you_type_and_the_keyboard_picks_one(page):
    page.goto("/search/")
    box = type_in_search_box(page, "hangzhou ci")

    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.locator(OPTIONS).first).to_contain_text("Hangzhou City Brain")
    expect(page.locator("#search-suggestions-status")).to_contain_text("suggestion")

    box.press("ArrowDown")
    first = page.locator(OPTIONS).first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))

    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/case-studies/hangzhou-city-brain/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hangzhou City Brain")


def test_arrow_keys_move_through_the_suggestions_and_wrap_around(page):
    page.goto("/search/")
    box = type_in_search_box(page, "safe")
    expect(page.locator(OPTIONS).first).to_be_visible()
    count = page.locator(OPTIONS).count()
    assert count >= 2

    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(page.locator(OPTIONS).nth(1)).to_have_attribute("aria-selected", "true")
    expect(page.locator(OPTIONS).first).to_have_attribute("aria-selected", "false")
    box.press("ArrowUp")
    box.press("ArrowUp")
    expect(page.locator(OPTIONS).nth(count - 1)).to_have_attribute("aria-selected", "true")


def test_escape_closes_the_suggestions_and_enter_searches_what_was_typed(page):
    page.goto("/search/")
    box = type_in_search_box(page, "city brain")
    expect(page.locator(OPTIONS).first).to_be_visible()

    box.press("Escape")
    expect(page.get_by_role("listbox", name="Suggestions")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=city\+brain$"))
    expect(page.locator(".search-hit__title").first).to_contain_text("City Brain")


def test_a_chinese_name_suggests_the_entry(page):
    page.goto("/search/")
    type_in_search_box(page, "城市大脑")
    expect(page.locator(OPTIONS).first).to_contain_text("Hangzhou City Brain")


def test_a_suggestion_can_be_chosen_with_the_mouse_too(page):
    page.goto("/search/")
    type_in_search_box(page, "tianjin eco")
    page.locator(OPTIONS, has_text="Sino-Singapore Tianjin Eco-City").first.click()
    expect(page).to_have_url(re.compile(r"/case-studies/tianjin-eco-city/$"))
