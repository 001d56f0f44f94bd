"""What the home page shows: newest entries of each type, headline counts and the ways into the catalog."""

from django.db.models import OuterRef, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kb.links import list_url
from projects.counting import count_of
from projects.listing import optimise_agreements, optimise_case_studies, optimise_solutions
from projects.models import AgreementPage, CaseStudyPage, City, Country, Domain, SolutionPage, Theme
from projects.visibility import visible_entries

LATEST_PER_TYPE = 4


def home_overview(request: HttpRequest) -> dict:
    case_studies = visible_entries(CaseStudyPage, request)
    agreements = visible_entries(AgreementPage, request)
    solutions = visible_entries(SolutionPage, request)

    countries_covered = Country.objects.filter(Q(code__in=case_studies.values("countries")) | Q(code__in=agreements.values("party_countries")))
    focus_countries = (
        Country.objects.filter(Q(is_asean_member=True) | Q(code="CN"))
        .annotate(
            case_study_count=count_of(case_studies.filter(countries=OuterRef("pk"))),
            agreement_count=count_of(agreements.filter(party_countries=OuterRef("pk"))),
        )
        .order_by("name")
    )
    return {
        "latest_case_studies": optimise_case_studies(case_studies.order_by("-first_published_at", "-pk"))[:LATEST_PER_TYPE],
        "latest_agreements": optimise_agreements(agreements.order_by("-first_published_at", "-pk"))[:LATEST_PER_TYPE],
        "latest_solutions": optimise_solutions(solutions.order_by("-first_published_at", "-pk"))[:LATEST_PER_TYPE],
        "headline_counts": [
            (_("Case studies"), case_studies.count(), list_url("case_study", request)),
            (_("Agreements"), agreements.count(), list_url("agreement", request)),
            (_("Solutions"), solutions.count(), list_url("solution", request)),
            (_("Countries"), countries_covered.count(), reverse("country_list")),
            (_("Cities"), City.objects.filter(pk__in=case_studies.values("cities")).count(), reverse("city_list")),
        ],
        "focus_countries": focus_countries,
        "domains": _terms_with_case_study_counts(Domain, "domains", case_studies),
        "themes": _terms_with_case_study_counts(Theme, "themes", case_studies),
    }


def _terms_with_case_study_counts(model, relation: str, case_studies):
    """Terms that at least one case study the reader may see names, with how many name them."""
    return (
        model.objects.annotate(case_study_count=count_of(case_studies.filter(**{relation: OuterRef("pk")})))
        .filter(case_study_count__gt=0)
        .order_by("name")
    )
