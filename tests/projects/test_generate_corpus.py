"""The benchmark corpus is a real catalog: routable live pages with links, deterministic for a seed."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from projects.models import AgreementPage, CaseStudyPage, SolutionPage

pytestmark = pytest.mark.django_db


def test_generate_corpus_creates_routable_linked_entries(client):
    call_command("generate_corpus", entries=50, seed=7)

    assert (CaseStudyPage.objects.count(), AgreementPage.objects.count(), SolutionPage.objects.count()) == (30, 10, 10)
    assert Page.find_problems() == ([], [], [], [], [])
    case = CaseStudyPage.objects.live().public().first()
    assert case.countries.exists() and case.cities.exists() and case.lessons.exists()
    response = client.get(case.url)
    assert response.status_code == 200
    assert case.title in response.content.decode()
    assert client.get(f"/case-studies/?country={case.countries.first().code}").status_code == 200


def test_the_same_seed_gives_the_same_corpus():
    call_command("generate_corpus", entries=20, seed=11)
    first = list(CaseStudyPage.objects.order_by("path").values_list("title", flat=True))
    Page.objects.filter(depth=4).delete()
    for index_page in Page.objects.filter(depth=3):
        Page.objects.filter(pk=index_page.pk).update(numchild=0)
    call_command("generate_corpus", entries=20, seed=11)
    assert list(CaseStudyPage.objects.order_by("path").values_list("title", flat=True)) == first
