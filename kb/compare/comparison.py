"""What officials compare, country by country: counts by domain, technology, theme and year, vendors and agreements.

Every figure counts only entries the reader may see, and each table costs the same few queries whatever the size of
the catalog. The counts of case studies by domain, technology and start year all come from `case_study_counts`.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from kb.charts import Cell, Chart, Row
from kb.search import service as search
from projects.counting import count_of
from projects.links import entry_list_url
from projects.models import AgreementPage, CaseStudyLesson, CaseStudyPage, CaseStudyPartner, City, Country, Domain, Technology
from projects.visibility import visible_entries

MAX_VENDOR_ROWS = 15
MAX_SHARED_AGREEMENTS = 30

# The facets the comparison counts case studies by: {facet: (model of its values, relation from a case study)}.
TERM_FACETS = {"domain": (Domain, "domains"), "technology": (Technology, "technologies")}
COUNTED_FACETS = [*TERM_FACETS, "year"]


@dataclass
class SharedAgreement:
    agreement: AgreementPage
    parties: list[bool]  # one per compared country


@dataclass
class CountryComparison:
    countries: list[Country]
    at_a_glance: list[Row] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    shared_agreements: list[SharedAgreement] = field(default_factory=list)

    def chart(self, chart_id: str) -> Chart:
        return next(chart for chart in self.charts if chart.id == chart_id)


def case_study_counts(request: HttpRequest, codes: list[str], facets: list[str], engine: str | None = None) -> dict[str, dict[str, dict[str, int]]]:
    """{facet: {value: {country code: number of case studies}}} over the case studies the reader may see.

    Facets are "domain", "technology" (values are slugs) and "year" (the start year); a case study of several countries
    counts once in each. The public view is counted by the search engine (kb.search.service.aggregate: Elasticsearch
    at scale, the database on the embedded default); the index holds public entries only, so a signed-in reader, who
    may see restricted entries, is counted from the catalog itself.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return catalog_case_study_counts(request, codes, facets)
    counts: dict[str, dict[str, dict[str, int]]] = {facet: defaultdict(dict) for facet in facets}
    for code in codes:
        for facet, values in search.aggregate({"type": ["case_study"], "country": [code]}, facets, engine=engine).items():
            for value, count in values.items():
                if count:
                    counts[facet][value][code] = count
    return {facet: dict(values) for facet, values in counts.items()}


def catalog_case_study_counts(request: HttpRequest | None, codes: list[str], facets: list[str]) -> dict[str, dict[str, dict[str, int]]]:
    """case_study_counts from the catalog's own tables, over the case studies this reader may see."""
    visible = visible_entries(CaseStudyPage, request).values("pk")
    in_countries = CaseStudyPage.objects.filter(pk__in=visible, countries__code__in=codes)
    counts: dict[str, dict[str, dict[str, int]]] = {}
    for facet in facets:
        value = f"{TERM_FACETS[facet][1]}__slug" if facet in TERM_FACETS else "start_year"
        rows = (
            in_countries.exclude(**{f"{value}__isnull": True})
            .order_by()
            .values_list(value, "countries__code")
            .annotate(count=Count("pk", distinct=True))
        )
        by_value: dict[str, dict[str, int]] = defaultdict(dict)
        for key, code, count in rows:
            by_value[str(key)][code] = count
        counts[facet] = dict(by_value)
    return counts


def compare_countries(request: HttpRequest, codes: list[str]) -> CountryComparison:
    """Compare the countries with these ISO codes (in this order) over the entries the reader may see."""
    by_code = Country.objects.in_bulk(codes)
    countries = [by_code[code] for code in codes if code in by_code]
    codes = [country.code for country in countries]
    names = [country.label for country in countries]
    case_study_ids = visible_entries(CaseStudyPage, request).values("pk")
    counts = case_study_counts(request, codes, COUNTED_FACETS)
    domains = _term_rows(request, Domain, "domain", counts["domain"], codes)
    technologies = _term_rows(request, Technology, "technology", counts["technology"], codes)

    def chart(chart_id, heading, row_header, rows, kind, empty):
        return Chart(chart_id, heading, row_header, names, rows, kind, empty)

    no_domain = _("No published case studies in these countries name a domain.")
    no_technology = _("No published case studies in these countries name a technology.")
    years = _years(request, counts["year"], codes)
    lessons = _lessons_by_theme(codes, case_study_ids)
    vendors = _vendors(codes, case_study_ids)
    return CountryComparison(
        countries=countries,
        at_a_glance=_at_a_glance(request, countries),
        charts=[
            chart("by-domain", _("Case studies by domain"), _("Domain"), domains, "bar", no_domain),
            chart("by-technology", _("Case studies by technology"), _("Technology"), technologies, "bar", no_technology),
            chart("timeline", _("Timeline: case studies by start year"), _("Start year"), years, "columns", _("No start years recorded.")),
            chart("domain-heatmap", _("Heat map: country by domain"), _("Domain"), domains, "heatmap", no_domain),
            chart("technology-heatmap", _("Heat map: country by technology"), _("Technology"), technologies, "heatmap", no_technology),
            chart("lessons-by-theme", _("Lessons by theme"), _("Theme"), lessons, "bar", _("No lessons recorded for these countries yet.")),
            chart("vendors", _("Vendors in their case studies"), _("Vendor (home country)"), vendors, "bar", _("No vendors recorded here.")),
        ],
        shared_agreements=_shared_agreements(request, codes),
    )


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

    def profile(code: str) -> str:
        return reverse("country_profile", args=[code.lower()]) + "#cities"

    rows = [
        (_("Case studies"), "case_study_count", lambda code: entry_list_url("case_study", request, country=code)),
        (_("Cooperation agreements"), "agreement_count", lambda code: entry_list_url("agreement", request, country=code)),
        (_("Cities recorded"), "city_count", profile),
        (_("ASCN pilot cities"), "ascn_city_count", profile),
    ]
    table = [
        Row(label, [Cell(getattr(counts[country.code], attribute), url(country.code)) for country in countries]) for label, attribute, url in rows
    ]
    return [row for row in table if row.total]


