"""A synthetic catalog for benchmarks: realistic entries inserted in bulk.

Wagtail's add_child() costs several queries per page, far too slow for 100k entries, so pages are
inserted with their materialised paths computed here: base `wagtailcore_page` rows with bulk_create,
then the specific rows (multi-table inheritance) and the many-to-many rows in batches.
"""

import random
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page

from . import models as catalog

BATCH = 2000
ENTRY_MODELS = (catalog.CaseStudyPage, catalog.AgreementPage, catalog.SolutionPage)
FOCUS_COUNTRIES = ["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN", "CN"]
PLACES = ["Harbour", "River", "Hill", "Lake", "Bay", "Valley", "Garden", "Port", "Delta", "Plateau"]
PROJECTS = [
    "City Brain",
    "Safe City",
    "Smart Traffic",
    "Digital ID",
    "Health Code",
    "Data Exchange",
    "Smart Grid",
    "Flood Early Warning",
    "5G Corridor",
    "Digital Twin",
    "e-Government Portal",
    "Smart Lamppost",
    "Water Sensor Network",
]
VERBS = ["joins", "links", "monitors", "analyses", "automates", "publishes", "shares", "forecasts"]
OBJECTS = [
    "traffic cameras",
    "bus GPS traces",
    "water meters",
    "clinic records",
    "permit applications",
    "air quality sensors",
    "land registry data",
    "tourist flows",
    "power consumption",
    "citizen complaints",
]
OUTCOMES = [
    "cut average commute times",
    "reduced response times for emergencies",
    "raised online service take-up",
    "lowered water losses",
    "improved air quality reporting",
    "shortened permit processing",
]
LESSONS = [
    "Start with one district before going city-wide.",
    "Agree data-sharing terms with every agency up front.",
    "Budget for operations, not only for the build.",
    "Keep a paper channel for residents without smartphones.",
    "Publish evaluation data so claims can be checked.",
    "Avoid lock-in by requiring open interfaces in the contract.",
]
VENDOR_PREFIXES = ["Orient", "Mekong", "Lion", "Dragon", "Garuda"]
VENDOR_SUFFIXES = ["Systems", "Digital", "Cloud", "Networks"]
FUNDING = ["loan", "grant", "public-private partnership", "city budget"]
CHINESE = ["城市大脑", "平安城市", "智慧交通", "数字政府", "健康码", "数据交易所", "智能电网", "数字孪生"]
SOURCE = [
    {
        "type": "source",
        "value": {
            "title": "Synthetic benchmark source",
            "url": "https://example.org/benchmark",
            "publisher": "Benchmark",
            "published": "2020",
            "accessed": "",
        },
    }
]


@dataclass
class Vocabulary:
    countries: list
    cities: list
    domains: list
    technologies: list
    themes: list
    organisations: list


def ensure_vocabulary(rng: random.Random) -> Vocabulary:
    """Use the catalog's taxonomy when present (the starter content), or create a minimal one."""
    for slug in ["mobility", "governance", "public-safety", "health", "energy", "water", "environment", "economy"]:
        catalog.Domain.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ").capitalize()})
    for slug in ["ai", "big-data", "iot", "5g", "cloud", "cctv", "qr-codes", "digital-twin"]:
        catalog.Technology.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ").upper()})
    for slug in ["governance-first", "data-governance-structures", "inclusiveness-digital-divide", "procurement-vendor-lock-in"]:
        catalog.Theme.objects.get_or_create(
            slug=slug, defaults={"name": slug.replace("-", " ").capitalize(), "definition": "Benchmark theme.", "sources": SOURCE}
        )
    countries = list(catalog.Country.objects.filter(code__in=FOCUS_COUNTRIES))
    for country in countries:
        for place in PLACES[:3]:
            name = f"{country.name} {place} City"
            catalog.City.objects.get_or_create(
                slug=f"bench-{country.code.lower()}-{place.lower()}", defaults={"name": name, "country": country, "sources": SOURCE}
            )
    for index in range(40):
        country = countries[index % len(countries)]
        catalog.Organisation.objects.get_or_create(
            slug=f"bench-vendor-{index}",
            defaults={
                "name": f"{rng.choice(VENDOR_PREFIXES)} {rng.choice(VENDOR_SUFFIXES)} {index}",
                "hq_country": country,
                "sources": SOURCE,
            },
        )
    return Vocabulary(
        countries=countries,
        cities=list(catalog.City.objects.all()),
        domains=list(catalog.Domain.objects.all()),
        technologies=list(catalog.Technology.objects.all()),
        themes=list(catalog.Theme.objects.all()),
        organisations=list(catalog.Organisation.objects.all()),
    )


