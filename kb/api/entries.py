"""Case studies, agreements and solutions: the list pages' filters, sorts and visibility, as JSON.

Records are the import/export format's (the serializers in projects.importers dump them), plus where the entry
lives and when its revision was published. Links to other entries name only entries the caller may see.
"""

from typing import Annotated, Literal

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field, create_model

from projects.importers.serializers import BY_TYPE
from projects.listing import (
    AGREEMENT_LISTING,
    CASE_STUDY_LISTING,
    MAX_VALUE_LENGTH,
    MAX_VALUES_PER_FACET,
    SOLUTION_LISTING,
    ListingSpec,
    build_listing,
)
from projects.models import CaseStudyPage
from projects.visibility import visible_entries

from . import schemas
from .paging import PageParams, paged
from .responses import add_list_and_one, not_found

router = Router(tags=["entries"])

# Relations that point at other entries: prefetched through the caller's visibility, so hidden entries are never named.
ENTRY_LINKS = {"agreement": {"related_case_studies": CaseStudyPage}, "solution": {"deployments": CaseStudyPage}}


def filter_params(name: str, spec: ListingSpec) -> type[Schema]:
    """The query parameters of one list page, declared from its ListingSpec: each facet, the sort, the page."""
    value = Annotated[str, Field(max_length=MAX_VALUE_LENGTH)]
    fields = {
        facet.param: (
            list[value],
            Field([], max_length=MAX_VALUES_PER_FACET, description=f"{facet.label}: repeat to combine values with OR; unknown values are ignored"),
        )
        for facet in spec.facets
    }
    for facet in spec.facets:
        if facet.match_param:
            fields[facet.match_param] = (
                Literal["all", "any"] | None,
                Field(None, description=f"Several {facet.param} values: entries of all of them or of any of them (default {facet.default_match})"),
            )
    sort_keys = tuple(sort.key for sort in spec.sorts)
    fields["sort"] = (Literal[sort_keys], Field(sort_keys[0], description=", ".join(f"{sort.key}: {sort.label}" for sort in spec.sorts)))
    return create_model(f"{name}Filters", __base__=PageParams, **fields)


def facet_option(option) -> dict:
    return {"value": option.value, "label": str(option.label), "count": option.count, "selected": option.selected}


def entry_record(serializer, entry, request: HttpRequest) -> dict:
    return {
        **serializer.dump(entry),
        "url": request.build_absolute_uri(entry.get_url(request)),
        "first_published": entry.first_published_at,
        "last_published": entry.last_published_at,
    }


def with_records(queryset, entry_type: str, request: HttpRequest):
    """`queryset` with everything its records read fetched up front: a fixed number of queries per page."""
    serializer = BY_TYPE[entry_type]
    links = ENTRY_LINKS.get(entry_type, {})
    prefetches = [
        Prefetch(lookup, queryset=visible_entries(links[lookup], request).only("pk", "slug")) if lookup in links else lookup
        for lookup in serializer.prefetch
    ]
    return queryset.select_related(*serializer.select).prefetch_related(*prefetches)


def _register(path: str, entry_type: str, spec: ListingSpec, name: str, record, listing_schema) -> None:
    serializer = BY_TYPE[entry_type]
    params = filter_params(name, spec)

    def list_entries(request: HttpRequest, filters: Query[params]):  # type: ignore[valid-type]
        listing = build_listing(spec, request)
        results = with_records(listing.page.paginator.object_list, entry_type, request)
        page = paged(request, results, listing.total, filters.page, filters.page_size)
        page["results"] = [entry_record(serializer, entry, request) for entry in page["results"]]
        facets = {facet.param: [facet_option(option) for option in facet.options] for facet in listing.facets}
        return {**page, "facets": facets, "messages": listing.messages}

    def one_entry(request: HttpRequest, slug: str):
        entry = with_records(visible_entries(spec.model, request), entry_type, request).filter(slug=slug).first()
        if entry is None:
            return not_found(f"No {spec.model._meta.verbose_name} with the slug {slug!r} that you may see.")
        return entry_record(serializer, entry, request)

    label = str(spec.model._meta.verbose_name_plural)
    add_list_and_one(router, path, entry_type, (list_entries, one_entry), (listing_schema, record), (f"List {label}", f"One of the {label}"))


_register("/case-studies/", "case_study", CASE_STUDY_LISTING, "CaseStudy", schemas.CaseStudy, schemas.CaseStudyList)
_register("/agreements/", "agreement", AGREEMENT_LISTING, "Agreement", schemas.Agreement, schemas.AgreementList)
_register("/solutions/", "solution", SOLUTION_LISTING, "Solution", schemas.Solution, schemas.SolutionList)
