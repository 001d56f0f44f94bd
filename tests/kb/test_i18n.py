"""The site in Simplified Chinese: /zh-hans/ pages in Chinese, English at today's addresses, and lang marks a screen
reader can trust (English text left in a Chinese page says so)."""

import io
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.utils.translation import override
from wagtail.users.models import UserProfile

from projects.models import AgreementPage, CaseStudyLesson, CaseStudyPage, Domain, SolutionPage, Technology, Theme
from tests.factories import CaseStudyPageFactory, CountryFactory, DomainFactory

pytestmark = pytest.mark.django_db
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def heading(html: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


def test_the_chinese_home_page_reads_in_chinese(starter_content, client):
    html = client.get("/zh-hans/").content.decode()

    assert html_lang(html) == "zh-hans"
    assert "中国—东盟智慧城市知识库" in html  # the site's name
    assert '<a href="/zh-hans/case-studies/">案例</a>' in html and '<a href="/zh-hans/themes/">主题</a>' in html
    assert "跳到主要内容" in html and "搜索知识库" in html
    assert "Skip to main content" not in html


def test_a_chinese_case_study_page_has_its_chinese_title_summary_and_lessons(starter_content, client):
    html = client.get("/zh-hans/case-studies/hangzhou-city-brain/").content.decode()

    assert html_lang(html) == "zh-hans"
    assert heading(html) == "杭州城市大脑（阿里云）"
    assert "<title>杭州城市大脑（阿里云） · 中国—东盟智慧城市知识库</title>" in html
    assert '<p class="lead">杭州城市大脑是与阿里云共建的云平台' in html
    assert "单靠增加摄像头并不能缓解拥堵" in html  # the first lesson, in Chinese
    # Taxonomy in Chinese: the country (django-countries' own name), the city's local name, domains, status.
    assert ">中国</a>" in html and ">杭州</a>" in html and ">交通出行</a>" in html
    # The outcomes exist only in English: marked so a screen reader reads them with an English voice.
    assert re.search(r'<p class="prose" lang="en">', html)


def test_english_pages_stay_at_their_addresses_in_english(starter_content, client):
    response = client.get("/case-studies/hangzhou-city-brain/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = response.content.decode()

    assert response.status_code == 200
    assert html_lang(html) == "en"
    assert heading(html) == "Hangzhou City Brain (Alibaba Cloud)"
    assert "杭州城市大脑（阿里云）" not in html.split("</header>")[0]
    assert '<span lang="en">' not in html and '<p class="prose" lang="en">' not in html


def test_the_switcher_and_the_head_link_the_same_page_in_the_other_language(starter_content, client):
    chinese = client.get("/zh-hans/case-studies/hangzhou-city-brain/").content.decode()
    english = client.get("/case-studies/hangzhou-city-brain/").content.decode()

    assert '<a href="/case-studies/hangzhou-city-brain/" hreflang="en" lang="en">English</a>' in chinese
    assert '<a href="/zh-hans/case-studies/hangzhou-city-brain/" hreflang="zh-hans" lang="zh-hans">简体中文</a>' in english
    for html in (chinese, english):
        assert '<link rel="alternate" hreflang="en" href="http://testserver/case-studies/hangzhou-city-brain/">' in html
        assert '<link rel="alternate" hreflang="zh-hans" href="http://testserver/zh-hans/case-studies/hangzhou-city-brain/">' in html


def test_the_switcher_links_the_page_without_its_query(client):
    html = client.get("/zh-hans/case-studies/?domain=mobility&utm_source=junk").content.decode()
    assert '<a href="/case-studies/" hreflang="en" lang="en">English</a>' in html
    assert "utm_source" not in html


def test_an_entry_without_chinese_shows_its_english_marked_as_english(client):
    singapore = CountryFactory(code="SG")
    CaseStudyPageFactory(
        title="Punggol digital district", slug="punggol-digital-district", summary="A new town built on data.", countries=[singapore]
    )

    page = client.get("/zh-hans/case-studies/punggol-digital-district/").content.decode()
    listing = client.get("/zh-hans/case-studies/").content.decode()

    assert heading(page) == '<span lang="en">Punggol digital district</span>'
    assert '<p class="lead"><span lang="en">A new town built on data.</span></p>' in page
    assert '<span lang="en">Punggol digital district</span></a>' in listing
    assert ">新加坡</a>" in page  # the country still in Chinese


def test_a_translated_entry_shows_its_chinese_in_lists(client):
    CaseStudyPageFactory(title="Punggol digital district", title_zh_hans="榜鹅数码园区", summary_zh_hans="以数据建设的新镇。")
    html = client.get("/zh-hans/case-studies/").content.decode()
    assert ">榜鹅数码园区</a>" in html and "以数据建设的新镇。" in html


def test_statuses_and_vocabulary_names_are_in_chinese(client):
    transport = DomainFactory(name="Mobility", slug="mobility", name_zh_hans="交通出行")
    CaseStudyPageFactory(slug="bus-lanes", status=CaseStudyPage.Status.COMPLETED, domains=[transport])
    html = client.get("/zh-hans/case-studies/bus-lanes/").content.decode()
    assert ">交通出行</a>" in html and "已完成" in html
    assert "Mobility" not in html.split("</header>")[1].split("</aside>")[0]


def test_dates_follow_the_readers_language(client):
    CaseStudyPageFactory(slug="reviewed", last_reviewed="2024-11-03")
    assert "2024年11月3日" in client.get("/zh-hans/case-studies/reviewed/").content.decode()
    assert "3 November 2024" in client.get("/case-studies/reviewed/").content.decode()


def test_an_editor_who_prefers_chinese_sees_the_admin_in_chinese(client, django_user_model):
    editor = django_user_model.objects.create_superuser("mei", "mei@example.org", "pw")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "zh-hans"
    profile.save()
    client.force_login(editor)

    html = client.get("/admin/").content.decode()

    assert html_lang(html) == "zh-hans"
    assert "<title>控制面板 - Wagtail</title>" in html  # Wagtail's own Chinese for "Dashboard"


def test_editors_can_choose_chinese_in_their_account_settings():
    assert ("zh-hans", "简体中文") in settings.WAGTAILADMIN_PERMITTED_LANGUAGES


def test_editors_translate_an_entry_in_its_chinese_tab(client, django_user_model):
    editor = django_user_model.objects.create_superuser("li", "li@example.org", "pw")
    client.force_login(editor)
    page = CaseStudyPageFactory()
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="title_zh_hans"' in html and 'name="summary_zh_hans"' in html
    assert re.search(r">\s*Chinese\s*<", html)  # the tab


def test_every_starter_entry_lesson_and_term_has_its_chinese_after_loading(starter_content):
    for model in (CaseStudyPage, AgreementPage, SolutionPage):
        assert not model.objects.filter(title_zh_hans="").exists(), model
        assert not model.objects.filter(summary_zh_hans="").exists(), model
    assert not CaseStudyLesson.objects.filter(text_zh_hans="").exists()
    for model in (Domain, Technology, Theme):
        assert not model.objects.filter(name_zh_hans="").exists(), model


def test_the_editors_form_shows_the_loaded_chinese(starter_content):
    page = CaseStudyPage.objects.get(slug="hangzhou-city-brain")
    draft = page.get_latest_revision_as_object()
    assert draft.title_zh_hans == "杭州城市大脑（阿里云）"
    assert draft.lessons.first().text_zh_hans.startswith("单靠增加摄像头")


def test_the_chinese_catalogue_is_complete_without_fuzzy_entries():
    with CATALOGUE.open("rb") as po_file:
        catalogue = read_po(po_file, locale="zh_Hans")
    messages = [message for message in catalogue if message.id]
    untranslated = [message.id for message in messages if not all(message.string if isinstance(message.string, tuple) else [message.string])]
    fuzzy = [message.id for message in messages if message.fuzzy]
    problems = [(message.id, errors) for message, errors in catalogue.check()]

    assert len(messages) > 300
    assert untranslated == [] and fuzzy == [] and problems == []


def test_the_compiled_catalogue_is_the_one_django_reads():
    from django.utils.translation import gettext

    with override("zh-hans"):
        assert gettext("Case studies") == "案例"
        assert gettext("Skip to main content") == "跳到主要内容"


def test_editors_list_the_entries_still_lacking_chinese(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("an", "an@example.org", "pw"))
    CaseStudyPageFactory(title="Translated smart lamp posts", title_zh_hans="智慧灯柱", summary_zh_hans="灯柱上的传感器。")
    CaseStudyPageFactory(title="Untranslated flood sensors")

    missing = client.get("/admin/catalog/case-studies/?chinese=missing").content.decode()
    complete = client.get("/admin/catalog/case-studies/?chinese=complete").content.decode()

    assert "Untranslated flood sensors" in missing and "Translated smart lamp posts" not in missing
    assert "Translated smart lamp posts" in complete and "Untranslated flood sensors" not in complete


def test_chinese_search_results_show_the_entries_chinese_and_link_the_chinese_pages(starter_content, client):
    call_command("rebuild_search_index", stdout=io.StringIO())

    html = client.get("/zh-hans/search/", {"q": "Hangzhou City Brain"}).content.decode()

    assert '<a href="/zh-hans/case-studies/hangzhou-city-brain/">杭州城市大脑（阿里云）</a>' in html


def test_a_chinese_query_finds_smart_city_case_studies_across_the_region(starter_content, client):
    call_command("rebuild_search_index", stdout=io.StringIO())

    data = client.get("/api/search/", {"q": "智慧城市", "type": "case_study"}).json()
    countries = {facet["value"] for facet in data["facets"]["country"] if facet["count"]}
    slugs = {hit["slug"] for hit in data["results"]}

    assert data["total"] >= 8
    assert {"ID", "VN", "TH", "PH", "CN"} <= countries
    assert slugs & {"jakarta-smart-city", "da-nang-ioc", "thailand-smart-city-programme", "shenzhen-smart-city"}


def test_part_of_a_chinese_title_finds_its_entry(starter_content, client):
    call_command("rebuild_search_index", stdout=io.StringIO())
    html = client.get("/zh-hans/search/", {"q": "杭州城市"}).content.decode()
    assert '<a href="/zh-hans/case-studies/hangzhou-city-brain/">杭州城市大脑（阿里云）</a>' in html


def test_list_filters_and_the_comparison_name_countries_and_domains_in_chinese(client):
    transport = DomainFactory(name="Mobility", slug="mobility", name_zh_hans="交通出行")
    CaseStudyPageFactory(domains=[transport], countries=[CountryFactory(code="TH")])

    listing = client.get("/zh-hans/case-studies/").content.decode()
    compare = client.get("/zh-hans/compare/").content.decode()

    assert "交通出行" in listing and "泰国" in listing and "Mobility" not in listing
    assert '<option value="TH">泰国</option>' in compare or ">泰国<" in compare


def test_an_old_place_name_finds_the_entries_of_the_place(starter_content, client):
    call_command("rebuild_search_index", stdout=io.StringIO())

    peking = client.get("/api/search/", {"q": "Peking"}).json()
    canton = client.get("/api/search/", {"q": "Canton"}).json()

    assert any(facet["value"] == "beijing" and facet["count"] for facet in peking["facets"]["city"])
    assert any(facet["value"] == "guangzhou" and facet["count"] for facet in canton["facets"]["city"])
