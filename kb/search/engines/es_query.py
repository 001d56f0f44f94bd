"""Elasticsearch request bodies: simple_query_string matching over the schema's fields, filters, disjunctive
aggregations and sorting; and hits read back, highlighted as the database engine's are."""

import re
from collections.abc import Iterator

from django.conf import settings

from .. import schema
from ..folding import fold
from ..highlight import fragments
from ..query import CJK_RUN, FILTER_FACETS, MINIMUM_SHOULD_MATCH, TYPE_WEIGHTS, WORD, Hit, ParsedQuery, SearchQuery, clauses_text
from .es_mapping import fuzzy_fields, weighted_fields

FUZZINESS = {"fuzziness": "AUTO:5,8", "prefix_length": 2, "max_expansions": 10}


def search_params() -> dict[str, str]:
    """The search request's hits and counts kept by each shard's request cache until the shard changes
    (Elasticsearch keeps only size-0 requests unless asked); off with the site's cache (CATALOG_CACHE_SECONDS=0)."""
    return {"request_cache": "true" if settings.CATALOG_CACHE_SECONDS > 0 else "false"}


def as_kwargs(body: dict) -> dict:
    """A request body as the client's keyword arguments ('from' is 'from_' there)."""
    return {("from_" if key == "from" else key): value for key, value in body.items()}


def search_bodies(query: SearchQuery, parsed: ParsedQuery) -> Iterator[dict]:
    """The requests a search may send, made as they are needed, in turn until one finds something: the words as
    typed, then, if they can hold a typo, the same words within an edit or two. Typo tolerance only when the words as
    typed match nothing, as the database engine corrects only then: expanding every word into its near spellings was
    a third of a search's time, and on words spelt right it only brought near misses ('tracing' listing trading
    platforms)."""
    yield search_body(query, parsed)
    if tolerates_typos(parsed):
        yield search_body(query, parsed, typo_tolerant=True)


def search_body(query: SearchQuery, parsed: ParsedQuery, typo_tolerant: bool = False) -> dict:
    filters = filter_clauses(query.filters, query.year_from, query.year_to, query.all_of)
    return {
        "query": text_query(parsed, typo_tolerant),
        "post_filter": {"bool": {"filter": list(filters.values())}},
        "aggs": aggregations(filters, query.all_of),
        "from": query.offset,
        "size": query.page_size,
        "sort": sort_clauses(query.sort, parsed),
        "track_total_hits": True,
        # The highlighted fields' text, highlighted here as the database engine does (kb.search.highlight): the
        # node's highlighter cost five times the rest of a cached request (Profile API and `took`), even reading
        # offsets from the index.
        "_source": ["type", "slug", "title", "url", *schema.highlight_fields()],
    }


def strict_query(parsed: ParsedQuery) -> dict:
    """The words as typed, synonyms included, without typo tolerance: quoted phrases all, and of the other clauses
    as many as MINIMUM_SHOULD_MATCH asks (all of a short query), each in some field (the Chinese views only when
    the query holds Chinese, typed or a glossary term's: they index other scripts as the plain fields do)."""
    fields = weighted_fields(chinese=_holds_chinese(parsed))
    must = [_simple_query(clauses_text([clause]), "and", fields) for clause in parsed.required_clauses]
    if parsed.required_count == len(parsed.relaxed_clauses):
        if parsed.relaxed_clauses:
            must.append(_simple_query(clauses_text(parsed.relaxed_clauses), "and", fields))
    else:
        # The count itself: a lone clause with alternatives, (a | b), is flattened by the parser, and a percentage would
        # then ask for every alternative.
        relaxed = _simple_query(clauses_text(parsed.relaxed_clauses), "or", fields)
        relaxed["simple_query_string"]["minimum_should_match"] = str(parsed.required_count)
        must.append(relaxed)
    return must[0] if len(must) == 1 else {"bool": {"must": must}}


