"""What officials compare, country by country: counts by domain, technology, theme and year, vendors and agreements.

Each table is one grouped query whatever the size of the catalog, and counts only entries the reader may see.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode

from projects.counting import count_of
from projects.models import AgreementPage, CaseStudyLesson, CaseStudyPage, CaseStudyPartner, City, Country, Domain, Technology
from projects.visibility import visible_entries

MAX_VENDOR_ROWS = 15
MAX_SHARED_AGREEMENTS = 30


@dataclass
class Cell:
    count: int
    url: str = ""


@dataclass
class Row:
    label: str
    cells: list[Cell]
    url: str = ""

    @property
    def total(self) -> int:
        return sum(cell.count for cell in self.cells)


@dataclass
class SharedAgreement:
    agreement: AgreementPage
    parties: list[bool]  # one per compared country


@dataclass
class CountryComparison:
    countries: list[Country]
    at_a_glance: list[Row] = field(default_factory=list)
    domains: list[Row] = field(default_factory=list)
    technologies: list[Row] = field(default_factory=list)
    lessons_by_theme: list[Row] = field(default_factory=list)
    vendors: list[Row] = field(default_factory=list)
    start_years: list[Row] = field(default_factory=list)
    shared_agreements: list[SharedAgreement] = field(default_factory=list)


def compare_countries(request: HttpRequest, codes: list[str]) -> CountryComparison:
    """Compare the countries with these ISO codes (in this order) over the entries the reader may see."""
    by_code = Country.objects.in_bulk(codes)
    countries = [by_code[code] for code in codes if code in by_code]
    codes = [country.code for country in countries]
    case_study_ids = visible_entries(CaseStudyPage, request).values("pk")

    return CountryComparison(
        countries=countries,
        at_a_glance=_at_a_glance(request, countries),
        domains=_case_studies_by_term(Domain, "domain", codes, case_study_ids),
        technologies=_case_studies_by_term(Technology, "technology", codes, case_study_ids),
        lessons_by_theme=_lessons_by_theme(codes, case_study_ids),
        vendors=_vendors(codes, case_study_ids),
        start_years=_start_years(codes, case_study_ids),
        shared_agreements=_shared_agreements(request, codes),
    )


def _case_studies_url(code: str, **filters) -> str:
    return "/case-studies/?" + urlencode({"country": code, **filters})


def _at_a_glance(request: HttpRequest, countries: list[Country]) -> list[Row]:
    counts = {
        country.code: country
        for country in Country.objects.filter(code__in=[country.code for country in countries]).annotate(
            case_study_count=count_of(visible_entries(CaseStudyPage, request).filter(countries=OuterRef("pk"))),
            agreement_count=count_of(visible_entries(AgreementPage, request).filter(party_countries=OuterRef("pk"))),
            city_count=count_of(City.objects.filter(country=OuterRef("pk"))),
            ascn_city_count=count_of(City.objects.filter(country=OuterRef("pk"), ascn_pilot=True)),
        )
    }
    rows = [
        ("Case studies", "case_study_count", _case_studies_url),
        ("Cooperation agreements", "agreement_count", lambda code: "/agreements/?" + urlencode({"country": code})),
        ("Cities recorded", "city_count", lambda code: reverse("country_profile", args=[code.lower()]) + "#cities"),
        ("ASCN pilot cities", "ascn_city_count", lambda code: reverse("country_profile", args=[code.lower()]) + "#cities"),
    ]
    return [
        Row(label, [Cell(getattr(counts[country.code], attribute), url(country.code)) for country in countries]) for label, attribute, url in rows
    ]


def _case_studies_by_term(model, param: str, codes: list[str], case_study_ids) -> list[Row]:
    """Case studies per domain or technology (rows) and country (columns), each count linking to the filtered list."""
    rows = (
        model.objects.filter(case_studies__in=case_study_ids, case_studies__countries__code__in=codes)
        .values("slug", "name", "case_studies__countries__code")
        .annotate(count=Count("case_studies", distinct=True))
        .values_list("slug", "name", "case_studies__countries__code", "count")
    )
    return _pivot(rows, codes, cell_url=lambda slug, code: _case_studies_url(code, **{param: slug}))


def _lessons_by_theme(codes: list[str], case_study_ids) -> list[Row]:
    rows = (
        CaseStudyLesson.objects.filter(page__in=case_study_ids, theme__isnull=False, page__countries__code__in=codes)
        .values("theme__slug", "theme__name", "page__countries__code")
        .annotate(count=Count("pk", distinct=True))
        .values_list("theme__slug", "theme__name", "page__countries__code", "count")
    )
    return _pivot(rows, codes, row_url=lambda slug: reverse("theme_profile", args=[slug]))


def _vendors(codes: list[str], case_study_ids) -> list[Row]:
    """The vendors named most often in the countries' case studies."""
    rows = (
        CaseStudyPartner.objects.filter(role=CaseStudyPartner.Role.VENDOR, page__in=case_study_ids, page__countries__code__in=codes)
        .values("organisation__slug", "organisation__name", "page__countries__code")
        .annotate(count=Count("page", distinct=True))
        .values_list("organisation__slug", "organisation__name", "page__countries__code", "count")
    )
    return _pivot(rows, codes, row_url=lambda slug: reverse("organisation_profile", args=[slug]), order_by_total=True)[:MAX_VENDOR_ROWS]


def _start_years(codes: list[str], case_study_ids) -> list[Row]:
    rows = (
        CaseStudyPage.objects.filter(pk__in=case_study_ids, countries__code__in=codes, start_year__isnull=False)
        .values("start_year", "countries__code")
        .annotate(count=Count("pk", distinct=True))
        .values_list("start_year", "start_year", "countries__code", "count")
    )
    return _pivot(rows, codes, cell_url=lambda year, code: _case_studies_url(code, year=year))


def _pivot(rows: Iterable[tuple], codes: list[str], row_url=None, cell_url=None, order_by_total: bool = False) -> list[Row]:
    """(key, label, country code, count) rows become one Row per key with a cell per compared country."""
    labels: dict = {}
    counts: dict = defaultdict(dict)
    for key, label, code, count in rows:
        labels[key] = label
        counts[key][code] = count
    pivoted = [
        Row(
            label=str(label),
            url=row_url(key) if row_url else "",
            cells=[Cell(counts[key].get(code, 0), cell_url(key, code) if cell_url and counts[key].get(code) else "") for code in codes],
        )
        for key, label in labels.items()
    ]
    if order_by_total:
        return sorted(pivoted, key=lambda row: (-row.total, row.label.lower()))
    return sorted(pivoted, key=lambda row: row.label.lower())


def _shared_agreements(request: HttpRequest, codes: list[str]) -> list[SharedAgreement]:
    """Agreements that at least two of the compared countries are party to, newest first."""
    agreements = (
        visible_entries(AgreementPage, request)
        .filter(party_countries__code__in=codes)
        .annotate(compared_parties=Count("party_countries", filter=Q(party_countries__code__in=codes), distinct=True))
        .filter(compared_parties__gte=2)
        .prefetch_related("party_countries")
        .order_by("-signed_date", "title")[:MAX_SHARED_AGREEMENTS]
    )
    shared = []
    for agreement in agreements:
        parties = {country.code for country in agreement.party_countries.all()}
        shared.append(SharedAgreement(agreement, [code in parties for code in codes]))
    return shared
