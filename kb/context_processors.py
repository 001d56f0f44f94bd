"""Values every public template needs: the site name and the main navigation."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

MAIN_NAVIGATION = [
    (_("Case studies"), "/case-studies/"),
    (_("Agreements"), "/agreements/"),
    (_("Solutions"), "/solutions/"),
    (_("Countries"), "/countries/"),
    (_("Compare"), "/compare/"),
    (_("Cities"), "/cities/"),
    (_("Organisations"), "/organisations/"),
    (_("Themes"), "/themes/"),
]


def site_navigation(request) -> dict:
    path = getattr(request, "path", "")
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "main_navigation": [{"label": label, "url": url, "current": path.startswith(url)} for label, url in MAIN_NAVIGATION],
    }
