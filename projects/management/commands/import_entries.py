"""manage.py import_entries FILE [FILE ...] [--dry-run]: bulk import per projects/importers/FORMAT.md."""

from django.core.management.base import BaseCommand, CommandError

from projects.importers import Action, ImportReport, import_files


class Command(BaseCommand):
    help = "Import entries from YAML or CSV files (format: projects/importers/FORMAT.md). Entries are matched by slug; reruns are safe."

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="+", metavar="FILE", help="YAML (.yaml/.yml) or CSV (.csv) files; sections apply in dependency order across all files."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what each record would do (create, update, unchanged, error) and change nothing."
        )
        parser.add_argument("--quiet-unchanged", action="store_true", help="Do not list records that are unchanged.")

    def handle(self, *args, files, dry_run, quiet_unchanged, **options):
        self.verbosity = options["verbosity"]
        report = import_files(files, dry_run=dry_run)
        print_report(self, report, show_unchanged=not quiet_unchanged)
        if report.has_errors:
            raise CommandError(f"{report.counts[Action.ERROR] + len(report.problems)} record(s) or file(s) could not be imported.", returncode=1)


def print_report(command: BaseCommand, report: ImportReport, show_unchanged: bool = True) -> None:
    if command.verbosity >= 1:
        for outcome in report.problems:
            command.stderr.write(f"error      file           {outcome.file}: {outcome.message}")
        for outcome in report.outcomes:
            if outcome.action == Action.UNCHANGED and not show_unchanged:
                continue
            stream = command.stderr if outcome.action == Action.ERROR else command.stdout
            for line in outcome.lines():
                stream.write(line)
    command.stdout.write(report.summary())
