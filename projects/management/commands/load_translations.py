"""manage.py load_translations: the Chinese text of the starter content, run right after load_starter_content.

Reads projects/starter_content/translations/zh_hans.yaml (keyed by slug: entries' titles and summaries, each
lesson's text in the order of the English lessons, vocabulary names) into the `*_zh_hans` fields. Written straight
to the rows and to each page's latest revision, so the admin's edit form shows them and no per-save task is queued;
`make setup` rebuilds the search indexes next. Safe to rerun.
"""

from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from projects.models import AgreementPage, CaseStudyPage, Domain, SolutionPage, Technology, Theme

TRANSLATIONS = Path(__file__).resolve().parents[2] / "starter_content" / "translations" / "zh_hans.yaml"
ENTRY_MODELS = {"case_studies": CaseStudyPage, "agreements": AgreementPage, "solutions": SolutionPage}
VOCABULARIES = {"domains": Domain, "technologies": Technology, "themes": Theme}


class Command(BaseCommand):
    help = "Load the Simplified Chinese titles, summaries, lessons and vocabulary names of the starter content (after load_starter_content)."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(TRANSLATIONS), help="Read this translations file instead of the shipped one.")

    def handle(self, *args, file, **options):
        try:
            data = yaml.safe_load(Path(file).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        with transaction.atomic():
            names = sum(self.load_names(model, data.get(key) or {}) for key, model in VOCABULARIES.items())
            entries = sum(self.load_entries(model, data.get(key) or {}) for key, model in ENTRY_MODELS.items())
        self.stdout.write(f"Chinese text loaded: {entries} entries, {names} vocabulary names.")

    def load_names(self, model, names: dict) -> int:
        for slug in set(names) - set(model.objects.filter(slug__in=names).values_list("slug", flat=True)):
            self.stderr.write(f"{model._meta.verbose_name} {slug!r}: not in the catalog, skipped.")
        return sum(model.objects.filter(slug=slug).update(name_zh_hans=name) for slug, name in names.items())

    def load_entries(self, model, entries: dict) -> int:
        pages = {page.slug: page for page in model.objects.filter(slug__in=entries).select_related("latest_revision")}
        for slug, text in entries.items():
            page = pages.get(slug)
            if page is None:
                self.stderr.write(f"{model._meta.verbose_name} {slug!r}: not in the catalog, skipped.")
                continue
            fields = {"title_zh_hans": text.get("title", ""), "summary_zh_hans": text.get("summary", "")}
            model.objects.filter(pk=page.pk).update(**fields)
            revision = page.latest_revision
            if revision is not None:
                revision.content.update(fields)
            if "lessons" in text:
                self.load_lessons(page, text["lessons"] or [], revision)
            if revision is not None:
                revision.save(update_fields=["content"])
        return len(pages)

    def load_lessons(self, page, texts: list[str], revision) -> None:
        lessons = list(page.lessons.order_by("sort_order", "pk"))
        if len(lessons) != len(texts):
            self.stderr.write(f"case study {page.slug!r}: {len(texts)} Chinese lessons for {len(lessons)} English ones, lessons skipped.")
            return
        by_pk = {}
        for lesson, text in zip(lessons, texts, strict=True):
            type(lesson).objects.filter(pk=lesson.pk).update(text_zh_hans=text)
            by_pk[lesson.pk] = text
        for row in (revision.content.get("lessons") or []) if revision is not None else []:
            if row.get("pk") in by_pk:
                row["text_zh_hans"] = by_pk[row["pk"]]
