"""Maps and small charts for pages outside the comparison: {% region_map %}, {% city_map %}, {% country_charts %}."""

from django import template
from django.utils.translation import gettext as _

from kb.charts import Place, PlaceMap, places_of
from projects.counting import kept_for
from projects.profiles import city_list

from ..comparison import country_charts as build_country_charts

register = template.Library()


@register.inclusion_tag("components/pictures/map.html", takes_context=True)
def region_map(context) -> dict:
    """Every city with coordinates, sized by the case studies this reader may see there (counting them is a
    subquery per city over the catalog: kept for anonymous readers until the catalog changes)."""
    request = context.get("request")
    places = kept_for(request, "region-map", "", lambda: places_of(city_list(request)))
    return {"map": PlaceMap("region-map", _("Map of case studies by city"), places)}


@register.inclusion_tag("components/pictures/map.html")
def city_map(cities, heading: str = "") -> dict:
    """These cities (each with a `case_study_count`) on the map."""
    return {"map": PlaceMap("city-map", heading or _("Cities on the map"), places_of(cities))}


@register.inclusion_tag("components/pictures/map.html")
def one_city_map(city, case_study_count: int) -> dict:
    places = []
    if city.latitude is not None and city.longitude is not None:
        places = [Place(city.name, city.get_absolute_url(), float(city.latitude), float(city.longitude), case_study_count)]
    return {"map": PlaceMap("city-map", _("%(city)s on the map") % {"city": city.name}, places)}


@register.inclusion_tag("components/pictures/charts.html", takes_context=True)
def country_charts(context, country) -> dict:
    """The country's case studies by domain and by start year."""
    return {"charts": build_country_charts(context.get("request"), country)}
