"""When the site fails, and on every page in between, the reader is told in their own language what they are looking at."""

import re
from unittest import mock

import pytest

pytestmark = pytest.mark.django_db


def test_a_page_that_fails_tells_the_reader_in_english_and_chinese(starter_content, client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    # Fault injection: the case study page's context breaks, as a bug would.
    with mock.patch("projects.models.pages.CaseStudyPage.get_context", side_effect=RuntimeError("bug")):
        response = client.get("/zh-hans/case-studies/hangzhou-city-brain/")
    html = response.content.decode()

    assert response.status_code == 500
    assert "<title>Something went wrong · 出错了 · ASEAN-China Smart City Knowledge Base</title>" in html
    assert '<section lang="en">' in html and "please try again" in html
    assert '<section lang="zh-Hans">' in html and "出错了" in html and "请几分钟后再试" in html
    assert '<a href="/zh-hans/">前往首页</a>' in html
    assert "RuntimeError" not in html and "Traceback" not in html


def test_local_names_are_labelled_with_their_language_in_the_readers_language(starter_content, client):
    chinese = client.get("/zh-hans/case-studies/da-nang-ioc/").content.decode()
    english = client.get("/case-studies/da-nang-ioc/").content.decode()

    assert re.search(r'<dt>越南语</dt><dd lang="vi">Trung tâm Giám sát', chinese)
    assert re.search(r'<dt>Vietnamese</dt><dd lang="vi">Trung tâm Giám sát', english)