def _child_paths(parent: Page, count: int) -> list[str]:
    """Paths after the parent's last child (not numchild + 1: deleted children leave gaps)."""
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").values_list("path", flat=True).first()
    start = int(last[-Page.steplen :], len(Page.alphabet)) + 1 if last else 1
    return [parent.path + _base36(start + offset) for offset in range(count)]


def _base36(number: int) -> str:
    alphabet = Page.alphabet
    digits = ""
    while number:
        number, remainder = divmod(number, len(alphabet))
        digits = alphabet[remainder] + digits
    return digits.rjust(Page.steplen, alphabet[0])


class CorpusBuilder:
    def __init__(self, seed: int):
        self.seed = seed
        self.rng = random.Random(seed)
        self.vocabulary = ensure_vocabulary(self.rng)
        self.locale = Locale.get_default()
        self.now = timezone.now()

    def text(self, city: catalog.City, project: str) -> tuple[str, str, str]:
        rng = self.rng
        summary = (
            f"{city.name} runs a {project.lower()} that {rng.choice(VERBS)} {rng.choice(OBJECTS)} and {rng.choice(OBJECTS)}. "
            f"The platform was paid for by a {rng.choice(FUNDING)} and is operated by the city."
        )
        outcomes = f"Officials report that it {rng.choice(OUTCOMES)} and {rng.choice(OUTCOMES)}; no independent evaluation was published."
        body = [
            " ".join(f"The system {rng.choice(VERBS)} {rng.choice(OBJECTS)} for {city.name}." for _ in range(4)),
            f"Residents were consulted on the {project.lower()} in {rng.randint(2012, 2025)}; {rng.choice(LESSONS).lower()}",
        ]
        return summary, outcomes, body

    def add(self, model, count: int, build) -> list[int]:
        """Insert `count` live pages of `model` under its index page; `build(i)` gives (title, fields)."""
        parent = model.index_page()
        content_type = ContentType.objects.get_for_model(model)
        paths = _child_paths(parent, count)
        page_ids = []
        for start in range(0, count, BATCH):
            specifics = []
            base_rows = []
            for offset, path in enumerate(paths[start : start + BATCH], start=start):
                title, fields = build(offset)
                slug = f"{slugify(title)[:60]}-{path[-Page.steplen :].lower()}"  # the step makes it unique among siblings
                published = self.now - timedelta(minutes=offset)
                base_rows.append(
                    Page(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        content_type=content_type,
                        path=path,
                        depth=parent.depth + 1,
                        numchild=0,
                        url_path=f"{parent.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=published,
                        last_published_at=published,
                        live_revision=None,
                        locale=self.locale,
                        translation_key=uuid.uuid5(uuid.NAMESPACE_URL, f"kb-corpus:{self.seed}:{path}"),  # unique: paths are
                    )
                )
                specifics.append(fields)
            created = Page.objects.bulk_create(base_rows)
            rows = [model(page_ptr_id=page.pk, **fields) for page, fields in zip(created, specifics, strict=True)]
            model.objects.all()._batched_insert(rows, list(model._meta.local_concrete_fields), BATCH)
            page_ids.extend(page.pk for page in created)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
        return page_ids

    def link(self, relation, page_ids: list[int], choose) -> None:
        """Bulk insert many-to-many rows: `choose()` picks the related objects for each page."""
        through = relation.through
        source_field, target_field = [field.attname for field in through._meta.local_concrete_fields if field.is_relation]
        rows = [through(**{source_field: page_id, target_field: target.pk}) for page_id in page_ids for target in choose()]
        through.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)

    def build(self, entries: int) -> dict[str, int]:
        rng, vocab = self.rng, self.vocabulary
        counts = {"case_study": entries * 6 // 10, "agreement": entries * 2 // 10}
        counts["solution"] = entries - counts["case_study"] - counts["agreement"]
        chosen_cities = {}

        def case_study(i):
            city = rng.choice(vocab.cities)
            chosen_cities[i] = city
            project = rng.choice(PROJECTS)
            summary, outcomes, body = self.text(city, project)
            start = rng.randint(2012, 2025)
            local = [{"type": "local_name", "value": {"language": "zh-Hans", "name": rng.choice(CHINESE)}}] if rng.random() < 0.25 else []
            fields = dict(
                summary=summary,
                outcomes=outcomes,
                body=[{"type": "paragraph", "value": f"<p>{paragraph}</p>"} for paragraph in body],
                status=rng.choice(["ongoing", "completed", "planned"]),
                start_year=start,
                end_year=None,
                controversies="",
                sources=SOURCE,
                local_names=local,
                confidence="medium",
                notes="",
            )
            return f"{city.name} {project}", fields

        with transaction.atomic():
            case_ids = self.add(catalog.CaseStudyPage, counts["case_study"], case_study)
            cities_by_page = {page_id: chosen_cities[i] for i, page_id in enumerate(case_ids)}
            catalog.CaseStudyPage.cities.through.objects.bulk_create(
                [catalog.CaseStudyPage.cities.through(casestudypage_id=pid, city_id=city.pk) for pid, city in cities_by_page.items()],
                batch_size=BATCH,
            )
            catalog.CaseStudyPage.countries.through.objects.bulk_create(
                [catalog.CaseStudyPage.countries.through(casestudypage_id=pid, country_id=city.country_id) for pid, city in cities_by_page.items()],
                batch_size=BATCH,
            )
            self.link(catalog.CaseStudyPage.domains, case_ids, lambda: rng.sample(vocab.domains, 2))
            self.link(catalog.CaseStudyPage.technologies, case_ids, lambda: rng.sample(vocab.technologies, 2))
            self.link(catalog.CaseStudyPage.themes, case_ids, lambda: rng.sample(vocab.themes, 1))
            catalog.CaseStudyLesson.objects.bulk_create(
                [catalog.CaseStudyLesson(page_id=pid, theme=rng.choice(vocab.themes), text=rng.choice(LESSONS), sort_order=0) for pid in case_ids],
                batch_size=BATCH,
            )

            def agreement(i):
                a, b = rng.sample(vocab.countries, 2)
                year = rng.randint(2010, 2025)
                fields = dict(
                    kind=rng.choice(["mou", "framework", "statement", "initiative"]),
                    signed_date=f"{year}-{rng.randint(1, 12):02d}",
                    in_force_date="",
                    status=rng.choice(["signed", "adopted", "in_force"]),
                    status_note="",
                    document_url="",
                    scope=f"{a.name} and {b.name} agree to cooperate on {rng.choice(PROJECTS).lower()} projects and to share {rng.choice(OBJECTS)}.",
                    sources=SOURCE,
                    local_names=[],
                    confidence="medium",
                    notes="",
                )
                return f"{a.name}-{b.name} {rng.choice(PROJECTS)} memorandum {year}", fields

            agreement_ids = self.add(catalog.AgreementPage, counts["agreement"], agreement)
            self.link(catalog.AgreementPage.party_countries, agreement_ids, lambda: rng.sample(vocab.countries, 2))

            def solution(i):
                vendor = rng.choice(vocab.organisations)
                project = rng.choice(PROJECTS)
                fields = dict(
                    vendor_id=vendor.pk,
                    category=project.lower(),
                    sources=SOURCE,
                    local_names=[],
                    confidence="medium",
                    notes="",
                    description=f"{vendor.name} sells a {project.lower()} platform that {rng.choice(VERBS)} {rng.choice(OBJECTS)}.",
                )
                return f"{vendor.name} {project} Suite", fields

            solution_ids = self.add(catalog.SolutionPage, counts["solution"], solution)
            self.link(catalog.SolutionPage.technologies, solution_ids, lambda: rng.sample(vocab.technologies, 2))
            self.link(catalog.SolutionPage.deployments, solution_ids, lambda: [catalog.CaseStudyPage(pk=rng.choice(case_ids))] if case_ids else [])
        return counts


def clear_entries() -> int:
    """Delete every case study, agreement and solution page (treebeard keeps paths and numchild right); returns how many."""
    entries = Page.objects.filter(depth=4, content_type__in=[ContentType.objects.get_for_model(m) for m in ENTRY_MODELS])
    count = entries.count()
    with transaction.atomic():
        entries.delete()
    return count


def analyze() -> None:
    """Refresh the query planner's statistics after a bulk load (SQLite never does it on its own)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
