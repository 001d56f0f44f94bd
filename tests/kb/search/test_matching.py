"""How many of the words typed must match, on both engines: a question or a long query finds what most of its words
name, while a short query keeps every word, and quoted phrases and exclusions stay exact."""

from kb.search import service
from kb.search.query import SearchQuery, parse_query_text
from tests.factories import CaseStudyPageFactory

from .corpus import published


def slugs(text: str) -> list[str]:
    return [hit.slug for hit in service.search(SearchQuery(text=text)).hits]


def test_a_question_finds_what_its_words_name(corpus, engine_name):
    assert slugs("how does Hangzhou cut traffic jams and congestion?")[0] == "ct-hangzhou-city-brain"


def test_a_two_word_query_needs_both_words(corpus, engine_name):
    found = slugs("bangkok congestion")
    assert "ct-hangzhou-city-brain" not in found and "ct-bangkok-cctv" not in found


def test_a_quoted_phrase_must_match_however_long_the_query(corpus, engine_name):
    assert "ct-hangzhou-city-brain" not in slugs('road camera feeds signal timing "command centre"')
    assert slugs('"command centre" police cameras across the capital')[0] == "ct-kl-safe-city"


def test_an_exclusion_stays_exact_in_a_long_query(corpus, engine_name):
    assert "ct-hangzhou-city-brain" in slugs("road camera feeds signal timing")
    assert "ct-hangzhou-city-brain" not in slugs("road camera feeds signal timing -hangzhou")


def test_a_word_spelt_right_finds_only_entries_that_hold_it_and_a_misspelt_one_is_forgiven(corpus, engine_name):
    tracing = CaseStudyPageFactory(title="Numbat Contact Tracing App", slug="ct-numbat-tracing", summary="Tracing app.", live=False)
    trading = CaseStudyPageFactory(title="Numbat Port Trading Platform", slug="ct-numbat-trading", summary="Trading hub.", live=False)
    with published(tracing), published(trading):
        assert slugs("numbat tracing") == ["ct-numbat-tracing"], "one letter away is another word, not a typo"
        assert slugs("numbat tracnig") == ["ct-numbat-tracing"], "a typo that matches nothing as typed is forgiven"


def test_question_words_only_are_still_searched():
    assert [clause[0].text for clause in parse_query_text("what is which").clauses] == ["what", "is", "which"]
    assert [clause[0].text for clause in parse_query_text("which cities use cameras?").clauses] == ["cities", "cameras"]
