"""Countries, cities, organisations and themes (the profiles' records, counted as their list pages count them), and
lessons from the case studies the caller may see."""

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router
from pydantic import Field

from projects import profiles
from projects.importers.serializers import BY_TYPE
from projects.models import CaseStudyLesson, CaseStudyPage, Organisation
from projects.visibility import visible_entries

from . import schemas
from .paging import PageParams, paged
from .responses import list_responses, not_found, one_responses

router = Router(tags=["records"])

COUNTS = ("case_study_count", "agreement_count", "solution_count", "lesson_count")


def record(obj, record_type: str, request: HttpRequest) -> dict:
    counts = {name: getattr(obj, name) for name in COUNTS if hasattr(obj, name)}
    return {**BY_TYPE[record_type].dump(obj), "url": request.build_absolute_uri(obj.get_absolute_url()), **counts}


def _page(request, queryset, record_type: str, params: PageParams) -> dict:
    page = paged(request, queryset, queryset.count(), params.page, params.page_size)
    page["results"] = [record(obj, record_type, request) for obj in page["results"]]
    return page


def _one(queryset, record_type: str, request: HttpRequest, **lookup):
    obj = queryset.filter(**lookup).first()
    if obj is None:
        return not_found(f"No {record_type} {next(iter(lookup.values()))!r}.")
    return record(obj, record_type, request)


class CountryParams(PageParams):
    asean: bool | None = Field(None, description="true: ASEAN members only; false: the others")


@router.get("/countries/", response=list_responses(schemas.CountryList), operation_id="list_country", summary="List countries")
def list_countries(request: HttpRequest, params: Query[CountryParams]):
    countries = profiles.country_list(request)
    if params.asean is not None:
        countries = countries.filter(is_asean_member=params.asean)
    return _page(request, countries, "country", params)


@router.get("/countries/{code}/", response=one_responses(schemas.Country), operation_id="get_country", summary="One country")
def one_country(request: HttpRequest, code: str):
    return _one(profiles.country_list(request), "country", request, code=code.upper())


class CityParams(PageParams):
    country: list[str] = Field([], max_length=50, description="ISO 3166-1 alpha-2 codes, repeated to combine with OR")


@router.get("/cities/", response=list_responses(schemas.CityList), operation_id="list_city", summary="List cities")
def list_cities(request: HttpRequest, params: Query[CityParams]):
    cities = profiles.city_list(request)
    if params.country:
        cities = cities.filter(country__code__in=[code.upper() for code in params.country])
    return _page(request, cities, "city", params)


@router.get("/cities/{slug}/", response=one_responses(schemas.City), operation_id="get_city", summary="One city")
def one_city(request: HttpRequest, slug: str):
    return _one(profiles.city_list(request), "city", request, slug=slug)


class OrganisationParams(PageParams):
    kind: list[Organisation.Kind] = Field([], max_length=10, description="Kinds, repeated to combine with OR")
    country: list[str] = Field([], max_length=50, description="Headquarters country codes, repeated to combine with OR")


@router.get("/organisations/", response=list_responses(schemas.OrganisationList), operation_id="list_organisation", summary="List organisations")
def list_organisations(request: HttpRequest, params: Query[OrganisationParams]):
    organisations = profiles.organisation_list(request)
    if params.kind:
        organisations = organisations.filter(kind__in=params.kind)
    if params.country:
        organisations = organisations.filter(hq_country__code__in=[code.upper() for code in params.country])
    return _page(request, organisations, "organisation", params)


@router.get("/organisations/{slug}/", response=one_responses(schemas.Organisation), operation_id="get_organisation", summary="One organisation")
def one_organisation(request: HttpRequest, slug: str):
    return _one(profiles.organisation_list(request), "organisation", request, slug=slug)


@router.get("/themes/", response=list_responses(schemas.ThemeList), operation_id="list_theme", summary="List themes")
def list_themes(request: HttpRequest, params: Query[PageParams]):
    return _page(request, profiles.theme_list(request), "theme", params)


@router.get("/themes/{slug}/", response=one_responses(schemas.Theme), operation_id="get_theme", summary="One theme")
def one_theme(request: HttpRequest, slug: str):
    return _one(profiles.theme_list(request), "theme", request, slug=slug)


class LessonParams(PageParams):
    theme: list[str] = Field([], max_length=50, description="Theme slugs, repeated to combine with OR")
    country: list[str] = Field([], max_length=50, description="Countries of the case study, repeated to combine with OR")


def visible_lessons(request: HttpRequest, themes: list[str] = (), countries: list[str] = ()):
    """Lessons of the case studies the reader may see, newest case study first, in the editor's order within one."""
    case_studies = visible_entries(CaseStudyPage, request)
    if countries:
        case_studies = case_studies.filter(countries__code__in=[code.upper() for code in countries])
    lessons = CaseStudyLesson.objects.filter(page__in=case_studies.values("pk"))
    if themes:
        lessons = lessons.filter(Q(theme__slug__in=themes))
    return lessons.select_related("page", "theme").order_by("-page__first_published_at", "-page_id", "sort_order")


def lesson_record(lesson: CaseStudyLesson, request: HttpRequest) -> dict:
    return {
        "theme": lesson.theme.slug if lesson.theme else None,
        "theme_name": lesson.theme.name if lesson.theme else None,
        "text": lesson.text,
        "case_study": lesson.page.slug,
        "case_study_title": lesson.page.title,
        "url": request.build_absolute_uri(lesson.page.get_url(request)),
    }


@router.get("/lessons/", response=list_responses(schemas.LessonList), operation_id="list_lesson", summary="List lessons learned")
def list_lessons(request: HttpRequest, params: Query[LessonParams]):
    lessons = visible_lessons(request, params.theme, params.country)
    page = paged(request, lessons, lessons.count(), params.page, params.page_size)
    page["results"] = [lesson_record(lesson, request) for lesson in page["results"]]
    return page
