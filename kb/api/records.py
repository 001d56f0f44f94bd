"""Countries, cities, organisations and themes (the profiles' records, counted as their list pages count them), and
lessons from the case studies the caller may see."""

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Path, Query, Router
from pydantic import Field

from projects import profiles
from projects.importers.serializers import BY_TYPE
from projects.models import CaseStudyLesson, CaseStudyPage, Organisation
from projects.visibility import visible_entries

from . import schemas
from .paging import PageParams, paged
from .responses import add_list_and_one, list_responses, not_found

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


def _codes(codes: list[str]) -> list[str]:
    return [code.upper() for code in codes]


class CountryParams(PageParams):
    asean: bool | None = Field(None, description="true: ASEAN members only; false: the others")

    def narrow(self, countries: QuerySet) -> QuerySet:
        return countries if self.asean is None else countries.filter(is_asean_member=self.asean)


class CityParams(PageParams):
    country: list[str] = Field([], max_length=50, description="ISO 3166-1 alpha-2 codes, repeated to combine with OR")

    def narrow(self, cities: QuerySet) -> QuerySet:
        return cities.filter(country__code__in=_codes(self.country)) if self.country else cities


class OrganisationParams(PageParams):
    kind: list[Organisation.Kind] = Field([], max_length=10, description="Kinds, repeated to combine with OR")
    country: list[str] = Field([], max_length=50, description="Headquarters country codes, repeated to combine with OR")

    def narrow(self, organisations: QuerySet) -> QuerySet:
        if self.kind:
            organisations = organisations.filter(kind__in=self.kind)
        if self.country:
            organisations = organisations.filter(hq_country__code__in=_codes(self.country))
        return organisations


def _register(plural: str, record_type: str, rows, params: type[PageParams], list_schema, one_schema, key: str = "slug", clean=str) -> None:
    """`/{plural}/`, the profiles' `rows` narrowed by `params`, and `/{plural}/{key}/`, one of them by its `key` (read through `clean`)."""

    def list_records(request: HttpRequest, filters: Query[params]):  # type: ignore[valid-type]
        return _page(request, filters.narrow(rows(request)), record_type, filters)

    def one_record(request: HttpRequest, value: str = Path(..., alias=key)):
        return _one(rows(request), record_type, request, **{key: clean(value)})

    add_list_and_one(
        router, f"/{plural}/", record_type, (list_records, one_record), (list_schema, one_schema), (f"List {plural}", f"One {record_type}"), key=key
    )


_register("countries", "country", profiles.country_list, CountryParams, schemas.CountryList, schemas.Country, key="code", clean=str.upper)
_register("cities", "city", profiles.city_list, CityParams, schemas.CityList, schemas.City)
_register("organisations", "organisation", profiles.organisation_list, OrganisationParams, schemas.OrganisationList, schemas.Organisation)
_register("themes", "theme", profiles.theme_list, PageParams, schemas.ThemeList, schemas.Theme)


class LessonParams(PageParams):
    theme: list[str] = Field([], max_length=50, description="Theme slugs, repeated to combine with OR")
    country: list[str] = Field([], max_length=50, description="Countries of the case study, repeated to combine with OR")


def visible_lessons(request: HttpRequest, themes: list[str] = (), countries: list[str] = ()):
    """Lessons of the case studies the reader may see, newest case study first, in the editor's order within one."""
    case_studies = visible_entries(CaseStudyPage, request)
    if countries:
        case_studies = case_studies.filter(countries__code__in=_codes(countries))
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
