"""manage.py import_entries FILE [FILE ...] [--dry-run] [--encoding ENC] [--user NAME]: bulk import per projects/importers/FORMAT.md."""

import codecs

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from projects.importers import Action, ImportReport, import_files
from projects.importers.importer import problem_line


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
        parser.add_argument(
            "--encoding",
            default="utf-8",
            help="Text encoding of the files, e.g. latin-1 or cp1252 (default utf-8; a byte-order mark is accepted).",
        )
        parser.add_argument(
            "--user", metavar="USERNAME", help="The account the import is done for: its revisions and audit-log entries name this user."
        )

    def handle(self, *args, files, dry_run, quiet_unchanged, encoding, user, **options):
        self.verbosity = options["verbosity"]
        report = import_files(files, dry_run=dry_run, encoding=known_encoding(encoding), user=find_user(user))
        print_report(self, report, show_unchanged=not quiet_unchanged)
        if report.has_errors:
            raise CommandError(f"{report.counts[Action.ERROR] + len(report.problems)} record(s) or file(s) could not be imported.", returncode=1)


def known_encoding(name: str) -> str:
    try:
        codecs.lookup(name)
    except LookupError:
        raise CommandError(f"Unknown encoding “{name}”: use, for example, utf-8, latin-1 or cp1252.") from None
    return name


def find_user(username: str | None):
    if username is None:
        return None
    model = get_user_model()
    user = model.objects.filter(**{model.USERNAME_FIELD: username}, is_active=True).first()
    if user is None:
        raise CommandError(f"No user “{username}”: --user takes the username of an existing, active account.")
    return user


def print_report(command: BaseCommand, report: ImportReport, show_unchanged: bool = True) -> None:
    if command.verbosity >= 1:
        for problem in report.problems:
            command.stderr.write(problem_line(problem))
        for outcome in report.outcomes:
            if outcome.action == Action.UNCHANGED and not show_unchanged:
                continue
            stream = command.stderr if outcome.action == Action.ERROR else command.stdout
            for line in outcome.lines():
                stream.write(line)
    command.stdout.write(report.summary())
