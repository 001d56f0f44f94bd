import pytest

from tests.factories import AgreementPageFactory, CaseStudyPageFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db


def test_entries_of_every_type_can_be_created_under_their_index(client):
    case = CaseStudyPageFactory(title="Hangzhou City Brain")
    agreement = AgreementPageFactory(related_case_studies=[case])
    solution = SolutionPageFactory(deployments=[case])
    assert case.url == f"/case-studies/{case.slug}/"
    assert agreement.url.startswith("/agreements/")
    assert solution.url.startswith("/solutions/")
    assert list(case.agreements.all()) == [agreement]
