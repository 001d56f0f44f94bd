from django.core.management.base import BaseCommand

from kb.ops.backups import write_backup


class Command(BaseCommand):
    help = "Back up the database and the media to BACKUP_ROOT/<UTC timestamp>/ (var/backups by default) and print that path."

    def handle(self, *args, **options):
        self.stdout.write(str(write_backup()))
