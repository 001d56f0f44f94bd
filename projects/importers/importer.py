"""Applying records: each in its own savepoint, matched by slug, compared with what the exporter would write.

A dry run needs no precautions for search: the index updates an import causes (the site's outbox rows, Wagtail's
index tasks) are rows written in the import's own transaction, so they are rolled back with it.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from wagtail.log_actions import LogContext

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
        lines = [problem_line(problem) for problem in self.problems]
        for outcome in self.outcomes:
            lines += outcome.lines()
        return lines

    def summary(self) -> str:
        counts = self.counts
        parts = ", ".join(f"{action.value} {counts[action]}" for action in Action)
        if self.problems:
            parts += f", unreadable files or sections {len(self.problems)}"
        return f"Summary: {parts}" + (" (dry run: nothing was changed)" if self.dry_run else "")


def problem_line(problem: FileProblem) -> str:
    return f"error      file           {problem.where}: {problem.message}"


class _Discard(Exception):
    """Rolls back one record's savepoint."""

    def __init__(self, outcome: Outcome):
        super().__init__(outcome.key)
        self.outcome = outcome


def import_files(paths: list[str | Path], dry_run: bool = False, encoding: str = "utf-8", user=None) -> ImportReport:
    """Import every record of the files; with dry_run, report what would happen and change nothing.

    `user` is who ran the import: revisions and Wagtail's audit log name them.
    """
    read = read_files(paths, encoding)
    report = ImportReport(dry_run=dry_run, problems=read.problems)
    records, report.outcomes = without_duplicates(read.records)
    order = {serializer.type: position for position, serializer in enumerate(SERIALIZERS)}
    records.sort(key=lambda record: order.get(record.type, -1))
    with LogContext(user=user), transaction.atomic():
        refs = References()
        for record in records:
            report.outcomes += apply_in_savepoint(record, refs, user)
        if dry_run:
            transaction.set_rollback(True)
    return report


def without_duplicates(records: list[Record]) -> tuple[list[Record], list[Outcome]]:
    """Records whose slug (country: code) appears once in the run, and an error for each that appears more often.

    Applying both would report "create" then "update" and write a revision per copy on every rerun.
    """
    by_key: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for record in records:
        key = record_key(record) if record.type in BY_TYPE else ""
        if key:
            by_key[(record.type, key)].append(record)
    duplicated = {id(record) for group in by_key.values() if len(group) > 1 for record in group}
    errors = []
    for (type_name, key), group in by_key.items():
        if len(group) < 2:
            continue
        name = BY_TYPE[type_name].key
        for record in group:
            others = "; ".join(other.where for other in group if other is not record)
            errors.append(Outcome(Action.ERROR, type_name, key, record.where, [(name, f"“{key}” is also in {others}: keep one record per {name}.")]))
    return [record for record in records if id(record) not in duplicated], errors


def apply_in_savepoint(record: Record, refs: References, user=None) -> list[Outcome]:
    """The record's outcome, preceded by any countries created for it."""
    refs.begin()
    try:
        with transaction.atomic():
            outcome = apply_record(record, refs, user)
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


def apply_record(record: Record, refs: References, user=None) -> Outcome:
    key = record_key(record)

    def error(*pairs: tuple[str, str]) -> Outcome:
        return Outcome(Action.ERROR, record.type, key, record.where, list(pairs))

    if "__invalid_type__" in record.data:
        return error(("type", f"Unknown type “{record.data['__invalid_type__']}”: use {', '.join(BY_TYPE)}."))
    if "__invalid__" in record.data:
        return error(("record", "Each record must be a mapping of field names to values."))
    if "__extra_cells__" in record.data:
        return error(("row", f"{record.data['__extra_cells__']} cell(s) beyond the last column of the header."))
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
    serializer.save(obj, created, user)
    refs.remember(record.type, key, obj)
    return Outcome(Action.CREATE if created else Action.UPDATE, record.type, key, record.where)
