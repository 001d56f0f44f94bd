"""manage.py load_starter_content: the shipped starter catalog (projects/starter_content/*.yaml), safe to rerun."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from projects.importers import Action, import_files
from projects.importers.serializers import SERIALIZERS

from .import_entries import print_report

STARTER_CONTENT = Path(__file__).resolve().parents[2] / "starter_content"


class Command(BaseCommand):
    help = "Import every YAML file in projects/starter_content/ through the same path as import_entries; a second run changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=str(STARTER_CONTENT), help="Load the YAML files of this directory instead.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would be loaded and change nothing.")

    def handle(self, *args, directory, dry_run, **options):
        self.verbosity = options["verbosity"]
        files = sorted(Path(directory).glob("*.yaml"))
        if not files:
            raise CommandError(f"No YAML files in {directory}.")
        started = time.monotonic()
        report = import_files(files, dry_run=dry_run)
        print_report(self, report, show_unchanged=False)
        if report.has_errors:
            raise CommandError(f"{report.counts[Action.ERROR] + len(report.problems)} starter record(s) could not be loaded.", returncode=1)
        counts = ", ".join(f"{serializer.queryset().count()} {serializer.section.replace('_', ' ')}" for serializer in SERIALIZERS)
        self.stdout.write(f"Starter content in {time.monotonic() - started:.1f}s: {counts}.")
