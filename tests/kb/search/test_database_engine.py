"""The database engine keeps its ranking and paging when a query matches more entries than it ranks one by one."""

from kb.search.engines import database
from kb.search.engines.database import DatabaseEngine
from kb.search.query import SearchQuery


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
