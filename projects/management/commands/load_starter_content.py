"""manage.py load_starter_content: the shipped starter catalog (projects/starter_content/*.yaml), safe to rerun.

Loaded in bulk: saving a page or record normally queues a task per save to update Wagtail's admin search index
and its reference index (about 2,700 tasks for the starter content, which the worker then spent minutes on). The
load silences both for its duration, rebuilds the reference index once at the end, and leaves the search indexes
to `rebuild_search_index` and `update_index`, which `make setup` runs next. The site's own index outbox is kept:
the whole load is one transaction, so it queues a single drain task.
"""

import time
from contextlib import contextmanager
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from projects.importers import Action, import_files
from projects.importers.serializers import SERIALIZERS

from .import_entries import print_report

STARTER_CONTENT = Path(__file__).resolve().parents[2] / "starter_content"


@contextmanager
def without_per_save_indexing():
    """No Wagtail search or reference index task per save; the caller indexes once at the end."""
    models = [model for model in index.get_indexed_models() if post_save.disconnect(post_save_signal_handler, sender=model)]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


class Command(BaseCommand):
    help = (
        "Import every YAML file in projects/starter_content/ through the same path as import_entries, in bulk; a second run changes "
        "nothing. Then index it: manage.py rebuild_search_index && manage.py update_index (make setup does)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=str(STARTER_CONTENT), help="Load the YAML files of this directory instead.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would be loaded and change nothing.")

    def handle(self, *args, directory, dry_run, **options):
        self.verbosity = options["verbosity"]
        files = sorted(Path(directory).glob("*.yaml"))
        if not files:
            raise CommandError(f"No YAML files in {directory}.")
        started = time.monotonic()
        with without_per_save_indexing():
            report = import_files(files, dry_run=dry_run)
        print_report(self, report, show_unchanged=False)
        if report.has_errors:
            raise CommandError(f"{report.counts[Action.ERROR] + len(report.problems)} starter record(s) could not be loaded.", returncode=1)
        if not dry_run:
            call_command("rebuild_references_index", verbosity=0)
        counts = ", ".join(f"{serializer.queryset().count()} {serializer.section.replace('_', ' ')}" for serializer in SERIALIZERS)
        self.stdout.write(f"Starter content in {time.monotonic() - started:.1f}s: {counts}.")
