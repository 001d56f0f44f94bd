"""Queries behind the profile pages of countries, cities, organisations and themes.

Every list of entries goes through `visible_entries`, so drafts and entries the reader may not see never show here.
"""

from collections import defaultdict

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest

from .listing import optimise_agreements, optimise_case_studies, optimise_solutions
from .models import AgreementPage, CaseStudyLesson, CaseStudyPage, CaseStudyPartner, City, Country, Organisation, SolutionPage, Theme
from .visibility import visible_entries


def _visible_ids(model, request):
    return visible_entries(model, request).values("pk")


def country_list(request: HttpRequest):
    return Country.objects.annotate(
        case_study_count=Count("case_studies", filter=Q(case_studies__in=_visible_ids(CaseStudyPage, request)), distinct=True),
        agreement_count=Count("agreements", filter=Q(agreements__in=_visible_ids(AgreementPage, request)), distinct=True),
        city_count=Count("cities", distinct=True),
    ).order_by("-is_asean_member", "name")


def country_profile(request: HttpRequest, country: Country) -> dict:
    case_studies = visible_entries(CaseStudyPage, request).filter(countries=country)
    lessons = (
        CaseStudyLesson.objects.filter(page__in=case_studies.values("pk"))
        .select_related("theme", "page")
        .order_by("theme__name", "page__title", "sort_order")
    )
    return {
        "case_studies": optimise_case_studies(case_studies.order_by("title")),
        "agreements": optimise_agreements(visible_entries(AgreementPage, request).filter(party_countries=country).order_by("-signed_date", "title")),
        "vendors": Organisation.objects.filter(hq_country=country)
        .annotate(solution_count=Count("solutions", filter=Q(solutions__in=_visible_ids(SolutionPage, request)), distinct=True))
        .order_by("name"),
        "cities": City.objects.filter(country=country)
        .annotate(case_study_count=Count("case_studies", filter=Q(case_studies__in=case_studies.values("pk")), distinct=True))
        .order_by("name"),
        "lessons_by_theme": list(_group(lessons, lambda lesson: lesson.theme).items()),
    }


def city_list(request: HttpRequest):
    return (
        City.objects.select_related("country")
        .annotate(case_study_count=Count("case_studies", filter=Q(case_studies__in=_visible_ids(CaseStudyPage, request)), distinct=True))
        .order_by("name")
    )


def city_profile(request: HttpRequest, city: City) -> dict:
    return {"case_studies": optimise_case_studies(visible_entries(CaseStudyPage, request).filter(cities=city).order_by("title"))}


def organisation_list(request: HttpRequest):
    return (
        Organisation.objects.select_related("hq_country")
        .annotate(
            solution_count=Count("solutions", filter=Q(solutions__in=_visible_ids(SolutionPage, request)), distinct=True),
            case_study_count=Count(
                "case_study_roles__page", filter=Q(case_study_roles__page__in=_visible_ids(CaseStudyPage, request)), distinct=True
            ),
        )
        .order_by("name")
    )


def organisation_profile(request: HttpRequest, organisation: Organisation) -> dict:
    roles = (
        CaseStudyPartner.objects.filter(organisation=organisation, page__in=_visible_ids(CaseStudyPage, request))
        .select_related("page")
        .order_by("page__title")
    )
    by_role = _group(roles, lambda partner: partner.role)
    return {
        "case_studies_by_role": [(label, by_role[role]) for role, label in CaseStudyPartner.Role.choices if role in by_role],
        "solutions": optimise_solutions(visible_entries(SolutionPage, request).filter(vendor=organisation).order_by("title")),
        "agreements": optimise_agreements(
            visible_entries(AgreementPage, request).filter(party_organisations=organisation).order_by("-signed_date", "title")
        ),
    }


def theme_list(request: HttpRequest):
    return Theme.objects.annotate(
        lesson_count=Count("lessons", filter=Q(lessons__page__in=_visible_ids(CaseStudyPage, request)), distinct=True),
        case_study_count=Count("case_studies", filter=Q(case_studies__in=_visible_ids(CaseStudyPage, request)), distinct=True),
    ).order_by("name")


def theme_profile(request: HttpRequest, theme: Theme) -> dict:
    case_studies = visible_entries(CaseStudyPage, request)
    lessons = (
        CaseStudyLesson.objects.filter(theme=theme, page__in=case_studies.values("pk"))
        .select_related("page", "theme")
        .prefetch_related(Prefetch("page__countries", queryset=Country.objects.order_by("name")))
        .order_by("page__title", "sort_order")
    )
    # A lesson from a case study spanning several countries is listed under each of them.
    by_country: dict = defaultdict(list)
    for lesson in lessons:
        for country in lesson.page.countries.all():
            by_country[country].append(lesson)
    return {
        "lessons_by_country": sorted(by_country.items(), key=lambda item: item[0].name),
        "case_studies": optimise_case_studies(case_studies.filter(themes=theme).order_by("title")),
    }


def _group(rows, key) -> dict:
    """{key: [rows...]} keeping the query's order."""
    groups: dict = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups
