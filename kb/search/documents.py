"""The document builders: every public entry and record flattened into the fields kb.search.schema declares."""

from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.core.exceptions import ObjectDoesNotExist
from django.utils.html import strip_tags
from wagtail.models import Page, Site

from projects.models import (
    AgreementPage,
    CaseStudyLesson,
    CaseStudyPage,
    CaseStudyPartner,
    City,
    Country,
    Domain,
    Organisation,
    SolutionPage,
    Technology,
    Theme,
)

from . import schema

# Facets whose values are an entry field's choices, labelled by them.
CHOICE_LABELS = {
    "status": {**dict(AgreementPage.Status.choices), **dict(CaseStudyPage.Status.choices)},
    "kind": dict(AgreementPage.Kind.choices),
}


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


CHUNK = 1000  # pages built per round: bounded memory and SQL parameters, whatever the size of the catalog


class _Records:
    """The shared records entries point at (few, whatever the catalog's size), loaded once per build."""

    def __init__(self):
        self.countries = dict(Country.objects.values_list("code", "name"))
        self.cities = {city.pk: city for city in City.objects.only("pk", "slug", "name", "local_names")}
        self.organisations = {org.pk: org for org in Organisation.objects.only("pk", "slug", "name", "local_names")}
        self.domains = {pk: (slug, name) for pk, slug, name in Domain.objects.values_list("pk", "slug", "name")}
        self.technologies = {pk: (slug, name) for pk, slug, name in Technology.objects.values_list("pk", "slug", "name")}
        self.themes = {pk: (slug, name) for pk, slug, name in Theme.objects.values_list("pk", "slug", "name")}

    def city_text(self, pk: int) -> str:
        return _join([self.cities[pk].name, self.cities[pk].local_names_text])

    def organisation_text(self, pk: int) -> str:
        return _join([self.organisations[pk].name, self.organisations[pk].local_names_text])


def _links(model, field: str, page_ids: list[int]) -> dict[int, list]:
    """{page id: [target pk, ...]} for a many-to-many field of `model`, in one query without model instances."""
    through = model._meta.get_field(field).remote_field.through
    source, target = (f.attname for f in through._meta.get_fields() if f.is_relation and f.many_to_one)
    if through._meta.get_field(source.removesuffix("_id")).related_model is not model:
        source, target = target, source
    relation = through._meta.get_field(target.removesuffix("_id"))
    keys = ["path"] if issubclass(relation.related_model, Page) else relation.related_model._meta.ordering
    ordering = [f"{relation.name}__{key}" for key in keys] or ["pk"]  # as .all() would list them
    found: dict[int, list] = defaultdict(list)
    for page_id, target_id in through.objects.filter(**{f"{source}__in": page_ids}).order_by(*ordering).values_list(source, target):
        found[page_id].append(target_id)
    return found


def _inline_rows(model, page_ids: list[int], *fields: str):
    """(page id, *fields) of an entry's inline rows (partners, lessons), in the editor's order."""
    return model.objects.filter(page_id__in=page_ids).order_by("sort_order", "pk").values_list("page_id", *fields)


def _published_date(page) -> str:
    return page.first_published_at.date().isoformat() if page.first_published_at else ""


def _page_document(doc_type: str, page, url_for, **values) -> dict:
    # The Chinese title is the entry's name in Chinese (CJK-analysed, suggested); its Chinese summary is searched with
    # the body's CJK analysis, so a Chinese query meets an entry's own Chinese words.
    values["body"] = _join([values.get("body"), page.summary_zh_hans])
    local_names = _join([page.local_names_text, page.title_zh_hans])
    return schema.document(doc_type, source=f"page:{page.pk}", slug=page.slug, title=page.title, url=url_for(page), local_names=local_names, **values)


def _chunks(pages) -> Iterator[list]:
    ids = list(pages.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        yield list(pages.model.objects.filter(pk__in=ids[start : start + CHUNK]).order_by("pk"))


def _linked_chunks(pages, *fields: str) -> Iterator[tuple[list, list[int], list[dict[int, list]]]]:
    """Each chunk of pages with its ids and, for each many-to-many `fields`, {page id: linked keys}."""
    for chunk in _chunks(pages):
        ids = [page.pk for page in chunk]
        yield chunk, ids, [_links(pages.model, field, ids) for field in fields]


def _case_study_documents(pages, url_for, records: _Records) -> Iterator[dict]:
    for chunk, ids, (countries, cities, domains, technologies, themes) in _linked_chunks(
        pages, "countries", "cities", "domains", "technologies", "themes"
    ):
        partners: dict[int, list[int]] = defaultdict(list)
        for page_id, org_id in _inline_rows(CaseStudyPartner, ids, "organisation_id"):
            partners[page_id].append(org_id)
        lessons: dict[int, list[tuple[int, str, int | None, str]]] = defaultdict(list)
        for page_id, pk, text, theme_id, chinese in _inline_rows(CaseStudyLesson, ids, "pk", "text", "theme_id", "text_zh_hans"):
            lessons[page_id].append((pk, text, theme_id, chinese))
        for page in chunk:
            page_domains = [records.domains[pk] for pk in domains[page.pk]]
            page_technologies = [records.technologies[pk] for pk in technologies[page.pk]]
            page_themes = [records.themes[pk] for pk in themes[page.pk]]
            case_study = _page_document(
                "case_study",
                page,
                url_for,
                summary=page.summary,
                organisations=_join(records.organisation_text(pk) for pk in partners[page.pk]),
                places=_join([records.countries[code] for code in countries[page.pk]] + [records.city_text(pk) for pk in cities[page.pk]]),
                lessons=_join(text for _, text, _, _ in lessons[page.pk]),
                tags=_join(name for _, name in page_domains + page_technologies + page_themes),
                outcomes=page.outcomes,
                controversies=page.controversies,
                body=_join([_stream_text(page.body), page.notes]),
                facets={
                    "country": sorted(countries[page.pk]),
                    "city": sorted(records.cities[pk].slug for pk in cities[page.pk]),
                    "domain": sorted(slug for slug, _ in page_domains),
                    "technology": sorted(slug for slug, _ in page_technologies),
                    # Its own themes, as its list and the theme's profile count it; its lessons carry theirs.
                    "theme": sorted(slug for slug, _ in page_themes),
                    "status": [page.status],
                },
                year=page.start_year,
                sort_date=str(page.start_year) if page.start_year else _published_date(page),
            )
            yield case_study
            yield from _lesson_documents(case_study, lessons[page.pk], page_domains + page_technologies, records)


def _lesson_documents(case_study: dict, lessons: list[tuple[int, str, int | None, str]], vocabulary: list, records: _Records) -> Iterator[dict]:
    """Each lesson of a case study as a document of its own, owned by the case study's (its source is under it)."""
    for pk, text, theme_id, chinese in lessons:
        theme_slug, theme_name = records.themes[theme_id] if theme_id else (None, "")
        yield schema.document(
            "lesson",
            source=f"{case_study['source']}/lesson:{pk}",
            slug=f"{case_study['slug']}-lesson-{pk}",
            title=f"{theme_name}: {case_study['title']}" if theme_name else case_study["title"],
            url=f"{case_study['url']}#lessons",
            summary=text,
            organisations=case_study["organisations"],
            places=case_study["places"],
            tags=_join([str(schema.TYPES["lesson"].label), theme_name, *(name for _, name in vocabulary)]),
            body=chinese,
            facets={
                "country": case_study["facets"]["country"],
                "domain": case_study["facets"]["domain"],
                "technology": case_study["facets"]["technology"],
                "theme": [theme_slug] if theme_slug else [],
            },
            year=case_study["year"],
            sort_date=case_study["sort_date"],
        )


def _agreement_documents(pages, url_for, records: _Records) -> Iterator[dict]:
    for chunk, _ids, (countries, organisations) in _linked_chunks(pages, "party_countries", "party_organisations"):
        for page in chunk:
            yield _page_document(
                "agreement",
                page,
                url_for,
                summary=page.scope,
                organisations=_join(records.organisation_text(pk) for pk in organisations[page.pk]),
                places=_join(records.countries[code] for code in countries[page.pk]),
                tags=page.get_kind_display(),
                outcomes=page.status_note,
                body=page.notes,
                facets={"country": sorted(countries[page.pk]), "kind": [page.kind] if page.kind else [], "status": [page.status]},
                year=page.year,
                sort_date=page.signed_date,
            )


def _solution_documents(pages, url_for, records: _Records) -> Iterator[dict]:
    for chunk, _ids, (domains, technologies, deployments) in _linked_chunks(pages, "domains", "technologies", "deployments"):
        deployed_ids = {pk for pks in deployments.values() for pk in pks}
        deployed = dict(CaseStudyPage.objects.live().filter(pk__in=deployed_ids).values_list("pk", "title"))
        deployed_countries = _links(CaseStudyPage, "countries", list(deployed))
        deployed_cities = _links(CaseStudyPage, "cities", list(deployed))
        for page in chunk:
            live_deployments = [pk for pk in deployments[page.pk] if pk in deployed]  # drafts say nothing about where it runs
            countries = list(dict.fromkeys(code for pk in live_deployments for code in deployed_countries[pk]))
            cities = {records.cities[city].slug: records.cities[city].name for pk in live_deployments for city in deployed_cities[pk]}
            page_domains = [records.domains[pk] for pk in domains[page.pk]]
            page_technologies = [records.technologies[pk] for pk in technologies[page.pk]]
            yield _page_document(
                "solution",
                page,
                url_for,
                summary=page.description,
                organisations=records.organisation_text(page.vendor_id),
                places=_join([records.countries[code] for code in countries] + list(cities.values())),
                tags=_join([page.category] + [name for _, name in page_domains + page_technologies]),
                outcomes=_join(deployed[pk] for pk in live_deployments),
                body=_join([page.category, page.notes]),
                facets={
                    "country": sorted(countries),
                    "city": sorted(cities),
                    "domain": sorted(slug for slug, _ in page_domains),
                    "technology": sorted(slug for slug, _ in page_technologies),
                    "vendor": [records.organisations[page.vendor_id].slug] if page.vendor_id else [],
                },
                sort_date=_published_date(page),
            )


def _record_document(doc_type: str, record, summary: str | None = None, **values) -> dict:
    """A shared record's document; its summary is its description unless given (a theme's is its definition)."""
    return schema.document(
        doc_type,
        source=source_key(record),
        slug=record.slug,
        title=record.name,
        url=record.get_absolute_url(),
        local_names=record.local_names_text,
        summary=record.description if summary is None else summary,
        **values,
    )


def _organisation_documents(organisations) -> Iterator[dict]:
    for org in organisations.select_related("hq_country"):
        yield _record_document(
            "organisation",
            org,
            places=org.hq_country.name if org.hq_country else "",
            body=_join([org.get_kind_display(), org.notes]),
            facets={"country": [org.hq_country_id] if org.hq_country_id else []},
        )


def _city_documents(cities) -> Iterator[dict]:
    for city in cities.select_related("country"):
        yield _record_document(
            "city",
            city,
            places=_join([city.country.name, city.region]),
            body=city.notes,
            facets={"country": [city.country_id], "city": [city.slug]},
        )


def _theme_documents(themes) -> Iterator[dict]:
    for theme in themes:
        yield _record_document("theme", theme, summary=theme.definition, body=_join([theme.description, theme.notes]), facets={"theme": [theme.slug]})


def all_documents() -> Iterator[dict]:
    """Every public entry and shared record, built in a handful of queries per type."""
    url_for, records = _UrlResolver(), _Records()
    yield from _case_study_documents(public_pages(CaseStudyPage), url_for, records)
    yield from _agreement_documents(public_pages(AgreementPage), url_for, records)
    yield from _solution_documents(public_pages(SolutionPage), url_for, records)
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
                return list(builder(public_pages(model).filter(pk=obj.pk), url_for, _Records()))
        return []
    if isinstance(obj, Organisation):
        return list(_organisation_documents(Organisation.objects.filter(pk=obj.pk)))
    if isinstance(obj, City):
        return list(_city_documents(City.objects.filter(pk=obj.pk)))
    if isinstance(obj, Theme):
        return list(_theme_documents(Theme.objects.filter(pk=obj.pk)))
    return []


def owner_source(source: str) -> str:
    """The source of the entry a document belongs to: a lesson's is its case study's (page:12/lesson:34 -> page:12)."""
    return source.partition("/")[0]


def source_key(obj) -> str | None:
    """The stable identity of an object's document: survives renames and moves."""
    if isinstance(obj, Page):
        return f"page:{obj.pk}"
    for model, prefix in ((Organisation, "organisation"), (City, "city"), (Theme, "theme")):
        if isinstance(obj, model):
            return f"{prefix}:{obj.pk}"
    return None


LABELLED_BY = {"country": (Country, "code"), "city": (City, "slug"), "domain": (Domain, "slug"), "technology": (Technology, "slug")}
LABELLED_BY["theme"] = (Theme, "slug")
LABELLED_BY["vendor"] = (Organisation, "slug")


def facet_labels(facet: str, values: Iterable[str] | None) -> dict[str, str]:
    """Readable labels for facet values: country names, city names, vocabulary names (in the active language).
    With values None, every label a record gives (for facets whose labels are records)."""
    if facet in LABELLED_BY:
        model, key = LABELLED_BY[facet]
        records = model.objects.all() if values is None else model.objects.filter(**{f"{key}__in": list(values)})
        return dict(records.values_list(key, "name"))
    values = list(values or [])
    if facet == "type":
        return {value: str(schema.TYPES[value].label) if value in schema.TYPES else value for value in values}
    if facet in CHOICE_LABELS:
        return {value: str(CHOICE_LABELS[facet].get(value, value)) for value in values}
    return {value: value for value in values}
