"""The one document builder: every public entry flattened into the dict both engines index."""

from collections.abc import Iterable, Iterator

from django.core.exceptions import ObjectDoesNotExist
from django.utils.html import strip_tags
from wagtail.models import Page, Site

from projects.models import AgreementPage, CaseStudyPage, City, Country, Domain, Organisation, SolutionPage, Technology, Theme

TYPE_LABELS = {
    "case_study": "Case study",
    "agreement": "Cooperation agreement",
    "solution": "Vendor solution",
    "organisation": "Organisation",
    "city": "City",
    "theme": "Theme",
}
STATUS_LABELS = {**dict(AgreementPage.Status.choices), **dict(CaseStudyPage.Status.choices)}


def _join(parts: Iterable[str | None]) -> str:
    return " ".join(part.strip() for part in parts if part and part.strip())


def _stream_text(stream) -> str:
    texts = []
    for block in stream or []:
        value = block.value
        source = getattr(value, "source", None)  # RichText
        texts.append(strip_tags(source) if source is not None else strip_tags(str(value)))
    return _join(texts)


class _UrlResolver:
    """Page URLs from url_path and the default site root, without one query per page."""

    def __init__(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        self.root_path = site.root_page.url_path if site else "/"

    def __call__(self, page: Page) -> str:
        if page.url_path.startswith(self.root_path):
            return "/" + page.url_path[len(self.root_path) :]
        return page.url_path


def public_pages(model):
    """Live pages nobody restricted: the only pages anonymous readers (and so the index) may see."""
    return model.objects.live().public()


def _case_study_documents(pages, url_for) -> Iterator[dict]:
    pages = pages.prefetch_related("countries", "cities__country", "domains", "technologies", "themes", "partners__organisation", "lessons__theme")
    for page in pages:
        cities = list(page.cities.all())
        lessons = list(page.lessons.all())
        partners = list(page.partners.all())
        themes = {theme.slug for theme in page.themes.all()} | {lesson.theme.slug for lesson in lessons if lesson.theme}
        yield {
            "type": "case_study",
            "source": f"page:{page.pk}",
            "slug": page.slug,
            "title": page.title,
            "url": url_for(page),
            "summary": page.summary,
            "local_names": page.local_names_text,
            "organisations": _join(partner.organisation.name + " " + partner.organisation.local_names_text for partner in partners),
            "places": _join([country.name for country in page.countries.all()] + [city.name + " " + city.local_names_text for city in cities]),
            "lessons": _join(lesson.text for lesson in lessons),
            "tags": _join(
                [domain.name for domain in page.domains.all()]
                + [technology.name for technology in page.technologies.all()]
                + [theme.name for theme in page.themes.all()]
            ),
            "outcomes": page.outcomes,
            "controversies": page.controversies,
            "body": _join([_stream_text(page.body), page.notes]),
            "facets": {
                "type": ["case_study"],
                "country": sorted(country.code for country in page.countries.all()),
                "city": sorted(city.slug for city in cities),
                "domain": sorted(domain.slug for domain in page.domains.all()),
                "technology": sorted(technology.slug for technology in page.technologies.all()),
                "theme": sorted(themes),
                "status": [page.status],
            },
            "year": page.start_year,
            "sort_date": str(page.start_year) if page.start_year else (page.first_published_at.date().isoformat() if page.first_published_at else ""),
        }


def _agreement_documents(pages, url_for) -> Iterator[dict]:
    pages = pages.prefetch_related("party_countries", "party_organisations")
    for page in pages:
        countries = list(page.party_countries.all())
        yield {
            "type": "agreement",
            "source": f"page:{page.pk}",
            "slug": page.slug,
            "title": page.title,
            "url": url_for(page),
            "summary": page.scope,
            "local_names": page.local_names_text,
            "organisations": _join(org.name + " " + org.local_names_text for org in page.party_organisations.all()),
            "places": _join(country.name for country in countries),
            "tags": page.get_kind_display(),
            "lessons": "",
            "outcomes": page.status_note,
            "controversies": "",
            "body": page.notes,
            "facets": {"type": ["agreement"], "country": sorted(country.code for country in countries), "status": [page.status]},
            "year": page.year,
            "sort_date": page.signed_date or "",
        }


def _solution_documents(pages, url_for) -> Iterator[dict]:
    pages = pages.select_related("vendor").prefetch_related("technologies", "domains", "deployments__countries", "deployments__cities")
    for page in pages:
        deployments = [deployment for deployment in page.deployments.all() if deployment.live]
        countries = {country.code: country.name for deployment in deployments for country in deployment.countries.all()}
        cities = {city.slug: city.name for deployment in deployments for city in deployment.cities.all()}
        yield {
            "type": "solution",
            "source": f"page:{page.pk}",
            "slug": page.slug,
            "title": page.title,
            "url": url_for(page),
            "summary": page.description,
            "local_names": page.local_names_text,
            "organisations": _join([page.vendor.name, page.vendor.local_names_text]),
            "places": _join(list(countries.values()) + list(cities.values())),
            "tags": _join(
                [page.category] + [domain.name for domain in page.domains.all()] + [technology.name for technology in page.technologies.all()]
            ),
            "lessons": "",
            "outcomes": _join(deployment.title for deployment in deployments),
            "controversies": "",
            "body": _join([page.category, page.notes]),
            "facets": {
                "type": ["solution"],
                "country": sorted(countries),
                "city": sorted(cities),
                "domain": sorted(domain.slug for domain in page.domains.all()),
                "technology": sorted(technology.slug for technology in page.technologies.all()),
            },
            "year": None,
            "sort_date": page.first_published_at.date().isoformat() if page.first_published_at else "",
        }


def _organisation_documents(organisations) -> Iterator[dict]:
    for org in organisations.select_related("hq_country"):
        yield {
            "type": "organisation",
            "source": f"organisation:{org.pk}",
            "slug": org.slug,
            "title": org.name,
            "url": org.get_absolute_url(),
            "summary": org.description,
            "local_names": org.local_names_text,
            "organisations": "",
            "places": org.hq_country.name if org.hq_country else "",
            "lessons": "",
            "outcomes": "",
            "controversies": "",
            "body": _join([org.get_kind_display(), org.notes]),
            "facets": {"type": ["organisation"], "country": [org.hq_country_id] if org.hq_country_id else []},
            "year": None,
            "sort_date": "",
        }


def _city_documents(cities) -> Iterator[dict]:
    for city in cities.select_related("country"):
        yield {
            "type": "city",
            "source": f"city:{city.pk}",
            "slug": city.slug,
            "title": city.name,
            "url": city.get_absolute_url(),
            "summary": city.description,
            "local_names": city.local_names_text,
            "organisations": "",
            "places": _join([city.country.name, city.region]),
            "lessons": "",
            "outcomes": "",
            "controversies": "",
            "body": city.notes,
            "facets": {"type": ["city"], "country": [city.country_id], "city": [city.slug]},
            "year": None,
            "sort_date": "",
        }


def _theme_documents(themes) -> Iterator[dict]:
    for theme in themes:
        yield {
            "type": "theme",
            "source": f"theme:{theme.pk}",
            "slug": theme.slug,
            "title": theme.name,
            "url": theme.get_absolute_url(),
            "summary": theme.definition,
            "local_names": theme.local_names_text,
            "organisations": "",
            "places": "",
            "lessons": "",
            "outcomes": "",
            "controversies": "",
            "body": _join([theme.description, theme.notes]),
            "facets": {"type": ["theme"], "theme": [theme.slug]},
            "year": None,
            "sort_date": "",
        }


def all_documents() -> Iterator[dict]:
    """Every public entry and shared record, built in a handful of queries per type."""
    url_for = _UrlResolver()
    yield from _case_study_documents(public_pages(CaseStudyPage), url_for)
    yield from _agreement_documents(public_pages(AgreementPage), url_for)
    yield from _solution_documents(public_pages(SolutionPage), url_for)
    yield from _organisation_documents(Organisation.objects.all())
    yield from _city_documents(City.objects.all())
    yield from _theme_documents(Theme.objects.all())


def documents_for(obj) -> list[dict]:
    """The document for one entry or record, or [] when it must not be searchable (draft, restricted)."""
    url_for = _UrlResolver()
    if isinstance(obj, Page):
        try:
            obj = obj.specific
        except ObjectDoesNotExist:  # being deleted
            return []
        builders = {CaseStudyPage: _case_study_documents, AgreementPage: _agreement_documents, SolutionPage: _solution_documents}
        for model, builder in builders.items():
            if isinstance(obj, model):
                return list(builder(public_pages(model).filter(pk=obj.pk), url_for))
        return []
    if isinstance(obj, Organisation):
        return list(_organisation_documents(Organisation.objects.filter(pk=obj.pk)))
    if isinstance(obj, City):
        return list(_city_documents(City.objects.filter(pk=obj.pk)))
    if isinstance(obj, Theme):
        return list(_theme_documents(Theme.objects.filter(pk=obj.pk)))
    return []


def source_key(obj) -> str | None:
    """The stable identity of an object's document: survives renames and moves."""
    if isinstance(obj, Page):
        return f"page:{obj.pk}"
    for model, prefix in ((Organisation, "organisation"), (City, "city"), (Theme, "theme")):
        if isinstance(obj, model):
            return f"{prefix}:{obj.pk}"
    return None


def facet_labels(facet: str, values: Iterable[str]) -> dict[str, str]:
    """Readable labels for facet values: country names, city names, vocabulary names."""
    values = list(values)
    if facet == "type":
        return {value: TYPE_LABELS.get(value, value) for value in values}
    if facet == "status":
        return {value: STATUS_LABELS.get(value, value) for value in values}
    if facet == "country":
        return dict(Country.objects.filter(code__in=values).values_list("code", "name"))
    model = {"city": City, "domain": Domain, "technology": Technology, "theme": Theme}.get(facet)
    if model is None:
        return {value: value for value in values}
    return dict(model.objects.filter(slug__in=values).values_list("slug", "name"))