def _holds_chinese(parsed: ParsedQuery) -> bool:
    return any(CJK_RUN.search(term.text) for term in parsed.positive_terms())


def _simple_query(text: str, operator: str, fields: list[str]) -> dict:
    return {
        "simple_query_string": {
            "query": text,
            "fields": fields,
            "default_operator": operator,
            "flags": "AND|OR|NOT|PHRASE|PRECEDENCE|WHITESPACE",
            "auto_generate_synonyms_phrase_query": True,
        }
    }


def tolerates_typos(parsed: ParsedQuery) -> bool:
    return bool(parsed.relaxed_clauses) and not any(CJK_RUN.search(clause[0].text) for clause in parsed.clauses)


def text_query(parsed: ParsedQuery, typo_tolerant: bool = False) -> dict:
    if parsed.is_empty:
        return {"match_all": {}}
    typed = " ".join(clause[0].text for clause in parsed.clauses)
    should = [
        strict_query(parsed),
        {"term": {"title.exact": {"value": typed, "boost": 50}}},
        {"match_phrase": {"title": {"query": typed, "boost": 10}}},
    ]
    if tolerates_typos(parsed):
        # A weaker alternative where the words match the unstemmed title and summary as typed (an exact word ranks
        # above a stem's match) or, typo-tolerant, within an edit or two; as many words as the strict match asks for,
        # quoted phrases exactly. The first two letters as typed and the ten closest terms: expanding every term of
        # every field cost more than all the rest of the query (the Profile API's rewrite time).
        spelling = FUZZINESS if typo_tolerant else {}
        words = [
            {"multi_match": {"query": clause[0].text, "fields": fuzzy_fields(), "operator": "and", **spelling}}
            for clause in parsed.relaxed_clauses[:10]
        ]
        required = [_simple_query(clauses_text([clause]), "and", weighted_fields(chinese=False)) for clause in parsed.required_clauses]
        should.append({"bool": {"must": required, "should": words, "minimum_should_match": MINIMUM_SHOULD_MATCH, "boost": 0.2}})
    matching = {"bool": {"should": should, "minimum_should_match": 1}}
    if parsed.excluded:
        excluded = " | ".join(f'"{term.text}"' for term in parsed.excluded)
        fields = [field.split("^")[0] for field in weighted_fields()]
        matching["bool"]["must_not"] = [{"simple_query_string": {"query": excluded, "fields": fields, "flags": "OR|PHRASE|WHITESPACE"}}]
    return {
        "function_score": {
            "query": matching,
            "functions": [{"filter": {"term": {"type": doc_type}}, "weight": weight} for doc_type, weight in TYPE_WEIGHTS.items() if weight != 1],
            "score_mode": "first",
            "boost_mode": "multiply",
        }
    }


def filter_clauses(
    filters: dict[str, list[str]], year_from: int | None = None, year_to: int | None = None, all_of: set[str] = frozenset()
) -> dict[str, dict]:
    """{facet: clause}: values of one facet OR-ed (all of them for the facets `all_of` names), facets AND-ed."""
    clauses = {
        facet: {"bool": {"filter": [{"term": {facet: value}} for value in values]}} if facet in all_of else {"terms": {facet: values}}
        for facet, values in filters.items()
        if values and facet in FILTER_FACETS
    }
    year_range = {}
    if year_from is not None:
        year_range["gte"] = year_from
    if year_to is not None:
        year_range["lte"] = year_to
    if year_range:
        clauses["year"] = {"range": {"year": year_range}}
    return clauses


def aggregations(filters: dict[str, dict], all_of: set[str] = frozenset()) -> dict:
    """Every facet counted; without a filter over the matching documents, else disjunctively."""
    if not filters:
        return {facet.name: terms_aggregation(facet.name) for facet in schema.FILTER_FIELDS}
    return disjunctive_aggregations(filters, all_of)


