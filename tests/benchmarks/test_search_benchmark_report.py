"""The benchmark's report: the workers' cache hits and misses added up per kind, and the ratio lines with and
without caches, told apart so that scripts reading the three lines read the site as it runs."""

import json

from benchmarks.search_benchmark import cache_lines, ratio_lines


def test_the_hit_rates_add_up_every_workers_hits_and_misses_per_kind(tmp_path):
    (tmp_path / "101.json").write_text(json.dumps({"search-page": {"hits": 80, "misses": 20}, "facet-labels": {"hits": 5, "misses": 2}}))
    (tmp_path / "102.json").write_text(json.dumps({"search-page": {"hits": 70, "misses": 30}}))
    [line] = cache_lines(str(tmp_path), "elasticsearch")
    assert line == ("elasticsearch: cache hit rates over the run: facet-labels 71.4% (5 hits, 2 misses); search-page 75.0% (150 hits, 50 misses)")


def test_a_run_whose_workers_read_no_cache_says_so(tmp_path):
    assert cache_lines(str(tmp_path), "database") == ["database: cache hit rates over the run: no cache reads"]


def test_the_ratios_without_caches_are_labelled_apart_from_the_three_lines():
    one = {"p50": 10.0, "rps": 50.0}
    rows = [
        ("elasticsearch", "search page", {"p50": 6.0}, {"rps": 90.0}),
        ("elasticsearch", "raw engine request", {"p50": 4.0}, one),
        ("elasticsearch", "stock Wagtail search", one, {"rps": 30.0}),
        ("elasticsearch", "search page, no cache", {"p50": 40.0}, {"rps": 15.0}),
        ("elasticsearch", "raw engine, no request cache", {"p50": 20.0}, one),
    ]
    tooks = {"raw engine request": [1, 1, 2], "plain query": [1, 1, 1], "raw engine, no request cache": [9, 10, 12]}
    assert ratio_lines(rows, tooks, "elasticsearch") == [
        "ratio search-page-p50/raw-engine-p50: 1.50",
        "ratio engine-took/plain-query-took: 1.00",
        "ratio search-page-throughput/stock-wagtail-throughput: 3.00",
    ]
    assert ratio_lines(rows, tooks, "elasticsearch", cold=True) == [
        "ratio (no caches) search-page-p50/raw-engine-p50: 2.00",
        "ratio (no caches) engine-took/plain-query-took: 10.00",
        "ratio (no caches) search-page-throughput/stock-wagtail-throughput: 0.50",
    ]
