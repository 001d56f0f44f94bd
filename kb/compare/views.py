"""Countries side by side: /compare/?country=SG&country=CN (2 to 4 countries)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .comparison import compare_countries
from .forms import MIN_COUNTRIES, CountryComparisonForm


@require_GET
def compare_countries_page(request: HttpRequest) -> HttpResponse:
    form = CountryComparisonForm(request.GET if "country" in request.GET else None)
    codes = form.chosen_codes()
    context = {
        "form": form,
        "comparison": compare_countries(request, codes) if len(codes) >= MIN_COUNTRIES else None,
        "needs_more": form.is_bound and not form.errors and len(codes) < MIN_COUNTRIES,
        "crumbs": [("Countries", "/countries/"), ("Compare", None)],
    }
    return render(request, "compare/countries.html", context, status=400 if form.is_bound and form.errors else 200)
