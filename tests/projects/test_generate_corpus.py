"""The benchmark corpus is a real catalog: routable live pages with links, deterministic for a seed."""

import pytest
from django.core.management import CommandError, call_command
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


def test_the_same_seed_gives_the_same_corpus_and_clear_starts_over():
    call_command("generate_corpus", entries=20, seed=11)
    first = list(CaseStudyPage.objects.order_by("path").values_list("title", "slug", "translation_key"))

    call_command("generate_corpus", entries=20, seed=11, clear=True)

    assert list(CaseStudyPage.objects.order_by("path").values_list("title", "slug", "translation_key")) == first
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_second_corpus_adds_entries_with_their_own_slugs(client):
    call_command("generate_corpus", entries=10, seed=1)
    call_command("generate_corpus", entries=10, seed=1)

    assert CaseStudyPage.objects.count() == 12
    assert CaseStudyPage.objects.values("slug").distinct().count() == 12
    assert Page.find_problems() == ([], [], [], [], [])
    assert client.get(CaseStudyPage.objects.order_by("-path").first().url).status_code == 200


def test_a_corpus_size_out_of_range_is_refused_with_a_reason():
    with pytest.raises(CommandError, match="--entries must be between 1"):
        call_command("generate_corpus", entries=0)
