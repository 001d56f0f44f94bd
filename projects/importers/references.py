"""Existing records by slug (countries by code), loaded once per type, so an import does not query per reference."""

from django.core.exceptions import ValidationError
from django.utils import translation
from django_countries import countries as iso_countries

from ..models import Country
from .serializers import BY_TYPE


class References:
    """The records of each type, keyed by slug, kept current as the import creates records.

    Records created while applying one record are pending until that record succeeds: when its
    savepoint is rolled back, they are forgotten too.
    """

    def __init__(self):
        self._by_type: dict[str, dict[str, object]] = {}
        self._pending: list[tuple[str, str]] = []
        self.created_countries: list[Country] = []

    def records(self, type_name: str) -> dict[str, object]:
        if type_name not in self._by_type:
            serializer = BY_TYPE[type_name]
            self._by_type[type_name] = {getattr(obj, serializer.key): obj for obj in serializer.queryset()}
        return self._by_type[type_name]

    def existing(self, type_name: str, key: str):
        return self.records(type_name).get(key)

    def remember(self, type_name: str, key: str, obj) -> None:
        self.records(type_name)[key] = obj
        self._pending.append((type_name, key))

    def reload(self, type_name: str, key: str) -> None:
        """Re-read an object whose in-memory state no longer matches the database (a failed update)."""
        records = self.records(type_name)
        if key in records:
            serializer = BY_TYPE[type_name]
            fresh = serializer.queryset().filter(**{serializer.key: key}).first()
            if fresh is None:
                del records[key]
            else:
                records[key] = fresh

    def begin(self) -> None:
        self._pending = []
        self._countries_before = len(self.created_countries)

    def commit(self) -> list[Country]:
        """The countries created for the record just applied."""
        self._pending = []
        return self.created_countries[self._countries_before :]

    def rollback(self) -> None:
        for type_name, key in self._pending:
            self._by_type[type_name].pop(key, None)
        del self.created_countries[self._countries_before :]
        self._pending = []

    def resolve(self, type_name: str, key) -> object:
        key = str(key).strip()
        if type_name == "country":
            return self.country(key)
        found = self.existing(type_name, key)
        if found is None:
            raise ValidationError(f"No {BY_TYPE[type_name].model._meta.verbose_name} with slug “{key}”.")
        return found

    def country(self, code: str) -> Country:
        """A known country, or a new one for any valid ISO 3166-1 alpha-2 code, named in English."""
        code = code.upper()
        found = self.existing("country", code)
        if found is not None:
            return found
        with translation.override("en"):
            name = str(dict(iso_countries).get(code) or "") if len(code) == 2 and code.isalpha() else ""
        if not name:
            raise ValidationError(f"“{code}” is not an ISO 3166-1 alpha-2 country code.")
        country = Country(code=code, name=name)
        country.save()
        self.remember("country", code, country)
        self.created_countries.append(country)
        return country
