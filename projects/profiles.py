"""Queries behind the profile pages of countries, cities, organisations and themes.

Every list of entries goes through `visible_entries`, so drafts and entries the reader may not see never show here.
"""

from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest

from .counting import count_of
from .links import entry_list_url
from .listing import optimise_agreements, optimise_case_studies, optimise_solutions
from .models import AgreementPage, CaseStudyLesson, CaseStudyPage, CaseStudyPartner, City, Country, Organisation, SolutionPage, Theme
from .visibility import visible_entries

# A profile shows the newest entries of each list and links to the full, filterable list: its cost stays the same
# whether a country has ten case studies or ten thousand.
SHORTLIST_SIZE = 12
LESSONS_PER_GROUP = 5
MAX_ACTIVE_ORGANISATIONS = 30


@dataclass
class Shortlist:
    """The newest rows of a longer list, how many there are in all and where to see all of them; in a grouped list
    (lessons by theme or country, case studies by role), `key` is what heads the group."""

    rows: list
    total: int
    more_url: str = ""
    key: object = None

    @property
    def has_more(self) -> bool:
        return self.total > len(self.rows)


def shortlist(entries: QuerySet, more_url: str = "") -> Shortlist:
    shown = list(entries[:SHORTLIST_SIZE])
    total = len(shown) if len(shown) < SHORTLIST_SIZE else entries.count()
    return Shortlist(shown, total, more_url)


def _newest_per_group(rows: QuerySet, partition: str, size: int) -> tuple[list, dict]:
    """The `size` rows of newest case studies for each value of `partition` (each row gets it as `group_key`), and
    {value: number of rows}. Rows are lessons or partners: anything with a `page`."""
    newest_first = [F("page__first_published_at").desc(), F("page_id").desc(), F("sort_order").asc()]
    newest = (
        rows.annotate(group_key=F(partition), position=Window(RowNumber(), partition_by=F(partition), order_by=newest_first))
        .filter(position__lte=size)
        .order_by(*newest_first)
    )
    totals = {row["group_key"]: row["total"] for row in rows.order_by().values(group_key=F(partition)).annotate(total=Count("pk"))}
    return list(newest), totals


def _visible_ids(model, request):
    return visible_entries(model, request).values("pk")


def country_list(request: HttpRequest):
    return Country.objects.annotate(
        case_study_count=count_of(visible_entries(CaseStudyPage, request).filter(countries=OuterRef("pk"))),
        agreement_count=count_of(visible_entries(AgreementPage, request).filter(party_countries=OuterRef("pk"))),
        city_count=count_of(City.objects.filter(country=OuterRef("pk"))),
    ).order_by("-is_asean_member", "name")


def country_profile(request: HttpRequest, country: Country) -> dict:
    case_studies = visible_entries(CaseStudyPage, request).filter(countries=country)
    agreements = visible_entries(AgreementPage, request).filter(party_countries=country)
    lessons, totals = _newest_per_group(
        CaseStudyLesson.objects.filter(page__in=case_studies.values("pk")).select_related("page", "theme"), "theme", LESSONS_PER_GROUP
    )
    themes = sorted({lesson.theme for lesson in lessons}, key=lambda theme: (theme is None, theme.name if theme else ""))
    return {
        "case_studies": shortlist(
            optimise_case_studies(case_studies.order_by("-first_published_at", "-pk")), entry_list_url("case_study", request, country=country.code)
        ),
        "agreements": shortlist(
            optimise_agreements(agreements.order_by("-signed_date", "title")), entry_list_url("agreement", request, country=country.code)
        ),
        "vendors": Organisation.objects.filter(hq_country=country)
        .annotate(solution_count=count_of(visible_entries(SolutionPage, request).filter(vendor=OuterRef("pk"))))
        .order_by("name"),
        "vendors_active": vendors_active(case_studies),
        "cities": City.objects.filter(country=country)
        .annotate(case_study_count=count_of(case_studies.filter(cities=OuterRef("pk"))))
        .order_by("name"),
        "lessons_by_theme": [
            Shortlist(
                [lesson for lesson in lessons if lesson.theme == theme],
                totals[theme.pk if theme else None],
                entry_list_url("case_study", request, country=country.code, theme=theme.slug) if theme else "",
                key=theme,
            )
            for theme in themes
        ],
    }


@dataclass
class ActiveOrganisation:
    """An organisation working on a country's case studies, in the roles it holds there."""

    organisation: Organisation
    roles: list[str]
    case_study_count: int


