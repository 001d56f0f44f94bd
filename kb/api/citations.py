"""Citations of an entry as BibTeX (<entry URL>cite.bib) and RIS (<entry URL>cite.ris), for Zotero, EndNote and
reference managers like them: the entry's title, the knowledge base as the organisation that publishes it, the
revision's date, the address and the day it was accessed."""

import re
from dataclasses import dataclass
from datetime import date, datetime

import rispy
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from wagtail.models import Page

from projects.models.pages import EntryPage
from projects.visibility import visible_entries

FORMATS = {"bib": "application/x-bibtex; charset=utf-8", "ris": "application/x-research-info-systems; charset=utf-8"}
BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_^~])")
BIBTEX_REPLACEMENTS = {"\\": r"\textbackslash{}", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}


@dataclass
class Citation:
    key: str
    title: str
    kind: str  # "case study", "cooperation agreement", ...
    publisher: str
    url: str
    revised: datetime
    accessed: date
    abstract: str

    @classmethod
    def of(cls, entry: EntryPage, request: HttpRequest) -> "Citation":
        revised = entry.last_published_at or entry.first_published_at or timezone.now()
        return cls(
            key=f"acsckb-{entry.slug}-{revised.year}",
            title=entry.title,
            kind=str(entry._meta.verbose_name),
            publisher=settings.WAGTAIL_SITE_NAME,
            url=request.build_absolute_uri(entry.get_url(request)),
            revised=timezone.localtime(revised),
            accessed=timezone.localdate(),
            abstract=" ".join(entry.teaser.split()),
        )


def _bibtex_text(value: str) -> str:
    return BIBTEX_SPECIAL.sub(lambda match: BIBTEX_REPLACEMENTS.get(match.group(1), "\\" + match.group(1)), " ".join(value.split()))


def bibtex(citation: Citation) -> str:
    """A biblatex @online entry (BibTeX styles read it as @misc). Written here rather than with a BibTeX library,
    because those escape the url field too, and a reference manager then keeps the backslashes in the link."""
    fields = [
        ("title", "{" + _bibtex_text(citation.title) + "}"),  # double braces keep the title's capitals
        ("organization", "{" + _bibtex_text(citation.publisher) + "}"),
        ("year", str(citation.revised.year)),
        ("date", citation.revised.date().isoformat()),
        ("url", citation.url),
        ("urldate", citation.accessed.isoformat()),
        ("note", _bibtex_text(f"{citation.kind.capitalize()}, revision of {citation.revised.date().isoformat()}")),
        ("abstract", _bibtex_text(citation.abstract)),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@online{{{citation.key},\n{body}\n}}\n"


class _RisWriter(rispy.RisWriter):
    def set_header(self, count: int) -> str:
        return ""  # no reference counter line before TY: EndNote expects TY first


def ris(citation: Citation) -> str:
    reference = {
        "type_of_reference": "ELEC",
        "title": citation.title,
        "authors": [citation.publisher + ","],  # a corporate author: the trailing comma keeps it one name
        "publisher": citation.publisher,
        "year": str(citation.revised.year),
        "date": citation.revised.strftime("%Y/%m/%d"),
        "access_date": citation.accessed.strftime("%Y/%m/%d"),
        "urls": [citation.url],
        "type_of_work": citation.kind,
        "notes": [f"Revision of {citation.revised.date().isoformat()}"],
        "abstract": citation.abstract,
        "id": citation.key,
    }
    one_line = {tag: _one_line(value) for tag, value in reference.items()}  # a line break would start a new tag
    return rispy.dumps([one_line], implementation=_RisWriter).replace("\n", "\r\n")


def _one_line(value):
    return [" ".join(item.split()) for item in value] if isinstance(value, list) else " ".join(value.split())


def entry_citation(request: HttpRequest, path: str, fmt: str) -> HttpResponse:
    """The citation of the entry at `path`, if the reader may see it; anything else is not found."""
    route = Page.route_for_request(request, path)
    page = route[0].specific if route else None
    if not isinstance(page, EntryPage) or route[1] or not visible_entries(type(page), request).filter(pk=page.pk).exists():
        raise Http404("No entry to cite here.")
    citation = Citation.of(page, request)
    response = HttpResponse((bibtex if fmt == "bib" else ris)(citation), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.{fmt}"'
    return response
