"""/lessons/: what cities learned, by theme, filterable by country, domain, technology and theme; ?format=csv."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kb.csvexport import streaming_csv_response

from .hub import csv_rows, grouped, lesson_hub


@require_GET
def lesson_hub_page(request: HttpRequest) -> HttpResponse:
    listing = lesson_hub(request)
    if request.GET.get("format") == "csv":
        lessons = listing.page.paginator.object_list
        return streaming_csv_response("lessons.csv", [_("Theme"), _("Lesson"), _("Case study"), _("Countries")], csv_rows(lessons))
    return render(request, "lessons/hub.html", {"listing": listing, "groups": grouped(listing), "crumbs": [(_("Lessons"), None)]})
