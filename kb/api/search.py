"""The search API: /api/search/ and /api/search/suggest/, answered by kb.search.service with the search page's rules.

The parameters are declared here for the schema; SearchForm (shared with the page and its export) then applies the
rules a schema cannot say (the year range's order, the deepest reachable result) and answers a 400 with the reason.
"""

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field, create_model

from kb.search import schema as search_schema
from kb.search import service
from kb.search.forms import MAX_QUERY_INPUT, MAX_VALUE_LENGTH, MAX_VALUES_PER_FACET, SearchForm
from kb.search.query import DEFAULT_PAGE_SIZE, DOC_TYPES, FILTER_FACETS, MAX_PAGE_SIZE, MAX_RESULT_WINDOW, SORTS

from .responses import bad_request, list_responses

router = Router(tags=["search"])
MAX_SUGGEST_INPUT = 200

FacetValues = list[Annotated[str, Field(max_length=MAX_VALUE_LENGTH)]]


def _facet_field(facet: str):
    description = search_schema.FACETS[facet].description
    return (
        FacetValues,
        Field([], max_length=MAX_VALUES_PER_FACET, description=f"{description}. Repeat or separate with commas: values OR-ed, facets AND-ed"),
    )


SearchParams = create_model(
    "SearchParams",
    __base__=Schema,
    q=(str, Field("", max_length=MAX_QUERY_INPUT, description='Words (all must match), "phrases", -excluded words, OR. Chinese works.')),
    **{facet: _facet_field(facet) for facet in FILTER_FACETS},
    year_from=(int | None, Field(None, ge=1900, le=2100)),
    year_to=(int | None, Field(None, ge=1900, le=2100, description="Not before year_from (a 400 otherwise)")),
    sort=(Literal[tuple(SORTS)], Field("relevance")),
    page=(int, Field(1, ge=1, le=MAX_RESULT_WINDOW, description=f"page × page_size may not pass {MAX_RESULT_WINDOW} (a 400 otherwise)")),
    page_size=(int, Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)),
    country_match=(
        Literal["all", "any"] | None,
        Field(
            None,
            description='Several countries: "any" gives entries of any of them, "all" only entries of all of them (agreements '
            'between them). Default "any", or "all" when type is only agreement, as on the agreements list',
        ),
    ),
)


class Hit(Schema):
    type: Literal[tuple(DOC_TYPES)]
    slug: str
    title: str
    url: str = Field(description="Path of the entry's page on this site")
    summary: str
    highlights: list[str] = Field(description="HTML-escaped fragments; matched words are wrapped in <mark> elements")


class FacetValue(Schema):
    value: str
    label: str
    count: int
    selected: bool


class SearchResponse(Schema):
    engine: str
    query: str
    corrected_query: str | None = Field(description="Set when nothing matched as typed and a correction was searched")
    fallback_reason: str | None
    total: int
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None
    results: list[Hit]
    facets: dict[str, list[FacetValue]]
    suggestions: list[str] = Field(description="Did-you-mean alternatives")


class Suggestion(Schema):
    text: str
    url: str
    type: str


class SuggestResponse(Schema):
    query: str
    suggestions: list[Suggestion]


def _link(request: HttpRequest, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return f"{request.path}?{params.urlencode()}"


@router.get("/", response=list_responses(SearchResponse), operation_id="search", summary="Search the knowledge base", url_name="api_search")
def search(request: HttpRequest, params: Query[SearchParams]) -> Any:  # type: ignore[valid-type]
    form = SearchForm(request.GET)
    if not form.is_valid():
        return bad_request(*form.first_error())
    query = form.to_query()
    result = service.search(query, request.user)
    pages = max(1, -(-result.total // query.page_size))
    return {
        "engine": result.engine,
        "query": query.text,
        "corrected_query": result.corrected_text or None,
        "fallback_reason": result.fallback_reason or None,
        "total": result.total,
        "page": query.page,
        "page_size": query.page_size,
        "pages": pages,
        "next": _link(request, query.page + 1) if query.page < pages else None,
        "previous": _link(request, query.page - 1) if query.page > 1 else None,
        "results": [hit.as_dict() for hit in result.hits],
        "facets": result.facets,
        "suggestions": result.suggestions,
    }


class SuggestParams(Schema):
    q: str = Field(max_length=MAX_SUGGEST_INPUT, description="What has been typed so far; empty gives no suggestions")


@router.get(
    "/suggest/",
    response=list_responses(SuggestResponse),
    operation_id="suggest",
    summary="Titles completing what is being typed",
    url_name="api_search_suggest",
)
def suggest(request: HttpRequest, params: Query[SuggestParams]) -> Any:
    if "\x00" in params.q:
        return bad_request("q: Null characters are not allowed.", "q")
    return {"query": params.q, "suggestions": service.suggest(params.q, request.user)}
