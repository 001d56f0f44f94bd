"""How one field of a record maps onto a model: dump for export, apply for import, CSV cell codec.

Every field is written by `dump` and read back by `apply`, so the exporter and the importer share
one definition and cannot drift. `apply` raises ValidationError with the model's own messages.
"""

import datetime
import html
import json
import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.blocks import BlockField, StreamValue
from wagtail.rich_text import RichText

from ..forms import SourcesField


def plain(value: Any) -> Any:
    """YAML reads 2019-11-03 as a date and 2019 as an int: partial dates and text want strings."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


class Field:
    """A scalar model field under the same name in the record."""

    def __init__(self, name: str, *, attribute: str | None = None, null_when_empty: bool = False, text: bool = False):
        self.name = name
        self.attribute = attribute or name
        self.null_when_empty = null_when_empty  # exported as null rather than "" (URLs, optional dates)
        self.text = text  # YAML numbers and dates are read as text (partial dates, codes)

    def model_field(self, obj):
        return obj._meta.get_field(self.attribute)

    def dump(self, obj) -> Any:
        value = getattr(obj, self.attribute)
        if isinstance(value, Decimal):
            return number(value)
        if isinstance(value, datetime.date):
            return value.isoformat()
        if value == "" and self.null_when_empty:
            return None
        return value

    def apply(self, obj, value: Any, refs) -> None:
        field = self.model_field(obj)
        if self.text:
            value = plain(value)
        if value is None or value == "":
            # "No value": the model's default where the field needs one (confidence), else empty.
            value = field.get_default() if field.has_default() and not field.blank else None if field.null else ""
        elif isinstance(value, list | dict):
            raise ValidationError("Expected a single value, not a list or mapping.")
        elif isinstance(value, float) and isinstance(field, models.DecimalField):
            value = repr(value)  # 4.89, not the binary 4.8899999999999996802557689079549163579940795898437
        setattr(obj, self.attribute, field.to_python(value))

    def from_cell(self, cell: str) -> Any:
        return cell

    def to_cell(self, value: Any) -> str:
        return "" if value is None else str(value)


class BooleanField(Field):
    TRUE, FALSE = {"true", "yes", "1"}, {"false", "no", "0", ""}

    def apply(self, obj, value: Any, refs) -> None:
        if not isinstance(value, bool):
            raise ValidationError("Enter true or false.")
        setattr(obj, self.attribute, value)

    def from_cell(self, cell: str) -> Any:
        word = cell.strip().lower()
        return True if word in self.TRUE else False if word in self.FALSE else cell

    def to_cell(self, value: Any) -> str:
        return "true" if value else "false"


class Reference(Field):
    """A foreign key written as the target's slug (countries: ISO code)."""

    def __init__(self, name: str, target: str, **kwargs):
        super().__init__(name, **kwargs)
        self.target = target

    def dump(self, obj) -> Any:
        related = getattr(obj, self.attribute)
        return refs_key(related) if related is not None else None

    def apply(self, obj, value: Any, refs) -> None:
        value = plain(value)
        if value in (None, ""):
            setattr(obj, self.attribute, None)
            return
        setattr(obj, self.attribute, refs.resolve(self.target, value))


class ReferenceList(Field):
    """A many-to-many relation written as a list of slugs (countries: ISO codes), sorted."""

    def __init__(self, name: str, target: str, **kwargs):
        super().__init__(name, **kwargs)
        self.target = target

    def dump(self, obj) -> Any:
        return sorted(refs_key(related) for related in getattr(obj, self.attribute).all())

    def apply(self, obj, value: Any, refs) -> None:
        if value is None:
            value = []
        if not isinstance(value, list):
            raise ValidationError("Expected a list.")
        targets, unknown = [], []
        for key in value:
            try:
                targets.append(refs.resolve(self.target, plain(key)))
            except ValidationError as error:
                unknown.extend(error.messages)
        if unknown:
            raise ValidationError(unknown)
        getattr(obj, self.attribute).set(targets)

    def from_cell(self, cell: str) -> Any:
        return [item.strip() for item in cell.split(";") if item.strip()]

    def to_cell(self, value: Any) -> str:
        return ";".join(value or [])


class JSONCellField(Field):
    def from_cell(self, cell: str) -> Any:
        if not cell.strip():
            return None
        try:
            return json.loads(cell)
        except json.JSONDecodeError as error:
            return InvalidCell(f"Not valid JSON ({error.msg} at character {error.pos}).")

    def to_cell(self, value: Any) -> str:
        return "" if value in (None, [], {}) else json.dumps(value, ensure_ascii=False)


class InvalidCell:
    """A CSV cell that could not be decoded; applying it reports the reason for its field."""

    def __init__(self, message: str):
        self.message = message


def refs_key(obj) -> str:
    return obj.code if hasattr(obj, "code") else obj.slug


def flatten_block_errors(name: str, data: dict) -> list[tuple[str, str]]:
    """Wagtail's nested block error data as ('sources[2].url', 'Enter a valid URL.') pairs."""
    pairs = [(name, message) for message in data.get("messages", [])]
    for key, child in (data.get("blockErrors") or {}).items():
        label = f"{name}[{int(key) + 1}]" if str(key).isdigit() else f"{name}.{key}"
        if isinstance(child, list):  # list blocks give a list of child errors
            for index, item in enumerate(child):
                if item:
                    pairs += flatten_block_errors(f"{label}[{index + 1}]", item)
        else:
            pairs += flatten_block_errors(label, child)
    return pairs


class BlockErrors(Exception):
    """StreamField validation failed: carries (field path, message) pairs."""

    def __init__(self, pairs: list[tuple[str, str]]):
        super().__init__(pairs)
        self.pairs = pairs


class StreamField(JSONCellField):
    """A StreamField of one struct block type, written as a list of its values (sources)."""

    block_name = "source"
    keys = ("title", "url", "publisher", "published", "accessed")

    def dump(self, obj) -> Any:
        return [self.dump_value(dict(block.value)) for block in getattr(obj, self.attribute)]

    def dump_value(self, value: dict) -> dict:
        return {key: (value.get(key) or None) if key not in ("title", "url") else value.get(key, "") for key in self.keys}

    def raw_items(self, value: Any) -> list[dict]:
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise ValidationError("Expected a list of mappings.")
        unknown = sorted({key for item in value for key in item} - set(self.keys))
        if unknown:
            raise ValidationError(f"Unknown key(s) {', '.join(unknown)}: use {', '.join(self.keys)}.")
        return [{key: plain(item.get(key)) or "" for key in self.keys} for item in value]

    def apply(self, obj, value: Any, refs) -> None:
        items = self.raw_items([] if value is None else value)
        stream_block = self.model_field(obj).stream_block
        stream = StreamValue(stream_block, [(self.block_name, stream_block.child_blocks[self.block_name].to_python(item)) for item in items])
        setattr(obj, self.attribute, self.clean(stream_block, stream))

    def clean(self, stream_block, stream):
        try:
            return self.form_field(stream_block).clean(stream)
        except ValidationError as error:
            data = error.as_json_data() if hasattr(error, "as_json_data") else {"messages": error.messages}
            raise BlockErrors(flatten_block_errors(self.name, data)) from None

    def form_field(self, stream_block):
        return BlockField(block=stream_block, required=False)


class SourcesStreamField(StreamField):
    def form_field(self, stream_block):
        """The admin's own form field, so import and admin report the same "add a source" message."""
        return SourcesField(block=stream_block, required=False)


class LocalNamesField(StreamField):
    """Names by language, written as a mapping {language: name} (a list of {language, name} is also read)."""

    block_name = "local_name"

    def dump(self, obj) -> Any:
        return {block.value["language"]: block.value["name"] for block in getattr(obj, self.attribute)}

    def raw_items(self, value: Any) -> list[dict]:
        if isinstance(value, dict):
            return [{"language": str(language), "name": plain(name) or ""} for language, name in value.items()]
        if isinstance(value, list) and all(isinstance(item, dict) and set(item) <= {"language", "name"} for item in value):
            return [{"language": item.get("language") or "", "name": plain(item.get("name")) or ""} for item in value]
        raise ValidationError("Expected a mapping of language tag to name, e.g. {zh-Hans: 杭州城市大脑}.")


