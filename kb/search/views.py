"""The search page, its CSV export, and the JSON API. All of them call only kb.search.service."""

import csv

from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import service
from .forms import SearchForm
from .openapi import schema
from .query import FILTER_FACETS, MAX_QUERY_LENGTH, SORTS, SearchQuery, SearchResult

EXPORT_LIMIT = 5000
EXPORT_BATCH = 500
SORT_LABELS = {"relevance": "Relevance", "newest": "Newest first", "oldest": "Oldest first", "title": "Title A–Z"}
FACET_LABELS = {
    "type": "Type",
    "country": "Country",
    "city": "City",
    "domain": "Domain",
    "technology": "Technology",
    "theme": "Theme",
    "status": "Status",
    "year": "Year",
}


def _url(params: QueryDict, **changes) -> str:
    """The current query string with some parameters replaced (None removes them); page resets unless given."""
    updated = params.copy()
    updated.pop("page", None)
    for key, value in changes.items():
        updated.pop(key, None)
        if value is None:
            continue
        if isinstance(value, list):
            updated.setlist(key, value)
        else:
            updated[key] = value
    return "?" + updated.urlencode() if updated else "?"


def _facet_groups(params: QueryDict, query: SearchQuery, result: SearchResult) -> list[dict]:
    groups = []
    for facet in FILTER_FACETS:
        selected = query.filters.get(facet, [])
        items = []
        for item in result.facets.get(facet, []):
            values = [value for value in selected if value != item["value"]] if item["selected"] else [*selected, item["value"]]
            items.append({**item, "toggle_url": _url(params, **{facet: values or None})})
        if items:
            groups.append({"name": facet, "label": FACET_LABELS[facet], "items": items, "selected": bool(selected)})
    return groups


def _pagination(params: QueryDict, query: SearchQuery, total: int) -> dict:
    pages = max(1, -(-total // query.page_size))
    window = range(max(1, query.page - 2), min(pages, query.page + 2) + 1)

    def link(number: int) -> str:
        updated = params.copy()
        updated["page"] = str(number)
        return "?" + updated.urlencode()

    return {
        "current": query.page,
        "count": pages,
        "previous": link(query.page - 1) if query.page > 1 else None,
        "next": link(query.page + 1) if query.page < pages else None,
        "pages": [{"number": number, "url": link(number), "current": number == query.page} for number in window],
        "first_index": query.offset + 1 if total else 0,
        "last_index": min(query.offset + query.page_size, total),
    }


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    context = {"form": form, "search_query": request.GET.get("q", "")[:MAX_QUERY_LENGTH], "facet_labels": FACET_LABELS}
    if not form.is_valid():
        context["error"] = form.first_error()[0]
        return render(request, "search/search_page.html", context, status=400)
    query = form.to_query()
    result = service.search(query, request.user)
    params = request.GET.copy()
    active = [
        {
            "facet": FACET_LABELS[facet],
            "label": _label(result, facet, value),
            "remove_url": _url(params, **{facet: [v for v in values if v != value] or None}),
        }
        for facet, values in query.filters.items()
        for value in values
    ]
    if query.year_from or query.year_to:
        years = f"{query.year_from or '…'}–{query.year_to or '…'}"
        active.append({"facet": "Year", "label": years, "remove_url": _url(params, year_from=None, year_to=None)})
    context.update(
        query=query,
        result=result,
        facet_groups=_facet_groups(params, query, result),
        year_buckets=result.facets.get("year", []),
        active_filters=active,
        clear_filters_url=_url(QueryDict(mutable=True), q=query.text or None, sort=request.GET.get("sort") or None),
        sort_options=[{"value": sort, "label": SORT_LABELS[sort], "url": _url(params, sort=sort), "current": sort == query.sort} for sort in SORTS],
        pagination=_pagination(params, query, result.total),
        export_url="/search/export.csv" + _url(params, page_size=None),
        suggestion_links=[{"text": text, "url": _url(params, q=text)} for text in result.suggestions],
        broader_url=_url(QueryDict(mutable=True), q=query.text or None) if active else None,
        past_last_page_url=_url(params) if result.total and not result.hits else None,
    )
    return render(request, "search/search_page.html", context)


def _label(result: SearchResult, facet: str, value: str) -> str:
    return next((item["label"] for item in result.facets.get(facet, []) if item["value"] == value), value)


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


@require_GET
def api_search(request: HttpRequest) -> JsonResponse:
    form = SearchForm(request.GET)
    if not form.is_valid():
        message, field = form.first_error()
        return JsonResponse({"error": message, "field": field}, status=400)
    query = form.to_query()
    result = service.search(query, request.user)
    pages = max(1, -(-result.total // query.page_size))
    return JsonResponse(
        {
            "engine": result.engine,
            "query": query.text,
            "corrected_query": result.corrected_text or None,
            "fallback_reason": result.fallback_reason or None,
            "total": result.total,
            "page": query.page,
            "page_size": query.page_size,
            "pages": pages,
            "next": request.path + _url(request.GET, page=str(query.page + 1)) if query.page < pages else None,
            "previous": request.path + _url(request.GET, page=str(query.page - 1)) if query.page > 1 else None,
            "results": [hit.as_dict() for hit in result.hits],
            "facets": result.facets,
            "suggestions": result.suggestions,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def api_suggest(request: HttpRequest) -> JsonResponse:
    prefix = request.GET.get("q", "")
    if len(prefix) > 200:
        return JsonResponse({"error": "q: keep suggestions queries under 200 characters.", "field": "q"}, status=400)
    if "\x00" in prefix:
        return JsonResponse({"error": "q: Null characters are not allowed.", "field": "q"}, status=400)
    return JsonResponse({"query": prefix, "suggestions": service.suggest(prefix, request.user)}, json_dumps_params={"ensure_ascii": False})


@require_GET
def api_schema(request: HttpRequest) -> JsonResponse:
    return JsonResponse(schema(request.build_absolute_uri("/")), json_dumps_params={"ensure_ascii": False, "indent": 2})
