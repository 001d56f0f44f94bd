"""The search contract: the same behaviours from the database engine and from Elasticsearch."""

import pytest

from kb.search import service
from kb.search.query import FILTER_FACETS, SearchQuery
from tests.factories import CaseStudyLessonFactory, CaseStudyPageFactory

from .corpus import published


def search(text="", **kwargs):
    filters = {key: value for key, value in kwargs.items() if key in FILTER_FACETS}
    options = {key: value for key, value in kwargs.items() if key not in filters}
    return service.search(SearchQuery(text=text, filters=filters, **options))


def slugs(result):
    return [hit.slug for hit in result.hits]


def facet(result, name):
    return {item["value"]: item["count"] for item in result.facets[name]}


def test_the_engine_that_answers_is_named(corpus, engine_name):
    assert search("traffic").engine == engine_name


def test_an_exact_title_match_comes_first(corpus, engine_name):
    result = search("Hangzhou City Brain")
    assert slugs(result)[0] == "ct-hangzhou-city-brain"
    assert "ct-et-city-brain" in slugs(result)


def test_a_title_word_outranks_a_passing_mention(corpus, engine_name):
    result = search("safe city")
    top_two = set(slugs(result)[:2])
    assert top_two == {"ct-kl-safe-city", "ct-huawei-safe-city"}


def test_every_word_must_match(corpus, engine_name):
    assert slugs(search("cameras congestion")) == ["ct-hangzhou-city-brain"]


def test_a_facet_narrows_the_results_and_counts_them(corpus, engine_name):
    everything = search("cctv")
    narrowed = search("cctv", country=["TH"])
    assert set(slugs(narrowed)) == {"ct-bangkok-cctv", "ct-huawei-safe-city"}
    assert narrowed.total == 2
    assert facet(everything, "country")["TH"] == 2
    assert facet(narrowed, "type") == {"case_study": 1, "solution": 1}


def test_facet_counts_ignore_their_own_selection_but_not_the_others(corpus, engine_name):
    result = search("", type=["case_study"], country=["TH"])
    # Country counts still show Malaysia (disjunctive), but only for case studies (the other facet applies).
    countries = facet(result, "country")
    assert countries["MY"] == 1 and countries["TH"] == 1
    types = facet(result, "type")
    assert types == {"case_study": 1, "solution": 1, "city": 1, "agreement": 1}
    selected = [item for item in result.facets["country"] if item["selected"]]
    assert [item["value"] for item in selected] == ["TH"]


def test_several_values_of_one_facet_combine_with_or(corpus, engine_name):
    result = search("", type=["case_study"], country=["TH", "VN"])
    assert set(slugs(result)) == {"ct-bangkok-cctv", "ct-hcmc-traffic"}


def test_facets_carry_readable_labels(corpus, engine_name):
    labels = {item["value"]: item["label"] for item in search("").facets["country"]}
    assert labels["MY"] == "Malaysia"
    type_labels = {item["value"]: item["label"] for item in search("").facets["type"]}
    assert type_labels["case_study"] == "Case study"


def test_a_year_range_keeps_entries_within_it(corpus, engine_name):
    result = search("", type=["case_study"], year_from=2016, year_to=2019)
    assert set(slugs(result)) == {"ct-hangzhou-city-brain", "ct-kl-safe-city"}
    assert facet(result, "year")["2020"] == 1  # the year facet ignores the year range, like every facet


def test_matches_are_highlighted_and_the_rest_is_escaped(corpus, engine_name):
    result = search("congestion")
    highlights = result.hits[0].highlights
    assert highlights and "<mark>congestion</mark>" in highlights[0]


def test_a_quoted_phrase_matches_only_those_words_together(corpus, engine_name):
    assert "ct-kl-safe-city" in slugs(search('"command centre"'))
    assert "ct-huawei-safe-city" not in slugs(search('"command centre"'))  # "command and control" is not the phrase


def test_an_excluded_word_removes_entries(corpus, engine_name):
    with_huawei = slugs(search("safe city"))
    without = slugs(search("safe city -huawei"))
    assert "ct-huawei-safe-city" in with_huawei
    assert "ct-huawei-safe-city" not in without and "ct-kl-safe-city" not in without


def test_or_finds_either_word(corpus, engine_name):
    result = set(slugs(search("flooding OR lamp")))
    assert {"ct-hcmc-traffic", "ct-sg-sensors"} <= result


@pytest.mark.parametrize(
    "query, expected",
    [
        ("CCTV", "ct-kl-safe-city"),  # CCTV ~ surveillance camera
        ("surveillance camera", "ct-bangkok-cctv"),  # and back: a multi-word synonym
        ("KL", "ct-kl-safe-city"),
        ("HCMC traffic", "ct-hcmc-traffic"),
        ("PRC broadband", "ct-china-laos-mou"),
        ("operations centre", "ct-hcmc-traffic"),  # centre ~ center
    ],
)
def test_synonyms_and_abbreviations_find_the_same_entries(corpus, engine_name, query, expected):
    assert expected in slugs(search(query))


def test_a_typo_still_finds_the_entry(corpus, engine_name):
    result = search("congestoin")
    assert slugs(result) == ["ct-hangzhou-city-brain"]
    # The database engine searches the corrected word and says so; Elasticsearch matches within two edits as typed.
    assert result.corrected_text == {"database": "congestion", "elasticsearch": ""}[engine_name]


