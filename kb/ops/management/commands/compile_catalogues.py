"""Compile the site's translation catalogues (locale/*/LC_MESSAGES/django.po) to the .mo files Django reads.

Babel is pure Python, so `make setup` and the tests need no GNU gettext; only writing the catalogues
(`makemessages`) does, and that is a developer's task.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogues() -> list[Path]:
    return sorted(path for root in settings.LOCALE_PATHS for path in Path(root).glob("*/LC_MESSAGES/*.po"))


def compile_catalogue(po_path: Path) -> Path:
    """Write `po_path`'s .mo beside it (fuzzy entries left out, as msgfmt does) and return its path."""
    with po_path.open("rb") as po_file:
        catalogue = read_po(po_file, locale=po_path.parent.parent.name)
    mo_path = po_path.with_suffix(".mo")
    with mo_path.open("wb") as mo_file:
        write_mo(mo_file, catalogue, use_fuzzy=False)
    return mo_path


class Command(BaseCommand):
    help = "Compile every translation catalogue under LOCALE_PATHS with Babel (no GNU gettext needed)."

    def handle(self, *args, **options):
        paths = catalogues()
        if not paths:
            raise CommandError(f"No catalogues (*.po) under {', '.join(map(str, settings.LOCALE_PATHS))}.")
        for path in paths:
            mo_path = compile_catalogue(path)
            if options["verbosity"]:
                self.stdout.write(f"Compiled {mo_path}")
