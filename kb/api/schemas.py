"""What the API answers: field names are those of the import/export format (projects/importers/FORMAT.md).

Each schema lists its fields explicitly, so a field added to a model (such as notes meant only for editors)
never reaches the API until it is declared here.
"""

from datetime import datetime
from typing import Any

from ninja import Schema
from pydantic import Field


class Error(Schema):
    error: str = Field(description="What is wrong, for a person to read")
    field: str | None = Field(None, description="The parameter at fault, when there is one")


class FacetOption(Schema):
    value: str
    label: str
    count: int = Field(description="Matches with this value, counted under every other filter's selection")
    selected: bool


class Source(Schema):
    title: str
    url: str
    publisher: str | None = None
    published: str | None = Field(None, description="Partial date: YYYY, YYYY-MM or YYYY-MM-DD")
    accessed: str | None = None


class Sourced(Schema):
    local_names: dict[str, str] = Field(description="Names by BCP-47 language tag, e.g. zh-Hans")
    confidence: str
    notes: str = Field(description="Caveats for readers, as shown on the page")
    sources: list[Source]


class Entry(Sourced):
    slug: str
    title: str
    url: str = Field(description="The entry's page")
    first_published: datetime | None = None
    last_published: datetime | None = Field(None, description="When the current revision was published")
    last_reviewed: str | None = None


class Partner(Schema):
    organisation: str = Field(description="Organisation slug")
    role: str


class Funding(Schema):
    amount: float
    currency: str = Field(description="ISO 4217 code as reported")
    source: str
    note: str


class CaseStudyLesson(Schema):
    theme: str | None = Field(description="Theme slug")
    text: str


class CaseStudy(Entry):
    summary: str
    body: list[Any] = Field(description="Paragraphs as text; headings, quotes and rich paragraphs as {type: value}")
    countries: list[str] = Field(description="ISO 3166-1 alpha-2 codes")
    cities: list[str]
    domains: list[str]
    technologies: list[str]
    themes: list[str]
    status: str
    start_year: int | None
    end_year: int | None
    partners: list[Partner]
    funding: list[Funding]
    outcomes: str
    lessons: list[CaseStudyLesson]
    controversies: str


class Agreement(Entry):
    kind: str
    party_countries: list[str]
    party_organisations: list[str]
    signed_date: str | None = Field(description="Partial date")
    in_force_date: str | None
    status: str
    status_note: str
    scope: str
    document_url: str | None
    related_case_studies: list[str] = Field(description="Slugs of the case studies you may see")


class Solution(Entry):
    vendor: str = Field(description="Organisation slug")
    category: str
    technologies: list[str]
    domains: list[str]
    description: str
    deployments: list[str] = Field(description="Slugs of the case studies you may see")


class Lesson(Schema):
    theme: str | None = Field(description="Theme slug")
    theme_name: str | None
    text: str
    case_study: str = Field(description="Slug of the case study the lesson comes from")
    case_study_title: str
    url: str = Field(description="The case study's page")


class Country(Schema):
    code: str
    name: str
    local_name: str
    is_asean_member: bool
    asean_joined: int | None
    url: str
    case_study_count: int
    agreement_count: int


class Theme(Sourced):
    slug: str
    name: str
    definition: str
    description: str
    url: str
    case_study_count: int
    lesson_count: int


class Organisation(Sourced):
    slug: str
    name: str
    kind: str
    hq_country: str | None
    website: str | None
    description: str
    url: str
    case_study_count: int
    solution_count: int


class City(Sourced):
    slug: str
    name: str
    country: str
    region: str
    latitude: float | None
    longitude: float | None
    population: int | None
    population_year: int | None
    ascn_pilot: bool
    ascn_joined: int | None
    description: str
    url: str
    case_study_count: int


class ListPage(Schema):
    total: int = Field(description="Every match across all pages")
    page: int
    page_size: int
    pages: int
    next: str | None = None
    previous: str | None = None
    facets: dict[str, list[FacetOption]] = Field(default_factory=dict)
    messages: list[str] = Field(default_factory=list, description="Ignored filter values and the like")


class CaseStudyList(ListPage):
    results: list[CaseStudy]


class AgreementList(ListPage):
    results: list[Agreement]


class SolutionList(ListPage):
    results: list[Solution]


class LessonList(ListPage):
    results: list[Lesson]


class CountryList(ListPage):
    results: list[Country]


class ThemeList(ListPage):
    results: list[Theme]


class OrganisationList(ListPage):
    results: list[Organisation]


class CityList(ListPage):
    results: list[City]
