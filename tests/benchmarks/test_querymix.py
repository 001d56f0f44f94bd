"""The benchmark's query mix and the ratio lines that scripts read (pure helpers; nothing timed)."""

import re
from collections import Counter

import pytest

from benchmarks.querymix import corpus_vocabulary, planner_queries, ratio_line, zipf_sequence


def test_the_mix_has_hundreds_of_distinct_planner_queries_in_the_corpus_words():
    vocabulary = corpus_vocabulary()

    queries = planner_queries(vocabulary, 300)

    assert len(queries) == len(set(queries)) == 300
    projects = [project.lower() for project in vocabulary["projects"]]
    assert sum(any(project in query.lower() for project in projects) for query in queries) > 150
    assert any(query.startswith(("how ", "which ", "who ", "what ")) for query in queries), "questions"
    assert any(" -" in query for query in queries), "exclusions"
    assert any(re.search(r"\b20\d\d\b", query) for query in queries), "years"
    assert any(re.search(r"[\u4e00-\u9fff]", query) for query in queries), "Chinese"
    assert any(len(query.split()) >= 6 for query in queries), "long queries"


def test_the_same_seed_gives_the_same_mix_and_another_seed_another():
    vocabulary = corpus_vocabulary()

    assert planner_queries(vocabulary, 250, seed=3) == planner_queries(vocabulary, 250, seed=3)
    assert planner_queries(vocabulary, 250, seed=3) != planner_queries(vocabulary, 250, seed=4)


def test_a_vocabulary_too_small_for_the_mix_is_refused_with_the_count_it_gives():
    tiny = {key: ["water"] for key in ("projects", "objects", "outcomes", "places", "vendors", "funding", "chinese", "lessons")}

    with pytest.raises(ValueError, match=r"gives \d+ distinct queries, fewer than 200"):
        planner_queries(tiny, 200)


def test_the_request_sequence_repeats_a_few_queries_often_and_still_asks_every_query():
    queries = [f"query {rank}" for rank in range(1, 301)]

    sequence = zipf_sequence(queries, 3000)

    counts = Counter(sequence)
    assert len(sequence) == 3000 and set(counts) == set(queries)
    top_ten = sum(count for _, count in counts.most_common(10))
    assert top_ten > 3000 * 0.3, "a Zipf-like skew: the ten most asked queries are a third of the traffic"
    assert counts["query 1"] > 10 * counts["query 300"]


def test_ratio_lines_read_the_way_scripts_expect():
    assert ratio_line("search-page-p50/raw-engine-p50", 45.0, 30.0) == "ratio search-page-p50/raw-engine-p50: 1.50"
    assert ratio_line("engine-took/plain-query-took", 7.0, 3.0) == "ratio engine-took/plain-query-took: 2.33"
    assert ratio_line("search-page-throughput/stock-wagtail-throughput", 10.0, None) == "ratio search-page-throughput/stock-wagtail-throughput: n/a"
    assert ratio_line("search-page-p50/raw-engine-p50", float("nan"), 3.0).endswith(": n/a")
    assert re.fullmatch(r"ratio [\w/-]+: \d+\.\d\d", ratio_line("x/y", 1, 3))
