"""Reading entry files (YAML or CSV, see FORMAT.md) into records that know where they came from."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .serializers import BY_SECTION, BY_TYPE


@dataclass
class Record:
    file: str
    number: int  # YAML: position in its section; CSV: the spreadsheet row (the header is row 1)
    type: str
    data: dict[str, Any]

    @property
    def where(self) -> str:
        unit = "row" if self.file.lower().endswith(".csv") else "record"
        return f"{self.file}, {unit} {self.number}"


@dataclass
class FileProblem:
    """A file that could not be read at all, or a part of it that is not a record."""

    file: str
    message: str


@dataclass
class ReadResult:
    records: list[Record] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)


def read_files(paths: list[str | Path]) -> ReadResult:
    result = ReadResult()
    for path in paths:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            result.problems.append(FileProblem(str(path), f"cannot be read: {error}"))
            continue
        reader = read_csv if path.suffix.lower() == ".csv" else read_yaml
        reader(path.name, text, result)
    return result


def read_yaml(name: str, text: str, result: ReadResult) -> None:
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        result.problems.append(FileProblem(name, f"is not valid YAML: {error}"))
        return
    if document is None:
        return
    if not isinstance(document, dict):
        result.problems.append(FileProblem(name, "must be a mapping of sections (case_studies, agreements, ...) to lists of records."))
        return
    for section, items in document.items():
        serializer = BY_SECTION.get(section)
        if serializer is None:
            result.problems.append(FileProblem(name, f"unknown section “{section}”: use {', '.join(BY_SECTION)}."))
            continue
        if not isinstance(items, list):
            result.problems.append(FileProblem(name, f"section “{section}” must be a list of records."))
            continue
        for number, item in enumerate(items, start=1):
            data = item if isinstance(item, dict) else {"__invalid__": item}
            result.records.append(Record(name, number, serializer.type, data))


def read_csv(name: str, text: str, result: ReadResult) -> None:
    rows = csv.DictReader(io.StringIO(text, newline=""))
    if not rows.fieldnames or "type" not in rows.fieldnames:
        result.problems.append(FileProblem(name, "needs a header row with a “type” column."))
        return
    for number, row in enumerate(rows, start=2):
        type_name = (row.pop("type") or "").strip()
        serializer = BY_TYPE.get(type_name)
        if serializer is None:
            data = {"__invalid_type__": type_name}
            result.records.append(Record(name, number, type_name or "?", data))
            continue
        fields = {field.name: field for field in serializer.fields}
        data: dict[str, Any] = {}
        for column, cell in row.items():
            cell = cell or ""
            if column in fields:
                data[column] = fields[column].from_cell(cell)
            elif cell.strip():
                data[column] = cell  # reported as an unknown field for this type
        result.records.append(Record(name, number, serializer.type, data))
