"""One backup of the site: the database (SQLite or PostgreSQL, whichever DATABASE_URL names) and the media.

django-dbbackup does the work: `dbbackup` (SQLite's online backup API, or pg_dump in its custom format) and
`mediabackup` (a tar of MEDIA_ROOT). A backup is a folder `BACKUP_ROOT/<UTC timestamp>/` holding
`database.<extension>` with dbbackup's `.metadata` beside it, and `media.tar`. The search index is derived data:
a restore rebuilds it.
"""

import shutil
import sqlite3
import tempfile
from contextlib import closing
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

from dbbackup.db.base import get_connector
from dbbackup.db.exceptions import ConnectorError
from dbbackup.db.sqlite import SqliteBackupConnector
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

DATABASE_STEM = "database"
MEDIA_FILE = "media.tar"
METADATA_SUFFIX = ".metadata"


class SqliteOnlineConnector(SqliteBackupConnector):
    """Restores through SQLite's backup API into the open database instead of writing over its file.

    dbbackup's own SQLite connector overwrites the file, which a write-ahead log (WAL, see the settings) left
    beside it would then corrupt, and which processes that have it open (the worker, the web server) would not
    see consistently. The backup API writes the pages under SQLite's own locks."""

    def restore_dump(self, dump):
        self.connection.ensure_connection()
        with tempfile.NamedTemporaryFile(suffix=".sqlite3") as copy:
            shutil.copyfileobj(dump, copy)
            copy.flush()
            with closing(sqlite3.connect(copy.name)) as source:
                source.backup(self.connection.connection)


def write_backup(root: Path | None = None) -> Path:
    """A new backup folder named after the current UTC time; returns its path."""
    folder = Path(root or settings.BACKUP_ROOT) / datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        raise CommandError(f"{folder} already exists (a backup was written less than a second ago).") from None
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)  # a site with no upload yet has no media folder
    extension = get_connector().extension
    quiet = {"quiet": True, "stdout": StringIO(), "stderr": StringIO()}
    try:
        call_command("dbbackup", output_path=str(folder / f"{DATABASE_STEM}.{extension}"), **quiet)
        call_command("mediabackup", output_path=str(folder / MEDIA_FILE), **quiet)
    except BaseException as error:
        shutil.rmtree(folder)  # half a backup would pass for a whole one
        if isinstance(error, ConnectorError):  # e.g. pg_dump missing or refused: its own words, no traceback
            raise CommandError(f"The backup failed and nothing was kept: {error}") from error
        raise
    return folder


def database_file(folder: Path) -> Path:
    """The database dump in a backup folder; a clear error when the folder is not a backup."""
    if not folder.is_dir():
        raise CommandError(f"{folder} is not a folder: name one that `make backup` printed (under {settings.BACKUP_ROOT}).")
    dumps = [path for path in folder.glob(f"{DATABASE_STEM}.*") if not path.name.endswith(METADATA_SUFFIX)]
    if len(dumps) != 1 or not (folder / MEDIA_FILE).is_file():
        raise CommandError(f"{folder} is not a backup written by `make backup`: it needs one {DATABASE_STEM}.* file and {MEDIA_FILE}.")
    return dumps[0]


def restore_backup(folder: Path) -> None:
    """Put the database and the media of a backup folder back; files added to the media since stay."""
    dump = database_file(folder)
    quiet = {"quiet": True, "interactive": False, "stdout": StringIO(), "stderr": StringIO()}
    try:
        call_command("dbrestore", input_path=str(dump), **quiet)
    except ConnectorError as error:  # pg_restore runs in one transaction: the database is as it was
        raise CommandError(f"The restore failed: {error}") from error
    call_command("mediarestore", input_path=str(folder / MEDIA_FILE), replace=True, **quiet)
    connection.close()  # the next query sees the restored database, not state cached on the old connection
