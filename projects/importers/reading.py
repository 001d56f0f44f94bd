"""Reading entry files (YAML or CSV, see FORMAT.md) into records that know where they came from."""

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .serializers import BY_SECTION, BY_TYPE

# The standard library's csv refuses cells over 128 KB; an exported entry with a long body has bigger ones.
MAX_CSV_CELL = 64 * 1024 * 1024


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
    line: int | None = None

    @property
    def where(self) -> str:
        return f"{self.file}, line {self.line}" if self.line else self.file


@dataclass
class ReadResult:
    records: list[Record] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)


def read_files(paths: list[str | Path], encoding: str = "utf-8") -> ReadResult:
    result = ReadResult()
    for path in paths:
        path = Path(path)
        try:
            text = decode(path.read_bytes(), encoding)
        except OSError as error:
            result.problems.append(FileProblem(path.name, f"cannot be read: {error.strerror or error}"))
            continue
        except UnicodeDecodeError as error:
            result.problems.append(FileProblem(path.name, undecodable(error, encoding), line=error.object.count(b"\n", 0, error.start) + 1))
            continue
        reader = read_csv if path.suffix.lower() == ".csv" else read_yaml
        reader(path.name, text, result)
    return result


def decode(content: bytes, encoding: str) -> str:
    """The file's text; a UTF-8 byte-order mark (as spreadsheet programs write) is dropped."""
    if codecs.lookup(encoding).name == "utf-8" and content.startswith(codecs.BOM_UTF8):
        content = content[len(codecs.BOM_UTF8) :]
    return content.decode(encoding)


def undecodable(error: UnicodeDecodeError, encoding: str) -> str:
    byte = error.object[error.start : error.start + 1].hex()
    hint = "save it as UTF-8 or name its encoding, e.g. --encoding latin-1" if codecs.lookup(encoding).name == "utf-8" else "check --encoding"
    return f"is not {encoding} text (byte 0x{byte} cannot be decoded): {hint}."


def read_yaml(name: str, text: str, result: ReadResult) -> None:
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        line = error.problem_mark.line + 1 if getattr(error, "problem_mark", None) else None
        result.problems.append(FileProblem(name, f"is not valid YAML: {error}", line=line))
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
            # Keys as text: `2019: x` is a misspelt field like any other, reported by name.
            data = {str(key): value for key, value in item.items()} if isinstance(item, dict) else {"__invalid__": item}
            result.records.append(Record(name, number, serializer.type, data))


def read_csv(name: str, text: str, result: ReadResult) -> None:
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CSV_CELL))
    rows = csv.DictReader(io.StringIO(text, newline=""))
    try:
        columns = rows.fieldnames
    except csv.Error as error:
        result.problems.append(FileProblem(name, f"is not a readable CSV file: {error}.", line=rows.line_num or 1))
        return
    if not columns or "type" not in columns:
        result.problems.append(FileProblem(name, "needs a header row with a “type” column."))
        return
    repeated = sorted({column for column in columns if columns.count(column) > 1})
    if repeated:
        result.problems.append(FileProblem(name, f"the header names {', '.join(repeated)} more than once.", line=1))
        return
    number = 1
    try:
        for number, row in enumerate(rows, start=2):
            result.records.append(csv_record(name, number, row))
    except csv.Error as error:
        # Rows before the damage are kept (each is reported on its own); the rest of the file cannot be read.
        result.problems.append(FileProblem(name, f"row {number + 1} cannot be read: {error}; this and later rows were skipped.", line=rows.line_num))


def csv_record(name: str, number: int, row: dict[str | None, Any]) -> Record:
    type_name = (row.pop("type") or "").strip()
    serializer = BY_TYPE.get(type_name)
    if serializer is None:
        return Record(name, number, type_name or "?", {"__invalid_type__": type_name})
    extra = row.pop(None, None)  # cells beyond the header
    if extra and any(cell.strip() for cell in extra):
        return Record(name, number, serializer.type, {"__extra_cells__": len(extra)})
    fields = {field.name: field for field in serializer.fields}
    data: dict[str, Any] = {}
    for column, cell in row.items():
        cell = cell or ""
        if column in fields:
            data[column] = fields[column].from_cell(cell)
        elif cell.strip():
            data[column] = cell  # reported as an unknown field for this type
    return Record(name, number, serializer.type, data)