def vendors_active(case_studies: QuerySet, limit: int = MAX_ACTIVE_ORGANISATIONS) -> list[ActiveOrganisation]:
    """Organisations that are partners (other than lead agency) in these case studies, most case studies first, with
    their roles and home countries: who builds and pays for smart cities here."""
    partners = CaseStudyPartner.objects.filter(page__in=case_studies.values("pk")).exclude(role=CaseStudyPartner.Role.LEAD_AGENCY)
    counts = dict(partners.order_by().values_list("organisation").annotate(n=Count("page", distinct=True)))
    top = sorted(counts, key=lambda pk: -counts[pk])[:limit]
    organisations = Organisation.objects.select_related("hq_country").in_bulk(top)
    labels = dict(CaseStudyPartner.Role.choices)
    roles: dict[int, list[str]] = {pk: [] for pk in top}
    for pk, role in partners.filter(organisation__in=top).order_by("role").values_list("organisation", "role").distinct():
        roles[pk].append(str(labels.get(role, role)))
    active = [ActiveOrganisation(organisations[pk], roles[pk], counts[pk]) for pk in top]
    return sorted(active, key=lambda entry: (-entry.case_study_count, entry.organisation.name))


def city_list(request: HttpRequest):
    return (
        City.objects.select_related("country")
        .annotate(case_study_count=count_of(visible_entries(CaseStudyPage, request).filter(cities=OuterRef("pk"))))
        .order_by("name")
    )


def city_profile(request: HttpRequest, city: City) -> dict:
    case_studies = visible_entries(CaseStudyPage, request).filter(cities=city).order_by("-first_published_at", "-pk")
    return {"case_studies": shortlist(optimise_case_studies(case_studies), entry_list_url("case_study", request, city=city.slug))}


def organisation_list(request: HttpRequest):
    return (
        Organisation.objects.select_related("hq_country")
        .annotate(
            solution_count=count_of(visible_entries(SolutionPage, request).filter(vendor=OuterRef("pk"))),
            case_study_count=count_of(
                CaseStudyPartner.objects.filter(organisation=OuterRef("pk"), page__in=_visible_ids(CaseStudyPage, request)), "page"
            ),
        )
        .order_by("name")
    )


def organisation_profile(request: HttpRequest, organisation: Organisation) -> dict:
    partners, totals = _newest_per_group(
        CaseStudyPartner.objects.filter(organisation=organisation, page__in=_visible_ids(CaseStudyPage, request)).select_related("page"),
        "role",
        SHORTLIST_SIZE,
    )
    solutions = visible_entries(SolutionPage, request).filter(vendor=organisation).order_by("-first_published_at", "-pk")
    agreements = visible_entries(AgreementPage, request).filter(party_organisations=organisation).order_by("-signed_date", "title")
    return {
        "case_studies_by_role": [
            Shortlist([partner for partner in partners if partner.role == role], totals[role], key=label)
            for role, label in CaseStudyPartner.Role.choices
            if role in totals
        ],
        "solutions": shortlist(optimise_solutions(solutions), entry_list_url("solution", request, vendor=organisation.slug)),
        "agreements": shortlist(optimise_agreements(agreements)),
    }


def theme_list(request: HttpRequest):
    return Theme.objects.annotate(
        lesson_count=count_of(CaseStudyLesson.objects.filter(theme=OuterRef("pk"), page__in=_visible_ids(CaseStudyPage, request))),
        case_study_count=count_of(visible_entries(CaseStudyPage, request).filter(themes=OuterRef("pk"))),
    ).order_by("name")


def theme_profile(request: HttpRequest, theme: Theme) -> dict:
    case_studies = visible_entries(CaseStudyPage, request)
    # A lesson from a case study spanning several countries is listed under each of them.
    lessons, totals = _newest_per_group(
        CaseStudyLesson.objects.filter(theme=theme, page__in=case_studies.values("pk")).select_related("page", "theme"),
        "page__countries",
        LESSONS_PER_GROUP,
    )
    countries = Country.objects.in_bulk({lesson.group_key for lesson in lessons})
    return {
        "lessons_by_country": [
            Shortlist(
                [lesson for lesson in lessons if lesson.group_key == country.code],
                totals[country.code],
                entry_list_url("case_study", request, country=country.code, theme=theme.slug),
                key=country,
            )
            for country in sorted(countries.values(), key=lambda country: country.name)
        ],
        "case_studies": shortlist(
            optimise_case_studies(case_studies.filter(themes=theme).order_by("-first_published_at", "-pk")),
            entry_list_url("case_study", request, theme=theme.slug),
        ),
    }