def test_a_typo_that_matches_nothing_gets_a_did_you_mean(corpus, engine_name):
    result = search("zzqxj hangzhuo")
    assert result.hits == [] and result.suggestions == ["zzqxj hangzhou"]


def test_a_chinese_query_finds_the_entry_by_its_local_name(corpus, engine_name):
    assert slugs(search("城市大脑"))[0] == "ct-hangzhou-city-brain"
    assert "ct-kuala-lumpur" in slugs(search("吉隆坡"))


def test_sorting_by_date_and_title(corpus, engine_name):
    newest = slugs(search("", type=["case_study"], sort="newest"))
    assert newest[:2] == ["ct-hcmc-traffic", "ct-kl-safe-city"]
    oldest = slugs(search("", type=["case_study"], sort="oldest"))
    assert oldest[0] == "ct-sg-sensors"
    titles = [hit.title for hit in search("", type=["case_study"], sort="title").hits]
    assert titles == sorted(titles, key=str.lower)


def test_pages_split_the_results_without_overlap(corpus, engine_name):
    first = search("", page=1, page_size=3)
    second = search("", page=2, page_size=3)
    assert len(first.hits) == 3 and len(second.hits) == 3
    assert not set(slugs(first)) & set(slugs(second))
    assert first.total == second.total
    assert search("", page=1000, page_size=3).hits == []


def test_records_are_searchable_too(corpus, engine_name):
    result = search("Alibaba Cloud")
    types = {hit.type for hit in result.hits}
    assert "organisation" in types and "case_study" in types


def test_suggestions_complete_a_title_as_it_is_typed(corpus, engine_name):
    titles = [item["text"] for item in service.suggest("hangz")]
    assert "Hangzhou City Brain" in titles
    assert all("Draft" not in title and "Restricted" not in title for title in service.suggest("surv") + service.suggest("unpub"))


def test_drafts_and_restricted_entries_never_appear(corpus, engine_name):
    result = search("surveillance camera facial recognition")
    assert not {"ct-draft-surveillance", "ct-restricted-surveillance"} & set(slugs(result))
    everything = search("", page_size=100)
    assert not {"ct-draft-surveillance", "ct-restricted-surveillance"} & set(slugs(everything))
    assert facet(search("", type=["case_study"]), "technology")["ct-cctv"] == 3  # KL, Bangkok, HCMC: not the hidden two


def test_aggregate_counts_each_value_under_a_filter_set(corpus, engine_name):
    counts = service.aggregate({"type": ["case_study"]}, ["technology", "domain", "year"])
    assert counts["technology"] == {"ct-cctv": 3, "ct-ai": 2}  # the draft and the restricted entry are not counted
    assert counts["domain"] == {"ct-mobility": 3, "ct-public-safety": 2}
    assert counts["year"] == {"2014": 1, "2015": 1, "2016": 1, "2019": 1, "2020": 1}
    # Values of one filter are OR-ed, filters AND-ed: the figures are those of the entries a search finds.
    narrowed = service.aggregate({"type": ["case_study"], "country": ["TH", "VN"]}, ["technology", "domain"])
    assert narrowed == {"technology": {"ct-cctv": 2}, "domain": {"ct-public-safety": 1, "ct-mobility": 1}}
    for technology, count in counts["technology"].items():
        assert count == search("", type=["case_study"], technology=[technology]).total


def test_aggregate_on_an_unknown_value_counts_nothing(corpus, engine_name):
    assert service.aggregate({"country": ["ZZ"]}, ["type"]) == {"type": {}}


def labelled(result, name):
    return {item["value"]: (item["label"], item["count"]) for item in result.facets[name]}


def test_agreements_are_faceted_by_kind_and_solutions_by_their_vendor(corpus, engine_name):
    agreements = search(type=["agreement"])
    assert labelled(agreements, "kind") == {"statement": ("Statement", 1), "mou": ("Memorandum of understanding", 1)}
    assert slugs(search(type=["agreement"], kind=["mou"])) == ["ct-china-laos-mou"]
    solutions = search(type=["solution"])
    assert labelled(solutions, "vendor") == {"ct-huawei": ("Huawei Technologies", 1), "ct-alibaba-cloud": ("Alibaba Cloud", 1)}
    assert slugs(search("city", vendor=["ct-huawei"])) == ["ct-huawei-safe-city"]


def test_a_case_study_is_filed_under_its_own_themes_and_its_lessons_under_theirs(corpus, engine_name):
    privacy = next(record for record in corpus["records"] if record.slug == "ct-privacy")
    untagged = CaseStudyPageFactory(title="Numbat Parking Sensors", slug="ct-numbat-parking", live=False)
    CaseStudyLessonFactory(page=untagged, theme=privacy, text="Numbat: ask before counting cars outside homes.")
    with published(untagged):
        filed = search("numbat", theme=["ct-privacy"])
        assert [(hit.type, hit.slug.split("-lesson-")[0]) for hit in filed.hits] == [("lesson", "ct-numbat-parking")]
        assert "ct-privacy" not in facet(search("numbat", type=["case_study"]), "theme"), "as the case study list counts it"
