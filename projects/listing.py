"""List filtering for the three index pages: combinable facets with counts, sorting and pagination.

A facet's option counts are computed with every *other* selected facet applied (disjunctive faceting),
so a reader sees how many results each option would give. Values inside one facet are OR-ed,
facets are AND-ed. Unknown values are ignored and reported, never a 500.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count
from django.db.models.functions import Substr
from django.http import HttpRequest, QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext as translate
from django.utils.translation import gettext_lazy as _

from . import counting
from .models import AgreementPage, CaseStudyPage, City, Country, Domain, Organisation, SolutionPage, Technology, Theme
from .results import MATCH_ALL, MATCH_ANY, FacetOption, FacetResult, ResultList
from .visibility import Visibility

PAGE_SIZE = 20
MAX_VALUES_PER_FACET = 50
MAX_VALUE_LENGTH = 120


class Facet:
    """One filterable dimension of a list: reads its GET values, filters a queryset, counts its options."""

    match_param = ""  # the parameter choosing whether several values mean all of them or any of them (when they may)
    default_match = MATCH_ANY

    def __init__(self, param: str, label: str):
        self.param = param
        self.label = label

    def clean(self, raw_values: list[str]) -> tuple[list[str], list[str]]:
        """Split requested values into (known, unknown)."""
        raise NotImplementedError

    def apply(self, queryset, values: list[str], visibility: Visibility):
        raise NotImplementedError

    def options(self, queryset, selected: list[str], visibility: Visibility) -> list[FacetOption]:
        raise NotImplementedError

    def counted_options(self, counts: dict[str, int], selected: list[str]) -> list[FacetOption]:
        """The options from counts made elsewhere ({value: entries}, as counting.FacetCounts gives them)."""
        raise NotImplementedError


class RelatedFacet(Facet):
    """Options are rows of a model (countries, cities, organisations...) the entries point at.

    `lookup` goes from the entry to the option model; `reverse` goes from the option model back to the entry.
    """

    def __init__(
        self,
        param: str,
        label: str,
        option_model: type[models.Model],
        lookup: str,
        reverse: str,
        key: str = "slug",
        label_field: str = "name",
        match_all_by_default: bool | None = None,  # None: several values always mean any of them; else the reader chooses
    ):
        super().__init__(param, label)
        self.option_model = option_model
        self.lookup = lookup
        self.reverse = reverse
        self.key = key
        self.label_field = label_field
        if match_all_by_default is not None:
            self.match_param = f"{param}_match"
            self.default_match = MATCH_ALL if match_all_by_default else MATCH_ANY

    def normalise(self, value: str) -> str:
        return value.upper() if self.key == "code" else value

    def clean(self, raw_values):
        wanted = {self.normalise(value) for value in raw_values}
        known = set(self.option_model.objects.filter(**{f"{self.key}__in": wanted}).values_list(self.key, flat=True)) if wanted else set()
        return sorted(known), sorted(wanted - known)

    def apply(self, queryset, values, visibility):
        return queryset.filter(**{f"{self.lookup}__{self.key}__in": values})

    def apply_all(self, queryset, values, visibility):
        """Entries linked to every one of the values: one join per value."""
        for value in values:
            queryset = queryset.filter(**{f"{self.lookup}__{self.key}": value})
        return queryset

    def options(self, queryset, selected, visibility):
        # Grouping the matching link rows is a fraction of the cost of a conditional count over every option.
        matching = self.option_model.objects.filter(**{f"{self.reverse}__in": queryset.values("pk")})
        return self._counted(matching, self.reverse, selected)

    def _counted(self, matching, counted: str, selected: list[str]) -> list[FacetOption]:
        """Options with their counts of distinct `counted` rows, plus selected options that match nothing (at zero)."""
        counted_rows = matching.values(self.key, self.label_field).annotate(result_count=Count(counted, distinct=True))
        return self._labelled(list(counted_rows.values_list(self.key, self.label_field, "result_count")), selected)

    def counted_options(self, counts, selected):
        known = self.option_model.objects.filter(**{f"{self.key}__in": list(counts)}).values_list(self.key, self.label_field)
        return self._labelled([(key, label, counts[str(key)]) for key, label in known], selected)

    def _labelled(self, rows: list[tuple], selected: list[str]) -> list[FacetOption]:
        missing = set(selected) - {key for key, _, _ in rows}
        if missing:
            unmatched = self.option_model.objects.filter(**{f"{self.key}__in": missing}).values_list(self.key, self.label_field)
            rows += [(key, label, 0) for key, label in unmatched]
        if hasattr(self.option_model, "label"):  # a vocabulary or country named in the reader's language
            labels = {getattr(obj, self.key): obj.label for obj in self.option_model.objects.filter(**{f"{self.key}__in": [row[0] for row in rows]})}
            rows = [(key, labels.get(key, label), count) for key, label, count in rows]
        rows.sort(key=lambda row: row[1])
        return [FacetOption(str(key), label, count, key in selected) for key, label, count in rows]


class DeploymentCountryFacet(RelatedFacet):
    """Solutions by the countries of their deployments: drafts and case studies the reader may not see never count."""

    def __init__(self, param: str, label: str):
        super().__init__(param, label, Country, lookup="deployments__countries", reverse="case_studies__solutions", key="code")

    def apply(self, queryset, values, visibility):
        return queryset.filter(deployments__in=visibility.entries(CaseStudyPage).filter(countries__code__in=values).values("pk"))

    def options(self, queryset, selected, visibility):
        matching = Country.objects.filter(
            case_studies__solutions__in=queryset.values("pk"), case_studies__in=visibility.entries(CaseStudyPage).values("pk")
        )
        return self._counted(matching, "case_studies__solutions", selected)


class ValueFacet(Facet):
    """Options are values of a field on the entry itself (status, kind, year)."""

    def __init__(
        self, param: str, label: str, expression, choices: dict[str, str] | None = None, is_year: bool = False, order_descending: bool = False
    ):
        super().__init__(param, label)
        self.expression = expression
        self.choices = choices
        self.is_year = is_year
        self.order_descending = order_descending

    def clean(self, raw_values):
        known, unknown = [], []
        for value in raw_values:
            valid = (value.isascii() and value.isdigit() and len(value) == 4) if self.is_year else (self.choices is None or value in self.choices)
            (known if valid else unknown).append(value)
        return sorted(set(known)), sorted(set(unknown))

    def _annotated(self, queryset):
        return queryset.annotate(facet_value=self.expression)

    def apply(self, queryset, values, visibility):
        if self.is_year and isinstance(self.expression, models.F):
            values = [int(value) for value in values]
        return self._annotated(queryset).filter(facet_value__in=values)

    def options(self, queryset, selected, visibility):
        rows = self._annotated(queryset).order_by().values("facet_value").annotate(result_count=Count("pk", distinct=True))
        return self.counted_options({row["facet_value"]: row["result_count"] for row in rows}, selected)

    def counted_options(self, counts, selected):
        counts = {str(value): count for value, count in counts.items() if value not in (None, "")}
        for value in selected:
            counts.setdefault(value, 0)
        if self.choices is not None:
            ordered = [value for value in self.choices if value in counts]
        else:
            ordered = sorted(counts, reverse=self.order_descending)
        return [FacetOption(value, (self.choices or {}).get(value, value), counts[value], value in selected) for value in ordered]


@dataclass
class Sort:
    key: str
    label: str
    ordering: tuple[str, ...]


@dataclass
class ListingSpec:
    """Everything that makes one index page's list: the entry model, its facets, sorts and prefetches."""

    model: type[models.Model]
    facets: list[Facet]
    sorts: list[Sort]
    optimise: Callable = lambda queryset: queryset
    # The rows the list starts from, given the reader's Visibility: by default the live `model` entries they may see.
    rows: Callable | None = None
    # The list's name for counting.facet_counts ("case_study", "lesson"...): its facets may be counted by the site.
    counted_as: str = ""


