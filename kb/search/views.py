"""The search page; it calls only kb.search.service. Its CSV download (?format=csv) and JSON API are in kb.api.

The page is the same for every reader of one address in one language (it shows nothing of the user: the index is
public), so it is kept, rendered, under the catalog version (kb.cache); a page answered by the fallback engine
is not.
"""

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from kb.cache import cached
from projects.results import FacetOption, FacetResult, ResultList, SortChoice

from . import schema, service
from .forms import SearchForm
from .query import FILTER_FACETS, MAX_QUERY_LENGTH, MAX_RESULT_WINDOW, SearchQuery, SearchResult

SORTS = [
    SortChoice("relevance", _("Relevance")),
    SortChoice("newest", _("Newest first")),
    SortChoice("oldest", _("Oldest first")),
    SortChoice("title", _("Title A–Z")),
]


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    context = {"form": form, "search_query": request.GET.get("q", "")[:MAX_QUERY_LENGTH]}
    if not form.is_valid():
        context["error"] = form.first_error()[0]
        return render(request, "search/search_page.html", context, status=400)

    def rendered() -> tuple[str, bool]:
        query = form.to_query()
        result = service.search(query, request.user)
        results = result_list(form.link_params(), query, result)
        context.update(query=query, result=result, results=results, year_buckets=result.facets.get("year", []))
        return render_to_string("search/search_page.html", context, request), not result.fallback_reason

    # The absolute address: the page links its other languages' addresses with the host it was asked on.
    html, _complete = cached("search-page", (request.build_absolute_uri(), get_language()), rendered, keep=lambda page: page[1])
    return HttpResponse(html)


def result_list(params, query: SearchQuery, result: SearchResult) -> ResultList:
    """The engine's page of hits in the shape every list of results takes, so the same components render it."""
    # Only the first MAX_RESULT_WINDOW results can be paged through: pagination offers no page beyond them.
    paginator = Paginator(range(min(result.total, MAX_RESULT_WINDOW)), query.page_size)
    facets = [
        FacetResult(facet, schema.FACETS[facet].label, [FacetOption(item["value"], item["label"], item["count"], item["selected"]) for item in items])
        for facet in FILTER_FACETS
        if (items := result.facets.get(facet))
    ]
    for facet in facets:
        if facet.param == "country" and len(query.filters.get("country", [])) > 1:
            # With several countries the reader sees, and may change, how they combine.
            facet.match_param, facet.match = "country_match", query.country_match
    results = ResultList(Page(result.hits, query.page, paginator), params, facets, SORTS, query.sort, count=result.total)
    if query.year_from or query.year_to:
        years = f"{query.year_from or '…'}–{query.year_to or '…'}"
        results.add_filter(str(schema.FACETS["year"].label), years, "year_from", "year_to")
    return results