def _term_rows(request: HttpRequest, model, param: str, counts: dict[str, dict[str, int]], codes: list[str]) -> list[Row]:
    """Case studies per domain or technology (rows) and country (columns), each count linking to the filtered list."""
    labels = dict(model.objects.filter(slug__in=counts).values_list("slug", "name"))
    rows = ((slug, labels[slug], code, count) for slug, by_code in counts.items() if slug in labels for code, count in by_code.items())
    return _pivot(rows, codes, cell_url=lambda slug, code: entry_list_url("case_study", request, country=code, **{param: slug}))


def _years(request: HttpRequest, counts: dict[str, dict[str, int]], codes: list[str]) -> list[Row]:
    rows = ((year, year, code, count) for year, by_code in counts.items() for code, count in by_code.items())
    pivoted = _pivot(rows, codes, cell_url=lambda year, code: entry_list_url("case_study", request, country=code, year=year))
    return sorted(pivoted, key=lambda row: row.label)


def _lessons_by_theme(codes: list[str], case_study_ids) -> list[Row]:
    """Lessons per theme, filed under the countries of their own case study."""
    rows = (
        CaseStudyLesson.objects.filter(page__in=case_study_ids, theme__isnull=False, page__countries__code__in=codes)
        .values("theme__slug", "theme__name", "page__countries__code")
        .annotate(count=Count("pk", distinct=True))
        .values_list("theme__slug", "theme__name", "page__countries__code", "count")
    )
    lessons = reverse("lessons")
    return _pivot(
        rows,
        codes,
        row_url=lambda slug: reverse("theme_profile", args=[slug]),
        cell_url=lambda slug, code: f"{lessons}?{urlencode({'country': code, 'theme': slug})}",
    )


def _vendors(codes: list[str], case_study_ids) -> list[Row]:
    """The vendors named most often in the countries' case studies, with their home countries."""
    rows = (
        CaseStudyPartner.objects.filter(role=CaseStudyPartner.Role.VENDOR, page__in=case_study_ids, page__countries__code__in=codes)
        .values("organisation__slug", "organisation__name", "organisation__hq_country__name", "page__countries__code")
        .annotate(count=Count("page", distinct=True))
        .values_list("organisation__slug", "organisation__name", "organisation__hq_country__name", "page__countries__code", "count")
    )
    labelled = ((slug, f"{name} ({home})" if home else name, code, count) for slug, name, home, code, count in rows)
    return _pivot(
        labelled,
        codes,
        row_url=lambda slug: reverse("organisation_profile", args=[slug]),
        order_by_total=True,
    )[:MAX_VENDOR_ROWS]


def _pivot(rows: Iterable[tuple], codes: list[str], row_url=None, cell_url=None, order_by_total: bool = False) -> list[Row]:
    """(key, label, country code, count) rows become one Row per key with a cell per compared country; keys that count
    nothing in every compared country never appear."""
    labels: dict = {}
    counts: dict = defaultdict(dict)
    for key, label, code, count in rows:
        if code in codes and count:
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


def comparison_csv_rows(comparison: CountryComparison) -> Iterable[list]:
    """One row per figure: table, row, country, count."""
    for row in comparison.at_a_glance:
        for country, cell in zip(comparison.countries, row.cells, strict=True):
            yield [_("At a glance"), row.label, country.name, cell.count]
    for chart in comparison.charts:
        if chart.kind == "heatmap":
            continue  # the same figures as the bar chart of its rows
        for row in chart.rows:
            for country, cell in zip(comparison.countries, row.cells, strict=True):
                yield [chart.heading, row.label, country.name, cell.count]


def country_charts(request: HttpRequest, country: Country) -> list[Chart]:
    """One country's case studies by domain and by start year, for its profile."""
    counts = case_study_counts(request, [country.code], ["domain", "year"])
    domains = _term_rows(request, Domain, "domain", counts["domain"], [country.code])
    years = _years(request, counts["year"], [country.code])
    return [
        Chart("profile-domains", _("Case studies by domain"), _("Domain"), [country.label], domains, "bar", _("No domains recorded.")),
        Chart("profile-years", _("Case studies by start year"), _("Start year"), [country.label], years, "columns", _("No start years recorded.")),
    ]
