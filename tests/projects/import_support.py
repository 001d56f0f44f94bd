"""Running the import and export commands the way an editor does, and reading their reports."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

DATA = Path(__file__).parent / "data"
TAXONOMY, ENTRIES, ENTRIES_CSV = DATA / "taxonomy.yaml", DATA / "entries.yaml", DATA / "entries.csv"


def run(command: str, *args) -> tuple[int, str]:
    """(exit status, everything the command printed)."""
    out, err = StringIO(), StringIO()
    try:
        call_command(command, *[str(arg) for arg in args], stdout=out, stderr=err)
        status = 0
    except CommandError as error:
        status = error.returncode
        err.write(str(error))
    return status, out.getvalue() + err.getvalue()


def lines_for(output: str, slug: str) -> list[str]:
    return [line for line in output.splitlines() if f" {slug} " in f" {line} "]