def _without_control_characters(value: str) -> str:
    # PostgreSQL rejects NUL bytes in parameters; no real filter value contains control characters.
    return "".join(character for character in value if character.isprintable()).strip()


def _requested_values(query: QueryDict, param: str) -> list[str]:
    values = [_without_control_characters(value) for value in query.getlist(param)]
    values = [value for value in values if value]
    return [value[:MAX_VALUE_LENGTH] for value in values[:MAX_VALUES_PER_FACET]]


def build_listing(spec: ListingSpec, request: HttpRequest) -> ResultList:
    """Filter, count, sort and paginate the entries of `spec.model` the reader may see, from GET parameters."""
    query = request.GET
    visibility = Visibility.for_request(request)
    base = spec.rows(visibility) if spec.rows else visibility.entries(spec.model)
    messages: list[str] = []
    selections: dict[str, list[str]] = {}
    for facet in spec.facets:
        known, unknown = facet.clean(_requested_values(query, facet.param))
        if unknown:
            messages.append(translate("Ignored unknown %(facet)s: %(values)s.") % {"facet": str(facet.label).lower(), "values": ", ".join(unknown)})
        if known:
            selections[facet.param] = known

    # Several values of a facet mean "any of them", or "all of them" where the facet offers that choice.
    matches = {facet.param: _requested_match(query, facet) for facet in spec.facets if facet.match_param}

    def filtered(skip: str | None = None):
        queryset = base
        for facet in spec.facets:
            if facet.param != skip and facet.param in selections:
                apply = facet.apply_all if matches.get(facet.param) == MATCH_ALL else facet.apply
                queryset = apply(queryset, selections[facet.param], visibility)
        return queryset

    # For anonymous readers the site may count facets faster than SQL over the whole catalog (the search engine).
    all_of = {param for param, match in matches.items() if match == MATCH_ALL}
    counted_elsewhere = counting.facet_counts(spec.counted_as, selections, all_of) if visibility.public else None

    def counted(facet: Facet) -> list[FacetOption]:
        selected = selections.get(facet.param, [])
        if counted_elsewhere is not None and facet.param in counted_elsewhere.counts:
            return facet.counted_options(counted_elsewhere.counts[facet.param], selected)
        # Under "all of them" an option's count is what choosing it as well would give: the other choices stay applied.
        options_of = filtered() if matches.get(facet.param) == MATCH_ALL else filtered(skip=facet.param)
        if not visibility.public:
            return facet.options(options_of, selected, visibility)
        key = (spec.counted_as or spec.model._meta.label, facet.param, selections, matches, get_language())
        return counting.kept("list-facet", key, lambda: facet.options(options_of, selected, visibility))

    facet_results = [
        FacetResult(facet.param, facet.label, counted(facet), match_param=facet.match_param, match=matches.get(facet.param, ""))
        for facet in spec.facets
    ]

    sorts = {sort.key: sort for sort in spec.sorts}
    requested_sort = _without_control_characters(query.get("sort", ""))
    sort_key = requested_sort or spec.sorts[0].key
    if sort_key not in sorts:
        messages.append(
            translate("Unknown sort order “%(sort)s”: showing %(default)s first.")
            % {"sort": sort_key[:MAX_VALUE_LENGTH], "default": str(spec.sorts[0].label).lower()}
        )
        sort_key, requested_sort = spec.sorts[0].key, ""

    # Filtering through many-to-many joins can repeat rows; select by primary key to keep one row per entry.
    results = spec.model.objects.filter(pk__in=filtered().values("pk")).order_by(*sorts[sort_key].ordering)
    paginator = Paginator(spec.optimise(results), PAGE_SIZE)
    if counted_elsewhere is not None:
        paginator.count = counted_elsewhere.total  # instead of counting the rows again in SQL
    page = paginator.get_page(query.get("page"))
    if visibility.public:
        key = (spec.counted_as or spec.model._meta.label, selections, matches, sort_key, page.number, get_language())
        page.object_list = counting.kept("list-page", key, lambda: list(page.object_list))

    # Links keep what the list understood and nothing else.
    params = QueryDict(mutable=True)
    for param, values in selections.items():
        params.setlist(param, values)
    if requested_sort:
        params["sort"] = sort_key
    for facet in spec.facets:
        if facet.match_param and matches[facet.param] != facet.default_match:
            params[facet.match_param] = matches[facet.param]
    return ResultList(page=page, params=params, facets=facet_results, sorts=spec.sorts, sort=sort_key, messages=messages)


