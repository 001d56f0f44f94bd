"""The columns a planner takes to a spreadsheet: one row per entry (any type) or per lesson, with everything each row
shows fetched up front, chunk by chunk, so a download of any size makes a fixed number of queries per 500 rows."""

from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.db.models import Prefetch
from django.http import HttpRequest

from projects.models import AgreementPage, CaseStudyPage, CaseStudyPartner, SolutionPage
from projects.visibility import visible_entries

ENTRY_COLUMNS = [
    "type",
    "slug",
    "title",
    "url",
    "countries",
    "cities",
    "domains",
    "technologies",
    "themes",
    "status",
    "start_year",
    "end_year",
    "vendors",
    "funding",
    "summary",
]
LESSON_COLUMNS = ["theme", "lesson", "case_study", "url"]
CHUNK = 500
SEPARATOR = "; "


def _names(objects: Iterable) -> str:
    return SEPARATOR.join(sorted(str(obj.name) for obj in objects))


def _amount(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)


def _funding(rows) -> str:
    return SEPARATOR.join(f"{_amount(row.amount)} {row.currency}" + (f" ({row.source})" if row.source else "") for row in rows)


def _year(partial_date: str) -> str:
    return partial_date[:4] if partial_date else ""


def _case_study_row(entry: CaseStudyPage) -> list:
    return [
        entry.countries.all(),
        entry.cities.all(),
        entry.domains.all(),
        entry.technologies.all(),
        entry.themes.all(),
        entry.get_status_display(),
        entry.start_year or "",
        entry.end_year or "",
        _names(partner.organisation for partner in entry.vendor_partners),
        _funding(entry.funding.all()),
        entry.summary,
    ]


def _agreement_row(entry: AgreementPage) -> list:
    return [
        entry.party_countries.all(),
        [],
        [],
        [],
        [],
        entry.get_status_display(),
        _year(entry.signed_date),
        _year(entry.in_force_date),
        "",
        "",
        entry.scope,
    ]


def _solution_row(entry: SolutionPage) -> list:
    countries = {country for deployment in entry.visible_deployments for country in deployment.countries.all()}
    cities = {city for deployment in entry.visible_deployments for city in deployment.cities.all()}
    return [countries, cities, entry.domains.all(), entry.technologies.all(), [], "", "", "", entry.vendor.name, "", entry.description]


# Long texts and StreamFields no row shows: left in the database, they would make each chunk of entries weigh megabytes.
UNSHOWN = ("body", "sources", "local_names", "outcomes", "controversies", "notes", "editor_notes")


def _with_row_data(queryset, request: HttpRequest | None):
    """`queryset` of one entry type with what its rows read fetched in bulk, and nothing else."""
    model = queryset.model
    field_names = {field.name for field in model._meta.get_fields()}
    queryset = queryset.defer(*[name for name in UNSHOWN if name in field_names])
    if model is CaseStudyPage:
        vendors = CaseStudyPartner.objects.filter(role=CaseStudyPartner.Role.VENDOR).select_related("organisation")
        return queryset.prefetch_related(
            "countries", "cities", "domains", "technologies", "themes", "funding", Prefetch("partners", queryset=vendors, to_attr="vendor_partners")
        )
    if model is AgreementPage:
        return queryset.prefetch_related("party_countries")
    deployments = visible_entries(CaseStudyPage, request).prefetch_related("countries", "cities")
    return queryset.select_related("vendor").prefetch_related(
        "domains", "technologies", Prefetch("deployments", queryset=deployments, to_attr="visible_deployments")
    )


ROWS = {CaseStudyPage: _case_study_row, AgreementPage: _agreement_row, SolutionPage: _solution_row}


def entry_row(entry, request: HttpRequest | None, cells: list) -> list:
    url = entry.get_url(request)
    url = request.build_absolute_uri(url) if request is not None else url
    return [entry.entry_type, entry.slug, entry.title, url, *[cell if isinstance(cell, str | int) else _names(cell) for cell in cells]]


def entry_rows(queryset, request: HttpRequest | None = None) -> Iterator[list]:
    """One row per entry of `queryset` (one entry type, already limited to what the reader may see), in its order."""
    row = ROWS[queryset.model]
    for entry in _with_row_data(queryset, request).iterator(chunk_size=CHUNK):
        yield entry_row(entry, request, row(entry))


def entries_in_order(model, slugs: list[str], request: HttpRequest | None) -> list:
    """The entries of `model` with these slugs that the reader may see, with their row data, in the slugs' order."""
    found = {entry.slug: entry for entry in _with_row_data(visible_entries(model, request).filter(slug__in=slugs), request)}
    return [found[slug] for slug in slugs if slug in found]


def lesson_rows(lessons, request: HttpRequest | None = None) -> Iterator[list]:
    """One row per lesson: its theme, its text, and the case study it comes from (`lessons` select_related page, theme)."""
    for lesson in lessons.iterator(chunk_size=CHUNK):
        url = lesson.page.get_url(request)
        yield [lesson.theme.name if lesson.theme else "", lesson.text, lesson.page.title, request.build_absolute_uri(url) if request else url]
