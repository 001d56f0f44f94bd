"""The database engine keeps its ranking and paging when a query matches more entries than it ranks one by one, and
on PostgreSQL finds words through the full-text index rather than by reading every row."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kb.search.engines import database
from kb.search.engines.database import DatabaseEngine
from kb.search.query import SearchQuery

MATCHED = re.compile(r'\((\w+\."title" \|\| \w+\."body")\) @@')


def test_with_more_matches_than_it_ranks_the_title_match_leads_and_pages_cover_every_match(contract_corpus, db, monkeypatch):
    everything = DatabaseEngine().search(SearchQuery(text="city", page_size=100))
    assert everything.total >= 6
    best = DatabaseEngine().search(SearchQuery(text="city brain")).hits[0].slug
    assert "city-brain" in best

    monkeypatch.setattr(database, "RESCORE_LIMIT", 3)  # as if "city" matched thousands of entries
    first = DatabaseEngine().search(SearchQuery(text="city brain", page_size=2))
    assert first.hits[0].slug == best

    seen = []
    for page in range(1, everything.total + 1):
        result = DatabaseEngine().search(SearchQuery(text="city", page=page, page_size=2))
        assert result.total == everything.total
        seen += [hit.slug for hit in result.hits]
        if len(result.hits) < 2:
            break
    assert sorted(seen) == sorted(hit.slug for hit in everything.hits)  # every match once, none lost past the ranked ones


def test_on_postgresql_the_words_are_found_through_the_full_text_index(contract_corpus, db):
    if connection.vendor != "postgresql":
        pytest.skip("about PostgreSQL's full-text index (kb_search migration 0006): runs in the PostgreSQL run")
    with CaptureQueriesContext(connection) as queries:
        assert DatabaseEngine().search(SearchQuery(text="congestion")).total >= 1
    matched = {re.sub(r"\w+\.", "", found) for query in queries.captured_queries for found in MATCHED.findall(query["sql"])}
    assert matched == {'"title" || "body"'}, "Wagtail's backend matches the title and body vectors together"
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a handful of rows: make the planner show what it can use
        cursor.execute("EXPLAIN SELECT id FROM wagtailsearch_indexentry WHERE (title || body) @@ to_tsquery('congestion')")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "kb_search_indexentry_text_gin" in plan, plan
