"""Profile pages for the shared records (countries, cities, organisations, themes). Built out by the public-site work."""

from django.http import HttpResponse


def _todo(*args, **kwargs):
    return HttpResponse("")


country_list = country_profile = city_list = city_profile = _todo
organisation_list = organisation_profile = theme_list = theme_profile = _todo
