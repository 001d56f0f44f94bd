"""On Elasticsearch too, the admin's own search finds entries and organisations by a part of their local name or a source link."""

import pytest
from django.core.management import call_command

from tests.kb.search.test_admin_search import admin_on_elasticsearch, editor_client  # noqa: F401 (fixtures)
from tests.projects.test_editing_comfort import admin_page_search, city_brain_entries, organisation_search

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


@pytest.fixture
def indexed(admin_on_elasticsearch):  # noqa: F811
    es, prefix = admin_on_elasticsearch
    city_brain_entries()
    call_command("update_index", verbosity=0)
    es.indices.refresh(index=f"{prefix}*")


@pytest.mark.parametrize("text", ["城市大脑", "杭州城市大脑", "https://www.shine.cn/news/nation/1812277336/", "shine.cn/news/nation"])
def test_the_admin_page_search_on_elasticsearch_finds_entries_by_local_name_and_source_link(indexed, editor_client, text):  # noqa: F811
    assert admin_page_search(editor_client, text) == ["Hangzhou City Brain"]


@pytest.mark.parametrize("text", ["阿里云", "https://www.shine.cn/news/nation/1812277336/"])
def test_the_admin_snippet_search_on_elasticsearch_finds_organisations_by_local_name_and_source_link(indexed, editor_client, text):  # noqa: F811
    found = organisation_search(editor_client, text)
    assert found[0] == "Alibaba Cloud"  # the listing's search matches any word: other links share "https"
