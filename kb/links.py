"""Links to the entry lists for the site's pages: the list's index page, or search narrowed to that type when no live
index page holds it (so a link never points nowhere)."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode

from projects.links import entry_list_url


def list_url(entry_type: str, request: HttpRequest | None = None, **filters) -> str:
    """entry_list_url, or /search/?type=<entry_type>&<filters> when the list has no index page."""
    return entry_list_url(entry_type, request, **filters) or reverse("search") + "?" + urlencode({"type": entry_type, **filters})
