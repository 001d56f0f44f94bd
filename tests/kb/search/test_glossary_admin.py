"""Editors keep the bilingual glossary in the admin, beside the synonym list: it comes seeded with the field's
vocabulary, a new row is a form away, and a row that cannot work is refused with a message, never an error page."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from kb.search.glossary import query_synonyms
from kb.search.glossary_terms import DEFAULT_GLOSSARY
from kb.search.models import GlossaryTerm

pytestmark = pytest.mark.django_db
ADD = "wagtailsnippets_kb_search_glossaryterm:add"

ASEAN_AND_CHINA = ["东盟", "文莱", "柬埔寨", "印度尼西亚", "老挝", "马来西亚", "缅甸", "菲律宾", "新加坡", "泰国", "东帝汶", "越南", "中国"]


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("glossary-admin", "glossary@example.org", "x-long-password-1"))
    return client


def test_the_glossary_is_seeded_with_the_regions_countries_systems_and_companies():
    chinese = " ".join(GlossaryTerm.objects.values_list("chinese", flat=True))

    assert GlossaryTerm.objects.count() == len(DEFAULT_GLOSSARY)
    assert all(name in chinese for name in ASEAN_AND_CHINA)
    for english, term in [("city brain", "城市大脑"), ("safe city", "平安城市"), ("digital twin", "数字孪生"), ("huawei", "华为")]:
        assert english in query_synonyms()[term]
    assert {"peking", "北京"} <= set(query_synonyms()["beijing"])


def test_editors_find_the_glossary_beside_the_synonyms_in_the_admin_menu(editor_client):
    home = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    listing = editor_client.get(reverse("wagtailsnippets_kb_search_glossaryterm:list")).content.decode()

    assert "Search vocabulary" in home
    assert reverse("wagtailsnippets_kb_search_glossaryterm:list") in home and reverse("wagtailsnippets_kb_search_synonym:list") in home
    assert "Beijing, Peking" in listing and "北京" in listing
    found = editor_client.get(reverse("wagtailsnippets_kb_search_glossaryterm:list"), {"q": "岘港"}).content.decode()
    assert "Da Nang, Danang" in found and "Beijing, Peking" not in found


def test_an_editor_adds_a_term_and_a_chinese_query_expands_with_it(editor_client):
    response = editor_client.post(
        reverse(ADD),
        {"english": "Punggol Digital District, PDD", "chinese": "榜鹅数码园区", "kind": "place", "note": ""},
    )

    assert response.status_code == 302
    assert GlossaryTerm.objects.get(chinese="榜鹅数码园区").kind == "place"
    assert "punggol digital district" in query_synonyms()["榜鹅数码园区"]


@pytest.mark.parametrize(
    ("english", "chinese", "message"),
    [
        ("", "北京", "Give at least one English term."),
        ("北京", "", "Write Chinese terms in the Chinese field."),
        ("Beijing", "Peking", "Each Chinese term needs Chinese characters"),
        ("Lonely", "", "Give a Chinese term, or a second English term (an alias)."),
        ('Beijing => "Peking"', "北京", "Terms may not contain =, &gt;, # or quotes."),
    ],
)
def test_a_row_that_cannot_work_is_refused_with_a_message(editor_client, english, chinese, message):
    before = GlossaryTerm.objects.count()
    response = editor_client.post(reverse(ADD), {"english": english, "chinese": chinese, "kind": "", "note": ""})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert GlossaryTerm.objects.count() == before


def test_editors_see_the_glossary_in_chinese_when_they_prefer_it(editor_client, django_user_model):
    profile = UserProfile.get_for_user(django_user_model.objects.get(username="glossary-admin"))
    profile.preferred_language = "zh-hans"
    profile.save()

    listing = editor_client.get(reverse("wagtailsnippets_kb_search_glossaryterm:list")).content.decode()
    refused = editor_client.post(reverse(ADD), {"english": "Beijing", "chinese": "Peking", "kind": "", "note": ""})

    assert "英文术语" in listing and "中文术语" in listing  # the columns
    assert "每个中文术语都须含有汉字" in refused.content.decode()
