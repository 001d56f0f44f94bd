"""Emptying the catalog (entries, organisations, cities, vocabularies, countries added after the seeded twelve)."""

from projects.models import AgreementPage, CaseStudyPage, City, Country, Domain, Organisation, SolutionPage, Technology, Theme

SEEDED_COUNTRIES = {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN", "CN"}


def remove_catalog() -> None:
    """Delete every catalog record, pages first (they point at the records); countries return to the seeded set."""
    for model in (SolutionPage, AgreementPage, CaseStudyPage):
        for page in model.objects.all():
            page.delete()
    for model in (Organisation, City, Theme, Domain, Technology):
        model.objects.all().delete()
    Country.objects.exclude(code__in=SEEDED_COUNTRIES).delete()
