"""Search across the language line, on both engines: a Chinese planner finds the entries written in English, an old
or variant place name finds the place, a name typed without its accents finds it written with them, the typo
corrector leaves known names alone, and suggestions complete Chinese."""

import io

import pytest
from django.core.management import call_command

from kb.search import service
from kb.search.documents import documents_for
from kb.search.engines import get_engine
from kb.search.glossary import query_synonyms
from kb.search.models import GlossaryTerm
from kb.search.query import SearchQuery, normalised_term, parse_query_text
from tests.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db

_indexed: set[str] = set()


@pytest.fixture
def starter_index(starter_content, engine_name, django_db_blocker, settings):
    """The starter content indexed in the engine under test: Elasticsearch once for this module, the database engine
    in each test (its index is written in the test's transaction, which is rolled back)."""
    settings.SEARCH_TIMEOUT = 30  # behaviour, not speed: a search slowed by the other test run must not fall back
    if engine_name == "database" or engine_name not in _indexed:
        with django_db_blocker.unblock():
            call_command("rebuild_search_index", "--engine", engine_name, stdout=io.StringIO())
        _indexed.add(engine_name)
    return engine_name


def search(text: str, **filters):
    return service.search(SearchQuery(text=text, filters=filters, page_size=20))


def found(text: str, **filters) -> list[str]:
    return [f"{hit.type}:{hit.slug}" for hit in search(text, **filters).hits]


def test_a_chinese_query_for_smart_city_finds_case_studies_across_the_region(starter_index):
    result = search("智慧城市", type=["case_study"])
    countries = {facet["value"] for facet in result.facets["country"] if facet["count"]}
    slugs = {hit.slug for hit in result.hits}

    assert result.total >= 8
    assert {"ID", "VN", "TH", "PH", "CN"} <= countries
    assert {"jakarta-smart-city", "thailand-smart-city-programme", "vietnam-smart-city-scheme-2018", "shenzhen-smart-city"} <= slugs


def test_peking_finds_the_beijing_entries(starter_index):
    hits = found("Peking")
    assert "city:beijing" in hits[:3]
    assert "case_study:china-data-exchanges" in hits


def test_a_country_and_a_topic_typed_as_one_run_of_characters_find_that_countrys_entries(starter_index):
    hits = found("越南智慧城市")
    assert "case_study:vietnam-smart-city-scheme-2018" in hits[:3]
    assert "case_study:jakarta-smart-city" not in hits  # a smart city, but not in Viet Nam


def test_a_chinese_name_finds_a_record_that_has_only_its_english_name(starter_index):
    # JICA's record has no Chinese name: the glossary gives it.
    hits = found("日本国际协力机构")[:3]
    assert {"organisation:japan-international-cooperation-agency", "case_study:phnom-penh-traffic-management-system"} <= set(hits)


def test_a_term_an_editor_adds_to_the_glossary_works_at_once(starter_index):
    assert not search("淡马锡").hits
    GlossaryTerm.objects.create(english="Singapore, Temasek", chinese="淡马锡", kind=GlossaryTerm.Kind.PLACE)

    assert "case_study:virtual-singapore" in found("淡马锡")
    assert "case_study:virtual-singapore" in found("Temasek")


def test_the_chinese_text_of_a_lesson_finds_the_lesson(starter_index):
    hits = search("缓解拥堵", type=["lesson"]).hits
    assert any(hit.slug.startswith("hangzhou-city-brain-lesson-") for hit in hits)


@pytest.mark.parametrize("typed", ["Rangoon satelite", "Peking satelite"])
def test_a_misspelt_query_is_corrected_without_changing_a_known_place_name(starter_index, typed):
    result = search(typed)
    offered = [result.corrected_text] if result.corrected_text else result.suggestions
    place = typed.split()[0].lower()

    assert offered, "a correction for the misspelt word"
    assert all(correction.split()[0] == place for correction in offered)


@pytest.mark.parametrize("prefix", ["杭州", "城市大"])
def test_suggestions_complete_a_chinese_prefix(starter_index, prefix):
    urls = [suggestion["url"] for suggestion in service.suggest(prefix)]
    assert "/case-studies/hangzhou-city-brain/" in urls


@pytest.fixture
def vietnamese_entries(starter_index):
    """Entries whose names keep their Vietnamese diacritics, indexed beside the starter content."""
    pages = [
        CaseStudyPageFactory(title="Huế citadel flood sensors", slug="hue-citadel-flood-sensors", summary="Water levels around the citadel."),
        CaseStudyPageFactory(title="Đà Nẵng smart parking", slug="da-nang-smart-parking", summary="Parking bays that report when they are free."),
    ]
    documents = [document for page in pages for document in documents_for(page)]
    engine = get_engine(starter_index)
    engine.index_documents(documents)
    yield
    engine.remove_sources([document["source"] for document in documents])


@pytest.mark.parametrize(("typed", "slug"), [("Hue flood", "hue-citadel-flood-sensors"), ("da nang parking", "da-nang-smart-parking")])
def test_a_name_typed_without_its_accents_finds_it_written_with_them(vietnamese_entries, typed, slug):
    assert found(typed)[0] == f"case_study:{slug}"


def test_a_name_typed_with_its_accents_finds_it_written_without(starter_index):
    assert "case_study:da-nang-ioc" in found("Đà Nẵng operations centre")[:3]


@pytest.mark.parametrize(("prefix", "title"), [("Hue cit", "Huế citadel flood sensors"), ("Da Nang sm", "Đà Nẵng smart parking")])
def test_suggestions_complete_a_name_typed_without_its_accents(vietnamese_entries, prefix, title):
    assert title in [suggestion["text"] for suggestion in service.suggest(prefix)]


def test_the_glossary_expands_chinese_queries_with_english_and_english_with_chinese(starter_content):
    synonyms = query_synonyms()

    chinese = parse_query_text("华为 平安城市", synonyms).clauses
    english = parse_query_text("safe city", synonyms).clauses

    assert [term.text for term in chinese[0]][:2] == ["华为", "huawei"]
    assert "safe city" in [term.text for term in chinese[1]]
    assert "平安城市" in [term.text for term in english[0]]


def test_the_taxonomys_chinese_names_are_part_of_the_glossary(starter_content):
    from projects.models import Domain, Technology, Theme

    synonyms = query_synonyms()
    for model in (Domain, Technology, Theme):
        for term in model.objects.all():
            english, chinese = normalised_term(term.name), normalised_term(term.name_zh_hans)
            if english != chinese:  # 5G is 5G in both
                assert english in synonyms.get(chinese, []), term


@pytest.fixture
def scattered_characters(starter_index):
    """An entry whose Chinese summary holds the characters of 智能交通 (intelligent transport), but not together."""
    page = CaseStudyPageFactory(
        title="Riverside bus depot", slug="riverside-bus-depot", summary="A depot for buses.", summary_zh_hans="智慧港口的交通与能源管理"
    )
    documents = documents_for(page)
    engine = get_engine(starter_index)
    engine.index_documents(documents)
    yield
    engine.remove_sources([document["source"] for document in documents])


def test_a_chinese_word_finds_only_entries_where_its_characters_stand_together(scattered_characters):
    assert "case_study:riverside-bus-depot" in found("交通与能源")  # together in its summary
    assert "case_study:riverside-bus-depot" not in found("智能交通")  # 智, 能, 交 and 通 are all there, apart
