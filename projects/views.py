"""Profile pages for the shared records: countries, cities, organisations and themes, and their list pages."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import profiles
from .counting import kept_for
from .models import City, Country, Organisation, Theme


def _profile(request: HttpRequest, kind: str, record, section: str, lists) -> HttpResponse:
    """A record's profile page: the record under its `kind`, crumbs back to its list page, and the profile's lists
    (`lists(request, record)`, kept until the catalog changes)."""
    crumbs = [(section, reverse(f"{kind}_list")), (record.name, None)]
    context = kept_for(request, f"{kind}-profile", record.pk, lambda: lists(request, record))
    return render(request, f"pages/{kind}_profile.html", {kind: record, "crumbs": crumbs, **context})


def _records(request: HttpRequest, kind: str, rows) -> list:
    """A list page's records with their counts (`rows(request)`), kept until the catalog changes."""
    return kept_for(request, f"{kind}-list", "", lambda: list(rows(request)))


def country_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "pages/country_list.html", {"countries": _records(request, "country", profiles.country_list), "crumbs": [(_("Countries"), None)]}
    )


def country_profile(request: HttpRequest, code: str) -> HttpResponse:
    if len(code) != 2 or not code.isalpha():
        raise Http404("No such country code.")
    if code != code.lower():
        return redirect("country_profile", code=code.lower(), permanent=True)
    country = get_object_or_404(Country, code=code.upper())
    return _profile(request, "country", country, _("Countries"), profiles.country_profile)


def city_list(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/city_list.html", {"cities": _records(request, "city", profiles.city_list), "crumbs": [(_("Cities"), None)]})


def city_profile(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City.objects.select_related("country"), slug=slug)
    return _profile(request, "city", city, _("Cities"), profiles.city_profile)


def organisation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pages/organisation_list.html",
        {"organisations": _records(request, "organisation", profiles.organisation_list), "crumbs": [(_("Organisations"), None)]},
    )


def organisation_profile(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("hq_country"), slug=slug)
    return _profile(request, "organisation", organisation, _("Organisations"), profiles.organisation_profile)


def theme_list(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/theme_list.html", {"themes": _records(request, "theme", profiles.theme_list), "crumbs": [(_("Themes"), None)]})


def theme_profile(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme, slug=slug)
    return _profile(request, "theme", theme, _("Themes"), profiles.theme_profile)
