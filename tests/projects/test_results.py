"""The one shape of a list of results: links that toggle a facet, remove a filter or clear them all, and pages."""

from django.core.paginator import Paginator
from django.http import QueryDict
from django.template.loader import render_to_string
from django.test import RequestFactory

from projects.results import FacetOption, FacetResult, ResultList, SortChoice


def results(query: str, page: int = 1, total: int = 40) -> ResultList:
    params = QueryDict(query, mutable=True)
    countries = FacetResult(
        "country",
        "Country",
        [FacetOption(code, name, 3, code in params.getlist("country")) for code, name in [("SG", "Singapore"), ("TH", "Thailand")]],
    )
    paginator = Paginator(range(total), 2)
    return ResultList(paginator.page(min(page, paginator.num_pages)), params, [countries], [SortChoice("title", "Title")], "title")


def test_an_option_link_adds_or_removes_that_value_and_keeps_the_rest():
    listing = results("q=cctv&country=SG&sort=title")
    singapore, thailand = listing.facets[0].options
    assert singapore.link == "?q=cctv&sort=title"
    assert thailand.link == "?q=cctv&country=SG&country=TH&sort=title"
    assert [(active.facet, active.label, active.query.urlencode()) for active in listing.active_filters] == [
        ("Country", "Singapore", "q=cctv&sort=title")
    ]


def test_removing_the_only_parameter_links_to_the_bare_list():
    [singapore, _thailand] = results("country=SG").facets[0].options
    assert singapore.link == ""


def test_a_filter_that_is_not_an_option_joins_the_active_filters_and_clearing_removes_it_too():
    listing = results("q=cctv&country=SG&year_from=2019")
    listing.add_filter("Year", "2019–…", "year_from", "year_to")
    assert listing.active_filters[-1].query.urlencode() == "q=cctv&country=SG"
    assert listing.cleared.urlencode() == "q=cctv"


def test_pagination_shows_the_ends_and_the_pages_around_the_current_one():
    request = RequestFactory().get("/case-studies/", {"country": "SG", "junk": "1"})
    html = render_to_string("components/pagination.html", {"results": results("country=SG", page=10)}, request=request)
    assert [number for number in results("country=SG", page=10).page_range] == [1, "…", 8, 9, 10, 11, 12, "…", 20]
    assert 'href="?country=SG&amp;page=9" rel="prev"' in html
    assert '<a href="?country=SG&amp;page=10" aria-current="page">' in html
    assert 'href="?country=SG&amp;page=20"' in html and "junk" not in html


def test_a_page_past_the_last_offers_no_page_numbers():
    listing = results("q=x", total=40)
    listing.page.number = 30  # what search does when asked for page 30 of 20
    assert listing.past_last_page and listing.page_range == []
