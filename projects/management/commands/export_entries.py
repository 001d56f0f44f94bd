"""manage.py export_entries --format json|csv [--output FILE]: everything, in the import format."""

import json

from django.core.management.base import BaseCommand

from projects.importers import export_csv, export_records


class Command(BaseCommand):
    help = "Export every entry, organisation, city and vocabulary term in the import format (projects/importers/FORMAT.md)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--format",
            choices=["json", "csv"],
            default="json",
            help="json: the YAML mapping of sections; csv: one row per record with a type column.",
        )
        parser.add_argument("--output", metavar="FILE", help="Write to FILE instead of standard output.")
        parser.add_argument("--include-drafts", action="store_true", help="Also export entries that are not live (marked live: false).")

    def handle(self, *args, format, output, include_drafts, **options):
        if format == "csv":
            text = export_csv(include_drafts)
        else:
            text = json.dumps(export_records(include_drafts), ensure_ascii=False, indent=2) + "\n"
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            if options["verbosity"] >= 1:
                self.stderr.write(f"Wrote {output}")
        else:
            self.stdout.write(text, ending="")
