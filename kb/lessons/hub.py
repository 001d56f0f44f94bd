"""The lessons hub: every lesson of every case study the reader may see, filterable and grouped by theme.

A lesson belongs to the countries of its own case study, never to its partners' home countries: a LaoSat lesson is
Lao, although China built the satellite.
"""

from dataclasses import dataclass

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from projects.listing import ListingSpec, RelatedFacet, Sort, build_listing
from projects.models import CaseStudyLesson, CaseStudyPage, Country, Domain, Technology, Theme
from projects.visibility import Visibility


def visible_lessons(visibility: Visibility):
    """Lessons of the case studies this reader may see."""
    return CaseStudyLesson.objects.filter(page__in=visibility.entries(CaseStudyPage).values("pk"))


LESSON_LISTING = ListingSpec(
    model=CaseStudyLesson,
    rows=visible_lessons,
    facets=[
        RelatedFacet("theme", _("Theme"), Theme, "theme", "lessons"),
        RelatedFacet("country", _("Country"), Country, "page__countries", "case_studies__lessons", key="code"),
        RelatedFacet("domain", _("Domain"), Domain, "page__domains", "case_studies__lessons"),
        RelatedFacet("technology", _("Technology"), Technology, "page__technologies", "case_studies__lessons"),
    ],
    sorts=[
        Sort(
            "theme",
            _("Theme"),
            (models.F("theme__name").asc(nulls_last=True), "-page__first_published_at", "page_id", "sort_order", "pk"),
        ),
    ],
    optimise=lambda lessons: lessons.select_related("page", "theme"),
    counted_as="lesson",
)


def lesson_hub(request: HttpRequest):
    return build_listing(LESSON_LISTING, request)


def csv_rows(lessons):
    for lesson in lessons.select_related("page", "theme").prefetch_related("page__countries").iterator(chunk_size=500):
        yield [
            lesson.theme.name if lesson.theme else "",
            lesson.text,
            lesson.page.title,
            ", ".join(country.name for country in lesson.page.countries.all()),
        ]


@dataclass
class LessonGroup:
    """Lessons under one theme, in the shape of a profile's groups (projects.profiles.Shortlist), so both share a component."""

    key: Theme | None
    total: int  # lessons under this theme across all pages of the filtered hub
    rows: list
    more_url: str = ""
    has_more: bool = False


def grouped(listing) -> list[LessonGroup]:
    """This page's lessons under their themes, each theme with its count over every page."""
    totals = {option.value: option.count for facet in listing.facets if facet.param == "theme" for option in facet.options}
    groups: list[LessonGroup] = []
    for lesson in listing.page.object_list:
        if not groups or groups[-1].key != lesson.theme:
            groups.append(LessonGroup(lesson.theme, totals.get(lesson.theme.slug, 0) if lesson.theme else 0, []))
        groups[-1].rows.append(lesson)
    return groups
