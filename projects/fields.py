"""Field types the catalog needs beyond Django's own: partial dates."""

import calendar
import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models

PARTIAL_DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def validate_partial_date(value: str) -> None:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD naming a real year, month and day."""
    match = PARTIAL_DATE_PATTERN.match(value or "")
    if not match:
        raise ValidationError(
            "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD (for example 2019, 2019-11 or 2019-11-03).",
            code="invalid_partial_date",
        )
    year, month, day = (int(part) if part else None for part in match.groups())
    if not 1900 <= year <= 2100:
        raise ValidationError("The year must be between 1900 and 2100.", code="invalid_partial_date")
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        raise ValidationError(f"{value} is not a real date.", code="invalid_partial_date") from None


def partial_date_year(value: str | None) -> int | None:
    return int(value[:4]) if value else None


def format_partial_date(value: str | None) -> str:
    """'2019' -> '2019', '2019-11' -> 'November 2019', '2019-11-03' -> '3 November 2019'."""
    if not value:
        return ""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = calendar.month_name[parts[1]]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{parts[2]} {month} {parts[0]}"


class PartialDateField(models.CharField):
    """A date known to the year, the month or the day, stored as sortable ISO text."""

    default_validators = [validate_partial_date]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("help_text", "YYYY, YYYY-MM or YYYY-MM-DD")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs
