from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kb.ops.backups import database_file, restore_backup


class Command(BaseCommand):
    help = "Replace the database and restore the media from a folder that backup_site wrote, then rebuild the search index."

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="the folder backup_site printed, e.g. var/backups/2026-12-03T140512Z")
        parser.add_argument("--no-input", action="store_false", dest="interactive", help="do not ask for confirmation")

    def handle(self, *args, backup: Path, interactive: bool, **options):
        database_file(backup)  # a folder that is not a backup is refused before anything changes
        if interactive:
            answer = input(f"This replaces the whole database with the backup in {backup}. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled: nothing was changed.")
        restore_backup(backup)
        call_command("migrate", interactive=False, verbosity=0)  # a backup taken before a code update catches up
        call_command("rebuild_search_index", stdout=self.stdout)
        call_command("update_index", verbosity=0, stdout=StringIO())  # Wagtail's admin search
        self.stdout.write(f"Restored {backup}.")
