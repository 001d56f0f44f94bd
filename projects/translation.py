"""Which text a reader sees in their language: a record's translated field, or its English original.

Entries and vocabularies keep their Chinese beside the English in fields named `<field>_zh_hans` (see the README's
"Two languages"): one record per entry, so search, lists and comparison never show an entry twice.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, gettext

SOURCE_LANGUAGE = "en"
# Field suffix per translated language: zh-hans -> title_zh_hans.
TRANSLATED_LANGUAGES = {"zh-hans": "zh_hans"}
# A record's local names are tagged with BCP 47 codes (zh-Hans); the interface language with Django's (zh-hans).
LOCAL_NAME_LANGUAGES = {"zh-hans": ("zh-Hans", "zh", "zh-CN")}


@dataclass(frozen=True)
class Localized:
    """A piece of text and the language it is really in (which may differ from the page's)."""

    text: str
    language: str

    def __str__(self) -> str:
        return self.text


def active_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).lower()


def translated_field(field: str, language: str) -> str | None:
    suffix = TRANSLATED_LANGUAGES.get(language)
    return f"{field}_{suffix}" if suffix else None


def localized(record, field: str, language: str | None = None) -> Localized:
    """`record.<field>` in `language` (the active one by default) when translated, else the English original."""
    language = language or active_language()
    name = translated_field(field, language)
    original = getattr(record, field) or ""
    if name and hasattr(record, name):
        text = getattr(record, name)
        return Localized(text, language) if text else Localized(original, SOURCE_LANGUAGE)
    if name and original and gettext(original) != original:
        # Pages without translated fields (home, entry lists) are named with the interface's own words.
        return Localized(gettext(original), language)
    return Localized(original, SOURCE_LANGUAGE)


def local_name(record, language: str | None = None) -> Localized:
    """A city's or organisation's own name in the reader's language (杭州 for Hangzhou), else its English name."""
    language = language or active_language()
    wanted = LOCAL_NAME_LANGUAGES.get(language, ())
    for block in getattr(record, "local_names", []) or []:
        if block.value.get("language") in wanted and block.value.get("name"):
            return Localized(block.value["name"], language)
    return Localized(record.name, SOURCE_LANGUAGE)


class TranslatedName(models.Model):
    """The Chinese name of a vocabulary term, and the name to show in the active language (`label`)."""

    name_zh_hans = models.CharField("name in Simplified Chinese", max_length=150, blank=True)

    class Meta:
        abstract = True

    @property
    def label(self) -> str:
        return localized(self, "name").text


class LocalName:
    """Cities and organisations are shown by their own local name on a page in that language (`label`)."""

    @property
    def label(self) -> str:
        return local_name(self).text
