"""Export every record in the import format: a mapping of sections (JSON, same as YAML) or one CSV row per record."""

import csv
import io

from .serializers import SERIALIZERS, PageSerializer


def export_records(include_drafts: bool = False) -> dict[str, list[dict]]:
    """{section: [record, ...]} for every type, in import order; entries carry `live`."""
    document: dict[str, list[dict]] = {}
    for serializer in SERIALIZERS:
        queryset = serializer.queryset()
        is_page = isinstance(serializer, PageSerializer)
        if is_page and not include_drafts:
            queryset = queryset.filter(live=True)
        records = []
        for obj in sorted(queryset, key=lambda obj: getattr(obj, serializer.key)):
            record = serializer.dump(obj)
            if is_page:
                record["live"] = obj.live
            records.append(record)
        document[serializer.section] = records
    return document


def csv_columns() -> list[str]:
    columns = ["type"]
    for serializer in SERIALIZERS:
        columns += [name for name in serializer.field_names if name not in columns]
    return columns + ["live"]


def export_csv(include_drafts: bool = False) -> str:
    """One row per record with a `type` column; lists joined by `;`, nested values as JSON."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_columns(), lineterminator="\n")
    writer.writeheader()
    document = export_records(include_drafts)
    for serializer in SERIALIZERS:
        fields = {field.name: field for field in serializer.fields}
        for record in document[serializer.section]:
            row = {"type": serializer.type}
            for name, value in record.items():
                row[name] = fields[name].to_cell(value) if name in fields else ("true" if value else "false")
            writer.writerow(row)
    return buffer.getvalue()
