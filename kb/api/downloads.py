"""`?format=csv` on the pages that list entries: what the page shows, across all its pages, as a streamed CSV.

The list pages are Wagtail pages (answered from the `on_serve_page` hook) and the profiles and search are Django
views (answered from CsvDownloadMiddleware, by URL name), so the catalog's views stay unaware of downloads.
"""

from collections.abc import Callable, Iterator

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404

from kb.csvexport import streaming_csv_response
from kb.search import service
from kb.search.forms import SearchForm
from projects.listing import LISTINGS, build_listing
from projects.models import AgreementPage, CaseStudyPage, City, Country, Organisation, SolutionPage, Theme
from projects.models.index_pages import IndexPage
from projects.visibility import visible_entries

from .tables import ENTRY_COLUMNS, ROWS, entries_in_order, entry_row, entry_rows

SEARCH_LIMIT = 5000  # the deepest a search pages (kb.search.query.MAX_RESULT_WINDOW)
SEARCH_BATCH = 500
NEWEST = ("-first_published_at", "-pk")


def wants_csv(request: HttpRequest) -> bool:
    return request.method == "GET" and request.GET.get("format") == "csv"


def _entries_csv(filename: str, request: HttpRequest, *entry_lists) -> HttpResponse:
    """One CSV of entries, list after list (a profile's case studies, then its agreements...)."""

    def rows() -> Iterator[list]:
        for entries in entry_lists:
            yield from entry_rows(entries, request)

    return streaming_csv_response(filename, ENTRY_COLUMNS, rows())


def index_page_csv(page, request: HttpRequest) -> HttpResponse | None:
    """The filtered, sorted list of an entry index page, every page of it."""
    spec = LISTINGS.get(page.specific_class.entry_type)
    if spec is None:
        return None
    entries = build_listing(spec, request).page.paginator.object_list
    return streaming_csv_response(f"{page.slug}.csv", ENTRY_COLUMNS, entry_rows(entries, request))


def _visible(model, request, **filters):
    return visible_entries(model, request).filter(**filters).order_by(*NEWEST)


def country_csv(request: HttpRequest, code: str) -> HttpResponse:
    country = get_object_or_404(Country, code=code.upper())
    return _entries_csv(
        f"country-{country.code.lower()}.csv",
        request,
        _visible(CaseStudyPage, request, countries=country),
        _visible(AgreementPage, request, party_countries=country),
    )


def city_csv(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    return _entries_csv(f"city-{city.slug}.csv", request, _visible(CaseStudyPage, request, cities=city))


def organisation_csv(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    partnered = visible_entries(CaseStudyPage, request).filter(partners__organisation=organisation).values("pk")
    return _entries_csv(
        f"organisation-{organisation.slug}.csv",
        request,
        CaseStudyPage.objects.filter(pk__in=partnered).order_by(*NEWEST),
        _visible(SolutionPage, request, vendor=organisation),
        _visible(AgreementPage, request, party_organisations=organisation),
    )


def theme_csv(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme, slug=slug)
    return _entries_csv(f"theme-{theme.slug}.csv", request, _visible(CaseStudyPage, request, themes=theme))


ENTRY_MODELS = {model.entry_type: model for model in (CaseStudyPage, AgreementPage, SolutionPage)}


def _search_rows(request: HttpRequest, query) -> Iterator[list]:
    """Every hit of the search in its order, batch by batch; entries with the full columns, records with what a hit has."""
    query.page_size = SEARCH_BATCH
    for page in range(1, SEARCH_LIMIT // SEARCH_BATCH + 1):
        query.page = page
        result = service.search(query, request.user)
        entries = {}
        for entry_type, model in ENTRY_MODELS.items():
            slugs = [hit.slug for hit in result.hits if hit.type == entry_type]
            entries.update({(entry_type, entry.slug): entry for entry in entries_in_order(model, slugs, request)} if slugs else {})
        for hit in result.hits:
            entry = entries.get((hit.type, hit.slug))
            if entry is not None:
                yield entry_row(entry, request, ROWS[type(entry)](entry))
            elif hit.type not in ENTRY_MODELS:
                yield [hit.type, hit.slug, hit.title, request.build_absolute_uri(hit.url), *[""] * (len(ENTRY_COLUMNS) - 5), hit.summary]
        if page * SEARCH_BATCH >= result.total or len(result.hits) < SEARCH_BATCH:
            return


def search_csv(request: HttpRequest) -> HttpResponse:
    """Every result of the search (up to SEARCH_LIMIT), whatever page the reader was on; a 400 with the reason otherwise."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        message, field = form.first_error()
        return JsonResponse({"error": message, "field": field}, status=400)
    return streaming_csv_response("search-results.csv", ENTRY_COLUMNS, _search_rows(request, form.to_query()))


# Django views whose `?format=csv` is answered here, by URL name; the view's own arguments are passed on.
VIEW_DOWNLOADS: dict[str, Callable[..., HttpResponse]] = {
    "country_profile": country_csv,
    "city_profile": city_csv,
    "organisation_profile": organisation_csv,
    "theme_profile": theme_csv,
    "search": search_csv,
}


class CsvDownloadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        name = match.url_name if match else None
        if name in VIEW_DOWNLOADS and wants_csv(request):
            return VIEW_DOWNLOADS[name](request, *view_args, **view_kwargs)
        return None


def serve_index_pages_as_csv(serve_next):
    """The `on_serve_page` hook (after Wagtail's own checks): an entry index page asked for `?format=csv` answers with
    its list. Not `before_serve_page`, which passes on only non-streaming responses."""

    def serve(page, request, args, kwargs):
        if wants_csv(request) and issubclass(page.specific_class, IndexPage):
            return index_page_csv(page, request) or serve_next(page, request, args, kwargs)
        return serve_next(page, request, args, kwargs)

    return serve