def _requested_match(query: QueryDict, facet: Facet) -> str:
    requested = query.get(facet.match_param, "")
    return requested if requested in (MATCH_ALL, MATCH_ANY) else facet.default_match


def optimise_case_studies(queryset):
    return queryset.prefetch_related("countries", "cities", "domains")


def optimise_agreements(queryset):
    return queryset.prefetch_related("party_countries")


def optimise_solutions(queryset):
    return queryset.select_related("vendor").prefetch_related("technologies")


CASE_STUDY_LISTING = ListingSpec(
    model=CaseStudyPage,
    facets=[
        RelatedFacet("country", _("Country"), Country, "countries", "case_studies", key="code"),
        RelatedFacet("city", _("City"), City, "cities", "case_studies"),
        RelatedFacet("domain", _("Domain"), Domain, "domains", "case_studies"),
        RelatedFacet("technology", _("Technology"), Technology, "technologies", "case_studies"),
        RelatedFacet("theme", _("Theme"), Theme, "themes", "case_studies"),
        ValueFacet("status", _("Status"), models.F("status"), choices=dict(CaseStudyPage.Status.choices)),
        ValueFacet("year", _("Start year"), models.F("start_year"), is_year=True, order_descending=True),
    ],
    sorts=[
        Sort("newest", _("Newest"), ("-first_published_at", "-pk")),
        Sort("title", _("Title"), ("title", "pk")),
        Sort("year", _("Start year"), (models.F("start_year").desc(nulls_last=True), "title", "pk")),
    ],
    optimise=optimise_case_studies,
    counted_as="case_study",
)

