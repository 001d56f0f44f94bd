"""The search page and its CSV export (the JSON API is in kb.api). Both call only kb.search.service."""

import csv

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from projects.results import FacetOption, FacetResult, ResultList, SortChoice

from . import schema, service
from .forms import SearchForm
from .query import FILTER_FACETS, MAX_QUERY_LENGTH, MAX_RESULT_WINDOW, SearchQuery, SearchResult

EXPORT_LIMIT = 5000
EXPORT_BATCH = 500
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
    query = form.to_query()
    result = service.search(query, request.user)
    results = result_list(form.link_params(), query, result)
    context.update(
        query=query,
        result=result,
        results=results,
        year_buckets=result.facets.get("year", []),
    )
    return render(request, "search/search_page.html", context)


def result_list(params, query: SearchQuery, result: SearchResult) -> ResultList:
    """The engine's page of hits in the shape every list of results takes, so the same components render it."""
    # Only the first MAX_RESULT_WINDOW results can be paged through: pagination offers no page beyond them.
    paginator = Paginator(range(min(result.total, MAX_RESULT_WINDOW)), query.page_size)
    facets = [
        FacetResult(facet, schema.FACETS[facet].label, [FacetOption(item["value"], item["label"], item["count"], item["selected"]) for item in items])
        for facet in FILTER_FACETS
        if (items := result.facets.get(facet))
    ]
    results = ResultList(Page(result.hits, query.page, paginator), params, facets, SORTS, query.sort, count=result.total)
    if query.year_from or query.year_to:
        years = f"{query.year_from or '…'}–{query.year_to or '…'}"
        results.add_filter(str(schema.FACETS["year"].label), years, "year_from", "year_to")
    return results


def _csv_cell(value: str) -> str:
    """Neutralise spreadsheet formulas in exported text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    """Every result of the query (up to EXPORT_LIMIT), whatever page the reader was on."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        message, field = form.first_error()
        return JsonResponse({"error": message, "field": field}, status=400)
    query = form.to_query()
    query.page_size = EXPORT_BATCH
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="search-results.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8 (Chinese names)
    writer = csv.writer(response)
    writer.writerow(["type", "slug", "title", "url", "summary"])
    written = 0
    for page in range(1, EXPORT_LIMIT // EXPORT_BATCH + 1):
        query.page = page
        result = service.search(query, request.user)
        for hit in result.hits:
            writer.writerow([hit.type, hit.slug, _csv_cell(hit.title), request.build_absolute_uri(hit.url), _csv_cell(hit.summary)])
        written += len(result.hits)
        if written >= result.total or len(result.hits) < EXPORT_BATCH:
            break
    return response