def facet_counts(aggregations: dict) -> dict[str, dict[str, int]]:
    """{facet: {value: count}} from the answer to aggregations()."""
    return {facet: bucket_counts(aggregation.get("values", aggregation)) for facet, aggregation in aggregations.items()}


def disjunctive_aggregations(filters: dict[str, dict], all_of: set[str] = frozenset()) -> dict:
    """Each facet counted under every filter but its own: selecting Thailand still shows Viet Nam's count. Under
    "all of them" a facet's own filter stays: an option counts what choosing it as well would give."""
    aggs = {}
    for facet in schema.FILTER_FIELDS:
        others = [clause for name, clause in filters.items() if name != facet.name or name in all_of]
        aggs[facet.name] = {"filter": {"bool": {"filter": others}}, "aggs": {"values": terms_aggregation(facet.name)}}
    return aggs


def terms_aggregation(facet: str) -> dict:
    return {"terms": {"field": facet, "size": schema.FACETS[facet].size}}


def bucket_counts(aggregation: dict) -> dict[str, int]:
    return {str(bucket["key"]): bucket["doc_count"] for bucket in aggregation["buckets"]}


def sort_clauses(sort: str, parsed: ParsedQuery) -> list:
    if sort == "newest":
        return [{"sort_date": {"order": "desc", "missing": "_last"}}, {"title.exact": "asc"}]
    if sort == "oldest":
        return [{"sort_date": {"order": "asc", "missing": "_last"}}, {"title.exact": "asc"}]
    if sort == "title" or parsed.is_empty:
        return [{"title.exact": "asc"}]
    return ["_score", {"title.exact": "asc"}]


def read_hit(raw: dict, pattern: re.Pattern | None = None) -> Hit:
    """A hit, its highlighted fields' first matches of `pattern` (kb.search.highlight.term_pattern) marked."""
    source = raw["_source"]
    highlights = fragments([source.get(field) or "" for field in schema.highlight_fields()], pattern)
    return Hit(
        type=source["type"], slug=source["slug"], title=source["title"], url=source["url"], summary=source.get("summary") or "", highlights=highlights
    )


def did_you_mean_body(text: str) -> dict | None:
    words = [fold(word) for word in WORD.findall(text.lower()) if not CJK_RUN.search(word)]
    if not words:
        return None
    # The unstemmed view of the titles, without search-time synonyms: corrections are words a reader can read, and an
    # old place name is not "corrected" into a synonym's stem ('peking' into 'beij').
    return {"suggest": {"text": " ".join(words[:10]), "fix": {"phrase": {"field": "title.plain", "size": 3, "max_errors": 2, "gram_size": 1}}}}


def keep_known_words(typed: str, suggested: str, known: frozenset[str]) -> str:
    """The suggester's correction with every known place, alias or glossary word put back as typed: 'Rangoon' is not a
    misspelt English word. A correction that changed the number of words is kept only if it changed no known word."""
    typed_words, suggested_words = typed.split(), suggested.split()
    if len(typed_words) != len(suggested_words):
        return typed if any(word in known for word in typed_words) else suggested
    return " ".join(original if original in known else new for original, new in zip(typed_words, suggested_words, strict=True))


def suggest_body(prefix: str, limit: int) -> dict | None:
    """Titles (and local names) that complete what is typed; an exact title prefix first."""
    text = " ".join(WORD.findall(prefix.replace("\x00", " ")[:100]))
    if not text:
        return None
    should = [
        {"match": {f"{field}.suggest": {"query": text, "operator": "and", "boost": 2 if field == "title" else 1}}}
        for field in schema.suggest_fields()
    ]
    should += [{"match_phrase": {"local_names": {"query": text}}}, {"match_phrase_prefix": {"title": {"query": text, "boost": 3}}}]
    query = {"bool": {"should": should, "minimum_should_match": 1, "filter": [{"terms": {"type": schema.suggested_types()}}]}}
    return {"size": limit, "_source": ["title", "url", "type"], "query": query}
