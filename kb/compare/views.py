"""Countries side by side (/compare/?country=SG&country=CN) and case studies side by side (/compare/cases/?case=...).

Both take 2 to 4 choices from the query string and answer a CSV download with ?format=csv.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kb.csvexport import streaming_csv_response
from projects.counting import kept_for
from projects.links import entry_list_url

from . import cases, comparison
from .forms import MIN_COUNTRIES, CountryComparisonForm


@require_GET
def compare_countries_page(request: HttpRequest) -> HttpResponse:
    form = CountryComparisonForm(request.GET if "country" in request.GET else None)
    codes = form.chosen_codes()
    result = (
        kept_for(request, "compare-countries", codes, lambda: comparison.compare_countries(request, codes)) if len(codes) >= MIN_COUNTRIES else None
    )
    if result and request.GET.get("format") == "csv":
        return streaming_csv_response(
            "comparison-" + "-".join(codes).lower() + ".csv", [_("Table"), _("Row"), _("Country"), _("Count")], comparison.comparison_csv_rows(result)
        )
    context = {
        "form": form,
        "comparison": result,
        "needs_more": form.is_bound and not form.errors and len(codes) < MIN_COUNTRIES,
        "crumbs": [(_("Countries"), reverse("country_list")), (_("Compare"), None)],
    }
    return render(request, "compare/countries.html", context, status=400 if form.is_bound and form.errors else 200)


@require_GET
def compare_cases_page(request: HttpRequest) -> HttpResponse:
    slugs = cases.chosen_slugs(request.GET)
    crumbs = [(_("Case studies"), entry_list_url("case_study", request)), (_("Compare"), None)]
    try:
        result = kept_for(request, "compare-cases", slugs, lambda: cases.compare_cases(request, slugs))
    except cases.CaseChoiceError as error:
        context = {"error": str(error), "crumbs": crumbs, "browse_url": entry_list_url("case_study", request, case=slugs[: cases.MAX_CASES - 1])}
        return render(request, "compare/cases.html", context, status=400)
    if request.GET.get("format") == "csv":
        return streaming_csv_response("case-comparison.csv", [_("Field"), *[case.title for case in result.cases]], cases.comparison_csv_rows(result))
    context = {
        "comparison": result,
        "crumbs": crumbs,
        "columns": [(case, cases.comparison_url([slug for slug in slugs if slug != case.slug])) for case in result.cases],
        "add_url": entry_list_url("case_study", request, case=slugs) if len(slugs) < cases.MAX_CASES else "",
    }
    return render(request, "compare/cases.html", context)