AGREEMENT_LISTING = ListingSpec(
    model=AgreementPage,
    facets=[
        RelatedFacet("country", _("Country"), Country, "party_countries", "agreements", key="code", match_all_by_default=True),
        ValueFacet("kind", _("Kind"), models.F("kind"), choices=dict(AgreementPage.Kind.choices)),
        ValueFacet("status", _("Status"), models.F("status"), choices=dict(AgreementPage.Status.choices)),
        ValueFacet("year", _("Year signed"), Substr("signed_date", 1, 4), is_year=True, order_descending=True),
    ],
    sorts=[
        Sort("newest", _("Newest"), ("-first_published_at", "-pk")),
        Sort("title", _("Title"), ("title", "pk")),
        Sort("year", _("Year signed"), ("-signed_date", "title", "pk")),
    ],
    optimise=optimise_agreements,
    counted_as="agreement",
)

SOLUTION_LISTING = ListingSpec(
    model=SolutionPage,
    facets=[
        RelatedFacet("vendor", _("Vendor"), Organisation, "vendor", "solutions"),
        RelatedFacet("technology", _("Technology"), Technology, "technologies", "solutions"),
        RelatedFacet("domain", _("Domain"), Domain, "domains", "solutions"),
        DeploymentCountryFacet("country", _("Country of deployment")),
    ],
    sorts=[
        Sort("newest", _("Newest"), ("-first_published_at", "-pk")),
        Sort("title", _("Title"), ("title", "pk")),
    ],
    optimise=optimise_solutions,
    counted_as="solution",
)

LISTINGS = {spec.model.entry_type: spec for spec in (CASE_STUDY_LISTING, AGREEMENT_LISTING, SOLUTION_LISTING)}
