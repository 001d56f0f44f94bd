"""What the home page shows: newest entries of each type, headline counts and the ways into the catalog."""

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .listing import optimise_agreements, optimise_case_studies, optimise_solutions
from .models import AgreementPage, CaseStudyPage, City, Country, Domain, SolutionPage, Theme
from .visibility import visible_entries

LATEST_PER_TYPE = 4


def home_overview(request: HttpRequest) -> dict:
    case_studies = visible_entries(CaseStudyPage, request)
    agreements = visible_entries(AgreementPage, request)
    solutions = visible_entries(SolutionPage, request)
    case_study_ids = case_studies.values("pk")
    agreement_ids = agreements.values("pk")

    countries_covered = Country.objects.filter(Q(case_studies__in=case_study_ids) | Q(agreements__in=agreement_ids)).distinct()
    focus_countries = (
        Country.objects.filter(Q(is_asean_member=True) | Q(code="CN"))
        .annotate(
            case_study_count=Count("case_studies", filter=Q(case_studies__in=case_study_ids), distinct=True),
            agreement_count=Count("agreements", filter=Q(agreements__in=agreement_ids), distinct=True),
        )
        .order_by("name")
    )
    return {
        "latest_case_studies": optimise_case_studies(case_studies.order_by("-first_published_at", "-pk"))[:LATEST_PER_TYPE],
        "latest_agreements": optimise_agreements(agreements.order_by("-first_published_at", "-pk"))[:LATEST_PER_TYPE],
        "latest_solutions": optimise_solutions(solutions.order_by("-first_published_at", "-pk"))[:LATEST_PER_TYPE],
        "headline_counts": [
            (_("Case studies"), case_studies.count(), "/case-studies/"),
            (_("Agreements"), agreements.count(), "/agreements/"),
            (_("Solutions"), solutions.count(), "/solutions/"),
            (_("Countries"), countries_covered.count(), "/countries/"),
            (_("Cities"), City.objects.filter(case_studies__in=case_study_ids).distinct().count(), "/cities/"),
        ],
        "focus_countries": focus_countries,
        "domains": _terms_with_case_study_counts(Domain, case_study_ids),
        "themes": _terms_with_case_study_counts(Theme, case_study_ids),
    }


def _terms_with_case_study_counts(model, case_study_ids):
    return (
        model.objects.annotate(case_study_count=Count("case_studies", filter=Q(case_studies__in=case_study_ids), distinct=True))
        .filter(case_study_count__gt=0)
        .order_by("name")
    )
