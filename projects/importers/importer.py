"""Applying records: each in its own savepoint, matched by slug, compared with what the exporter would write."""

from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.test.utils import override_settings

from .fields import plain
from .reading import FileProblem, Record, read_files
from .references import References
from .serializers import BY_TYPE, SERIALIZERS, Serializer

IGNORED_KEYS = {"live"}  # written by the exporter for information; an import always publishes


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass
class Outcome:
    action: Action
    type: str
    key: str
    where: str
    errors: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        head = f"{self.action:<10} {self.type:<13} {self.key or '(no slug)'}  [{self.where}]"
        if not self.errors:
            return [head]
        return [f"{head}  {name}: {message}" for name, message in self.errors]


@dataclass
class ImportReport:
    dry_run: bool = False
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        return Counter(outcome.action for outcome in self.outcomes)

    @property
    def has_errors(self) -> bool:
        return bool(self.problems) or self.counts[Action.ERROR] > 0

    def lines(self) -> list[str]:
        lines = [f"error      file           {problem.file}: {problem.message}" for problem in self.problems]
        for outcome in self.outcomes:
            lines += outcome.lines()
        return lines

    def summary(self) -> str:
        counts = self.counts
        parts = ", ".join(f"{action.value} {counts[action]}" for action in Action)
        if self.problems:
            parts += f", unreadable files or sections {len(self.problems)}"
        return f"Summary: {parts}" + (" (dry run: nothing was changed)" if self.dry_run else "")


class _Discard(Exception):
    """Rolls back one record's savepoint."""

    def __init__(self, outcome: Outcome):
        super().__init__(outcome.key)
        self.outcome = outcome


def import_files(paths: list[str | Path], dry_run: bool = False) -> ImportReport:
    """Import every record of the files; with dry_run, report what would happen and change nothing."""
    read = read_files(paths)
    report = ImportReport(dry_run=dry_run, problems=read.problems)
    order = {serializer.type: position for position, serializer in enumerate(SERIALIZERS)}
    records = sorted(read.records, key=lambda record: order.get(record.type, -1))
    # A dry run writes inside a transaction it rolls back; only the database search engine may see it.
    engines = override_settings(SEARCH_BACKEND="database", WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": "wagtail.search.backends.database"}})
    with engines if dry_run else nullcontext(), transaction.atomic():
        refs = References()
        for record in records:
            report.outcomes += apply_in_savepoint(record, refs)
        if dry_run:
            transaction.set_rollback(True)
    return report


def apply_in_savepoint(record: Record, refs: References) -> list[Outcome]:
    """The record's outcome, preceded by any countries created for it."""
    refs.begin()
    try:
        with transaction.atomic():
            outcome = apply_record(record, refs)
            if outcome.action == Action.ERROR:
                raise _Discard(outcome)
    except _Discard as discarded:
        outcome = discarded.outcome
    except (DatabaseError, ValidationError, ValueError, TypeError) as error:
        outcome = Outcome(Action.ERROR, record.type, record_key(record), record.where, [("record", f"could not be saved: {error}")])
    if outcome.action == Action.ERROR:
        refs.rollback()
        if record.type in BY_TYPE:
            refs.reload(record.type, outcome.key)
        return [outcome]
    created = [Outcome(Action.CREATE, "country", country.code, f"{record.where}, ISO 3166 name “{country.name}”") for country in refs.commit()]
    return created + [outcome]


def record_key(record: Record) -> str:
    serializer = BY_TYPE.get(record.type)
    value = record.data.get(serializer.key if serializer else "slug")
    value = str(plain(value) or "").strip() if not isinstance(value, list | dict) else ""
    return value.upper() if record.type == "country" else value


def apply_record(record: Record, refs: References) -> Outcome:
    key = record_key(record)

    def error(*pairs: tuple[str, str]) -> Outcome:
        return Outcome(Action.ERROR, record.type, key, record.where, list(pairs))

    if "__invalid_type__" in record.data:
        return error(("type", f"Unknown type “{record.data['__invalid_type__']}”: use {', '.join(BY_TYPE)}."))
    if "__invalid__" in record.data:
        return error(("record", "Each record must be a mapping of field names to values."))
    serializer: Serializer = BY_TYPE[record.type]
    unknown = sorted(set(record.data) - set(serializer.field_names) - IGNORED_KEYS)
    if unknown:
        return error(*[(name, f"Unknown field for {serializer.section}: use {', '.join(serializer.field_names)}.") for name in unknown])
    if not key:
        return error((serializer.key, "This field is required."))

    obj = refs.existing(record.type, key)
    created = obj is None
    before = None if created else serializer.dump(obj)
    if created:
        obj = serializer.new()
    data = dict(record.data, **{serializer.key: key})
    errors = serializer.apply(obj, data, refs)
    failed = {name.split("[")[0].split(".")[0] for name, _ in errors}
    errors += serializer.validate(obj, failed)
    if errors:
        return error(*errors)
    if serializer.dump(obj) == before:
        return Outcome(Action.UNCHANGED, record.type, key, record.where)
    serializer.save(obj, created)
    refs.remember(record.type, key, obj)
    return Outcome(Action.CREATE if created else Action.UPDATE, record.type, key, record.where)