class BodyField(StreamField):
    """The body StreamField: plain paragraphs as strings; headings, quotes and rich paragraphs as {type: value}."""

    PLAIN_PARAGRAPH = re.compile(r"^<p>([^<]*)</p>$", re.DOTALL)

    def dump(self, obj) -> Any:
        items = []
        for block in getattr(obj, self.attribute):
            # The block's stored form: rich text whitelisted, even from a row written before the whitelist.
            value = block.block.get_prep_value(block.value) if isinstance(block.value, RichText) else block.value
            if block.block_type == "paragraph":
                match = self.PLAIN_PARAGRAPH.match(value)
                if match:
                    items.append(html.unescape(match.group(1)))
                    continue
            items.append({block.block_type: value})
        return items

    def apply(self, obj, value: Any, refs) -> None:
        if value is None:
            value = []
        if not isinstance(value, list):
            raise ValidationError("Expected a list of paragraphs.")
        stream_block = self.model_field(obj).stream_block
        raw = []
        for item in value:
            if isinstance(item, str):
                raw.append(("paragraph", f"<p>{html.escape(item.strip(), quote=False)}</p>"))
            elif isinstance(item, dict) and len(item) == 1 and next(iter(item)) in stream_block.child_blocks:
                block_type, block_value = next(iter(item.items()))
                if not isinstance(block_value, str):
                    raise ValidationError(f"Item {len(raw) + 1}: the value of “{block_type}” must be text.")
                raw.append((block_type, block_value))
            else:
                raise ValidationError(f"Each body item is a paragraph (text) or one of {', '.join(stream_block.child_blocks)} as {{type: value}}.")
        stream = StreamValue(stream_block, [(name, stream_block.child_blocks[name].to_python(item)) for name, item in raw])
        setattr(obj, self.attribute, self.clean(stream_block, stream))


class ChildList(JSONCellField):
    """Inline rows (partners, funding, lessons): replaced as a whole from the record."""

    def __init__(self, name: str, model, columns: dict[str, str | None]):
        """`columns` maps record key -> reference target (None for a plain value)."""
        super().__init__(name)
        self.model = model
        self.columns = columns

    def dump(self, obj) -> Any:
        rows = []
        for child in getattr(obj, self.attribute).all():
            row = {}
            for key, target in self.columns.items():
                if target:
                    related = getattr(child, key)
                    row[key] = refs_key(related) if related is not None else None
                else:
                    row[key] = Field(key).dump(child)
            rows.append(row)
        return rows

    def apply(self, obj, value: Any, refs) -> None:
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise ValidationError("Expected a list of mappings.")
        children, pairs = [], []
        for index, item in enumerate(value, start=1):
            label = f"{self.name}[{index}]"
            unknown = sorted(set(item) - set(self.columns))
            if unknown:
                pairs.append((label, f"Unknown key(s) {', '.join(unknown)}: use {', '.join(self.columns)}."))
                continue
            child = self.model(sort_order=index - 1)  # the order of the record, on every database
            for key, target in self.columns.items():
                try:
                    if target:
                        Reference(key, target).apply(child, item.get(key), refs)
                    else:
                        Field(key).apply(child, item.get(key), refs)
                except ValidationError as error:
                    pairs += [(f"{label}.{key}", message) for message in error.messages]
            if not any(path.startswith(label) for path, _ in pairs):
                try:
                    child.full_clean(exclude=["page", "sort_order"])
                except ValidationError as error:
                    pairs += [
                        (f"{label}.{key}" if key != "__all__" else label, message)
                        for key, messages in error.message_dict.items()
                        for message in messages
                    ]
            children.append(child)
        if pairs:
            raise BlockErrors(pairs)
        setattr(obj, self.attribute, children)
