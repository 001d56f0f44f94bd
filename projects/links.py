"""Where each entry type's list lives: the URL of its index page, looked up because editors may move or rename it."""

from django.http import HttpRequest
from django.utils.http import urlencode
from django.utils.translation import get_language
from wagtail.models import Page

from .counting import kept
from .models import AgreementIndexPage, CaseStudyIndexPage, SolutionIndexPage

INDEX_PAGES = {index.entry_type: index for index in (CaseStudyIndexPage, AgreementIndexPage, SolutionIndexPage)}


def entry_list_url(entry_type: str, request: HttpRequest | None = None, **filters) -> str:
    """The list of `entry_type` entries ('case_study', 'agreement', 'solution') narrowed by `filters`, e.g.
    entry_list_url("case_study", request, country="SG") -> '/case-studies/?country=SG'; '' when no live index page holds
    that type. Empty filters are left out."""
    base = _index_url(entry_type, request)
    query = urlencode({key: value for key, value in filters.items() if value not in (None, "", [])}, doseq=True)
    return f"{base}?{query}" if base and query else base


def _index_url(entry_type: str, request: HttpRequest | None) -> str:
    # A page links to lists many times (the navigation, a profile's groups, an entry's facts): looked up once per
    # catalog version (a moved or renamed index page bumps it), language and host, and kept on the request.
    known = getattr(request, "_entry_list_urls", None)
    if known is None:
        host = request.get_host() if request is not None else ""
        known = kept("entry-list-urls", (host, get_language()), lambda: _index_urls(request))
        if request is not None:
            request._entry_list_urls = known
    return known[entry_type]


def _index_urls(request: HttpRequest | None) -> dict[str, str]:
    known = {entry_type: "" for entry_type in INDEX_PAGES}
    for index in Page.objects.live().type(*INDEX_PAGES.values()).order_by("path"):
        known[index.specific_class.entry_type] = known[index.specific_class.entry_type] or index.get_url(request)
    return known
