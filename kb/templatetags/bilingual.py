"""Two languages in templates: a record's text in the reader's language, and the same page in the other language.

`{% localized entry "title" %}` prints the Chinese title on a Chinese page, or the English one wrapped in
`<span lang="en">` so a screen reader switches voice; `{{ entry|localized_text:"title" }}` gives the bare text for
attributes and the `<title>`. `{% alternate_languages as alternates %}` gives each language's URL of this page.
"""

import datetime

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import dateformat, timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language_info, override

from projects.fields import format_partial_date
from projects.translation import SOURCE_LANGUAGE, active_language, local_name, localized, translated_field

register = template.Library()


def _marked(piece) -> str:
    if piece.language == active_language():
        return format_html("{}", piece.text)
    return format_html('<span lang="{}">{}</span>', piece.language, piece.text)


@register.simple_tag(name="localized")
def localized_tag(record, field: str) -> str:
    return _marked(localized(record, field))


@register.filter
def localized_text(record, field: str) -> str:
    return localized(record, field).text


@register.simple_tag(name="local_name")
def local_name_tag(record) -> str:
    """A city's or organisation's local name in the reader's language, else its English name marked as English."""
    return _marked(local_name(record))


@register.simple_tag(takes_context=True)
def alternate_languages(context) -> list[dict]:
    """This page in every interface language: code, its own name, URL (absolute) and whether it is the one shown."""
    request = context.get("request")
    if request is None:
        return []
    current = active_language()
    path = request.path  # without the query: no parameter a reader (or a tracker) added is repeated in every link
    alternates = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        alternates.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    return alternates


@register.simple_tag
def source_lang() -> str:
    """` lang="en"` on an element whose text is only ever in English (a body, outcomes) when the page is not."""
    return format_html(' lang="{}"', SOURCE_LANGUAGE) if active_language() != SOURCE_LANGUAGE else ""


@register.filter
def long_date(value) -> str:
    """A date as the reader writes it: '3 November 2019' in English, '2019年11月3日' in Chinese."""
    if not value:
        return ""
    return dateformat.format(value, "j F Y") if active_language() == SOURCE_LANGUAGE else date_format(value, "DATE_FORMAT")


def reader_partial_date(value: str | None) -> str:
    """A partial date ('2019-11') in the reader's own format: 'November 2019', '2019年11月'."""
    if not value or active_language() == SOURCE_LANGUAGE:
        return format_partial_date(value)
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return date_format(datetime.date(parts[0], 1, 1), "Y")
    day = datetime.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    return date_format(day, "DATE_FORMAT" if len(parts) == 3 else "YEAR_MONTH_FORMAT")


def url_in_language(url: str, language: str) -> str:
    """A site address (as stored, in English) in `language`: /case-studies/x/ -> /zh-hans/case-studies/x/."""
    with override(settings.LANGUAGE_CODE):
        return translate_url(url, language)


class LocalizedHit:
    """A search hit with its entry's translated title and summary beside the English ones, and its address in the
    reader's language; everything else is the hit's own."""

    def __init__(self, hit, texts: dict, language: str):
        self.hit = hit
        self.url = url_in_language(hit.url, language)
        for field in ("title", "summary"):
            name = translated_field(field, language)
            setattr(self, name, texts.get(name, ""))

    def __getattr__(self, name):
        return getattr(self.hit, name)


@register.simple_tag
def localized_hits(hits) -> list:
    """Search hits ready for `{% localized hit "title" %}`: their entries' Chinese read in one query per entry type."""
    from projects.models import AgreementPage, CaseStudyPage, SolutionPage

    language = active_language()
    if language == SOURCE_LANGUAGE:
        return hits
    fields = [translated_field("title", language), translated_field("summary", language)]
    texts = {}
    for model in (CaseStudyPage, AgreementPage, SolutionPage):
        slugs = [hit.slug for hit in hits if hit.type == model.entry_type]
        if slugs:
            rows = model.objects.filter(slug__in=slugs).values("slug", *fields)
            texts.update({(model.entry_type, row["slug"]): row for row in rows})
    return [LocalizedHit(hit, texts.get((hit.type, hit.slug), {}), language) for hit in hits]


@register.simple_tag
def long_today() -> str:
    """Today as the reader writes a date (for "accessed on")."""
    return long_date(timezone.localdate())
