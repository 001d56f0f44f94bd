"""Values every public template needs: the site name and the main navigation."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects.links import entry_list_url

SITE_NAME = _("ASEAN-China Smart City Knowledge Base")  # the same words as WAGTAIL_SITE_NAME, translated

# (label, entry type or URL name): entry lists live wherever editors put their index pages.
MAIN_NAVIGATION = [
    (_("Case studies"), "case_study"),
    (_("Agreements"), "agreement"),
    (_("Solutions"), "solution"),
    (_("Countries"), "country_list"),
    (_("Compare"), "compare_countries"),
    (_("Cities"), "city_list"),
    (_("Organisations"), "organisation_list"),
    (_("Themes"), "theme_list"),
]
ENTRY_TYPES = {"case_study", "agreement", "solution"}


def site_navigation(request) -> dict:
    # Built only when a template shows it, so admin pages never look up the index pages.
    return {"site_name": SITE_NAME, "main_navigation": lambda: _navigation(request)}


def _navigation(request) -> list[dict]:
    path = getattr(request, "path", "")
    items = [(label, entry_list_url(target, request) if target in ENTRY_TYPES else reverse(target)) for label, target in MAIN_NAVIGATION]
    return [{"label": label, "url": url, "current": path.startswith(url)} for label, url in items if url]
