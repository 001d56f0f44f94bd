"""The Elasticsearch engine: our own index and mapping, simple_query_string matching, disjunctive aggregations."""

import contextlib
import functools
import logging
import time
from collections.abc import Iterable

from django.conf import settings
from elasticsearch import Elasticsearch, helpers
from elasticsearch.exceptions import ElasticsearchException, NotFoundError

from ..query import (
    CJK_RUN,
    FILTER_FACETS,
    TYPE_WEIGHTS,
    WORD,
    Hit,
    ParsedQuery,
    SearchQuery,
    SearchResult,
    expanded_query_text,
    parse_query_text,
    synonym_map,
)
from ..synonyms import synonym_groups
from .base import EngineUnavailable, facet_list

logger = logging.getLogger(__name__)

TEXT_FIELDS = {
    "title": 10,
    "title.cjk": 8,
    "local_names": 5,
    "local_names.english": 5,
    "summary": 3,
    "summary.cjk": 2,
    "organisations": 2.5,
    "places": 2.5,
    "tags": 2,
    "lessons": 1,
    "outcomes": 1,
    "controversies": 1,
    "body": 0.7,
    "body.cjk": 0.5,
}
HIGHLIGHT_FIELDS = ["summary", "summary.cjk", "local_names", "lessons", "outcomes", "controversies", "organisations", "body", "body.cjk"]
FACET_SIZES = {"type": 10, "country": 50, "city": 100, "domain": 50, "technology": 50, "theme": 50, "status": 20}


def index_settings(synonym_lines: list[str]) -> dict:
    """Analysis and mapping: English with search-time synonyms, CJK bigrams, edge n-grams, keywords for facets."""
    plain = {"type": "text", "analyzer": "kb_plain"}  # unstemmed, for typo tolerance
    english_text = {"type": "text", "analyzer": "kb_english", "search_analyzer": "kb_english_search", "fields": {"plain": plain}}
    with_cjk = {**english_text, "fields": {"plain": plain, "cjk": {"type": "text", "analyzer": "kb_cjk"}}}
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "max_result_window": 10000,
            "analysis": {
                "filter": {
                    "kb_synonyms": {"type": "synonym_graph", "synonyms": synonym_lines or ["centre, center"], "lenient": True},
                    "english_stop": {"type": "stop", "stopwords": "_english_"},
                    "english_stemmer": {"type": "stemmer", "language": "english"},
                    "english_possessive": {"type": "stemmer", "language": "possessive_english"},
                    "kb_edge": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
                },
                "normalizer": {"kb_lowercase": {"type": "custom", "filter": ["lowercase", "asciifolding"]}},
                "analyzer": {
                    "kb_english": {
                        "tokenizer": "standard",
                        "filter": ["english_possessive", "lowercase", "asciifolding", "english_stop", "english_stemmer"],
                    },
                    "kb_english_search": {
                        "tokenizer": "standard",
                        "filter": ["english_possessive", "lowercase", "asciifolding", "kb_synonyms", "english_stop", "english_stemmer"],
                    },
                    "kb_plain": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding"]},
                    "kb_cjk": {"tokenizer": "standard", "filter": ["cjk_width", "lowercase", "cjk_bigram"]},
                    "kb_suggest": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding", "kb_edge"]},
                    "kb_suggest_search": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding"]},
                },
            },
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "source": {"type": "keyword"},
                "type": {"type": "keyword"},
                "slug": {"type": "keyword"},
                "url": {"type": "keyword", "index": False},
                "title": {
                    **english_text,
                    "fields": {
                        "cjk": {"type": "text", "analyzer": "kb_cjk"},
                        "plain": plain,
                        "exact": {"type": "keyword", "normalizer": "kb_lowercase"},
                        "suggest": {"type": "text", "analyzer": "kb_suggest", "search_analyzer": "kb_suggest_search"},
                    },
                },
                "local_names": {
                    "type": "text",
                    "analyzer": "kb_cjk",
                    "fields": {
                        "english": english_text,
                        "suggest": {"type": "text", "analyzer": "kb_suggest", "search_analyzer": "kb_suggest_search"},
                    },
                },
                "summary": with_cjk,
                "organisations": english_text,
                "places": english_text,
                "tags": english_text,
                "lessons": english_text,
                "outcomes": english_text,
                "controversies": english_text,
                "body": with_cjk,
                **{facet: {"type": "keyword"} for facet in FILTER_FACETS if facet != "type"},
                "year": {"type": "integer"},
                "sort_date": {"type": "keyword"},
            },
        },
    }


def _es_document(doc: dict) -> dict:
    body = {
        key: doc.get(key) or ""
        for key in (
            "source",
            "slug",
            "url",
            "title",
            "local_names",
            "summary",
            "organisations",
            "places",
            "tags",
            "lessons",
            "outcomes",
            "controversies",
            "body",
        )
    }
    body["type"] = doc["type"]
    for facet in FILTER_FACETS:
        if facet != "type":
            body[facet] = doc["facets"].get(facet, [])
    body["year"] = doc.get("year")
    body["sort_date"] = doc.get("sort_date") or None
    return body


def _as_kwargs(body: dict) -> dict:
    """A request body as the client's keyword arguments ('from' is 'from_' there)."""
    return {("from_" if key == "from" else key): value for key, value in body.items()}


@functools.lru_cache(maxsize=16)
def _client(url: str, timeout: float) -> Elasticsearch:
    """One client per node and timeout in each process: it keeps its connections open between requests
    (a new client per search would reconnect and re-check the server every time)."""
    return Elasticsearch([url], timeout=timeout, max_retries=0, retry_on_timeout=False)


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, url: str | None = None, prefix: str | None = None, timeout: float | None = None):
        self.url = url or settings.SEARCH_URL
        self.alias = f"{prefix or settings.SEARCH_INDEX_PREFIX}_search"
        self.timeout = timeout or settings.SEARCH_TIMEOUT
        self.client = _client(self.url, self.timeout)

    # --- searching -------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        parsed = parse_query_text(query.text, synonym_map(synonym_groups()))
        response = self._call(self.client.search, index=self.alias, **_as_kwargs(self._search_body(query, parsed)))
        hits = [self._hit(raw) for raw in response["hits"]["hits"]]
        total = response["hits"]["total"]["value"]
        counts = {
            facet: {str(bucket["key"]): bucket["doc_count"] for bucket in response["aggregations"][facet]["values"]["buckets"]}
            for facet in [*FILTER_FACETS, "year"]
        }
        suggestions = self._did_you_mean(query.text) if total == 0 and not parsed.is_empty else []
        return SearchResult(hits=hits, total=total, facets=facet_list(query, counts), engine=self.name, suggestions=suggestions)

    def _search_body(self, query: SearchQuery, parsed: ParsedQuery) -> dict:
        filters = self._filters(query)
        body = {
            "query": self._text_query(query.text, parsed),
            "post_filter": {"bool": {"filter": list(filters.values())}},
            "aggs": self._aggregations(filters),
            "from": query.offset,
            "size": query.page_size,
            "sort": self._sort(query.sort, parsed),
            "track_total_hits": True,
            "_source": ["type", "slug", "title", "url", "summary"],
            "highlight": {
                "pre_tags": ["<mark>"],
                "post_tags": ["</mark>"],
                "encoder": "html",
                "fragment_size": 160,
                "number_of_fragments": 2,
                "require_field_match": False,
                "fields": {field: {} for field in HIGHLIGHT_FIELDS},
            },
        }
        if not parsed.is_empty:
            # Marking the words typed is enough, and highlighting the typo-tolerant expansions as well would
            # cost more than the search itself.
            body["highlight"]["highlight_query"] = self._strict_query(parsed)
        return body

    def _strict_query(self, parsed: ParsedQuery) -> dict:
        """Every clause in some field, synonyms included: the words as typed, without typo tolerance."""
        return {
            "simple_query_string": {
                "query": expanded_query_text(parsed),
                "fields": [f"{field}^{boost}" for field, boost in TEXT_FIELDS.items()],
                "default_operator": "and",
                "flags": "AND|OR|NOT|PHRASE|PRECEDENCE|WHITESPACE",
                "auto_generate_synonyms_phrase_query": True,
            }
        }

    def _text_query(self, text: str, parsed: ParsedQuery) -> dict:
        if parsed.is_empty:
            return {"match_all": {}}
        strict = self._strict_query(parsed)
        typed = " ".join(clause[0].text for clause in parsed.clauses)
        should = [
            strict,
            {"term": {"title.exact": {"value": typed, "boost": 50}}},
            {"match_phrase": {"title": {"query": typed, "boost": 10}}},
        ]
        if not CJK_RUN.search(typed):
            # Typo tolerance: a weaker alternative where every word matches, in any field, within an edit or two.
            fuzzy_fields = ["title.plain^3", "summary.plain", "organisations.plain", "places.plain", "tags.plain", "lessons.plain", "body.plain^0.5"]
            should.append(
                {
                    "bool": {
                        "must": [
                            {"multi_match": {"query": word, "fields": fuzzy_fields, "fuzziness": "AUTO:5,8", "prefix_length": 1}}
                            for word in typed.split()[:10]
                        ],
                        "boost": 0.2,
                    }
                }
            )
        query = {"bool": {"should": should, "minimum_should_match": 1}}
        query = {
            "function_score": {
                "query": query,
                "functions": [{"filter": {"term": {"type": doc_type}}, "weight": weight} for doc_type, weight in TYPE_WEIGHTS.items() if weight != 1],
                "score_mode": "first",
                "boost_mode": "multiply",
            }
        }
        if parsed.excluded:
            excluded = " | ".join(f'"{term.text}"' for term in parsed.excluded)
            query["function_score"]["query"]["bool"]["must_not"] = [
                {"simple_query_string": {"query": excluded, "fields": list(TEXT_FIELDS), "flags": "OR|PHRASE|WHITESPACE"}}
            ]
        return query

    def _filters(self, query: SearchQuery) -> dict[str, dict]:
        filters = {facet: {"terms": {facet: values}} for facet, values in query.filters.items() if values and facet in FILTER_FACETS}
        year_range = {}
        if query.year_from is not None:
            year_range["gte"] = query.year_from
        if query.year_to is not None:
            year_range["lte"] = query.year_to
        if year_range:
            filters["year"] = {"range": {"year": year_range}}
        return filters

    def _aggregations(self, filters: dict[str, dict]) -> dict:
        """Each facet counted under every filter but its own: selecting Thailand still shows Viet Nam's count."""
        aggs = {}
        for facet in [*FILTER_FACETS, "year"]:
            others = [clause for name, clause in filters.items() if name != facet]
            terms = {"field": facet, "size": FACET_SIZES.get(facet, 100)}
            aggs[facet] = {"filter": {"bool": {"filter": others}}, "aggs": {"values": {"terms": terms}}}
        return aggs

    def _sort(self, sort: str, parsed: ParsedQuery) -> list:
        if sort == "newest":
            return [{"sort_date": {"order": "desc", "missing": "_last"}}, {"title.exact": "asc"}]
        if sort == "oldest":
            return [{"sort_date": {"order": "asc", "missing": "_last"}}, {"title.exact": "asc"}]
        if sort == "title" or parsed.is_empty:
            return [{"title.exact": "asc"}]
        return ["_score", {"title.exact": "asc"}]

    def _hit(self, raw: dict) -> Hit:
        source = raw["_source"]
        highlights: list[str] = []
        found = raw.get("highlight", {})
        for field in HIGHLIGHT_FIELDS:
            for fragment in found.get(field, []):
                if fragment not in highlights and len(highlights) < 2:
                    highlights.append(fragment)
        return Hit(
            type=source["type"],
            slug=source["slug"],
            title=source["title"],
            url=source["url"],
            summary=source.get("summary") or "",
            highlights=highlights,
        )

    def _did_you_mean(self, text: str) -> list[str]:
        words = [word for word in WORD.findall(text.lower()) if not CJK_RUN.search(word)]
        if not words:
            return []
        body = {"suggest": {"text": " ".join(words[:10]), "fix": {"phrase": {"field": "title", "size": 1, "max_errors": 2, "gram_size": 1}}}}
        try:
            response = self.client.search(index=self.alias, size=0, **body)
        except ElasticsearchException:
            return []
        options = response["suggest"]["fix"][0]["options"] if response["suggest"]["fix"] else []
        return [option["text"] for option in options]

    def suggest(self, prefix: str, limit: int = 8) -> list[dict]:
        text = " ".join(WORD.findall(prefix.replace("\x00", " ")[:100]))
        if not text:
            return []
        body = {
            "size": limit,
            "_source": ["title", "url", "type"],
            "query": {
                "bool": {
                    "should": [
                        {"match": {"title.suggest": {"query": text, "operator": "and", "boost": 2}}},
                        {"match": {"local_names.suggest": {"query": text, "operator": "and"}}},
                        {"match_phrase": {"local_names": {"query": text}}},
                        {"match_phrase_prefix": {"title": {"query": text, "boost": 3}}},
                    ],
                    "minimum_should_match": 1,
                }
            },
        }
        response = self._call(self.client.search, index=self.alias, **_as_kwargs(body))
        return [{"text": hit["_source"]["title"], "url": hit["_source"]["url"], "type": hit["_source"]["type"]} for hit in response["hits"]["hits"]]

    # --- indexing --------------------------------------------------------------------------------

    def _call(self, method, **kwargs):
        try:
            return method(**kwargs)
        except NotFoundError as error:
            raise EngineUnavailable(f"index {self.alias} is missing: run manage.py rebuild_search_index") from error
        except ElasticsearchException as error:
            raise EngineUnavailable(str(error)[:300]) from error

    def _synonym_lines(self) -> list[str]:
        return [", ".join(group) for group in synonym_groups() if len(group) > 1]

    def _create_index(self) -> str:
        name = f"{self.alias}_{time.strftime('%Y%m%d%H%M%S')}_{time.monotonic_ns() % 1_000_000:06d}"
        self._call(self.client.indices.create, index=name, request_timeout=30, **index_settings(self._synonym_lines()))
        return name

    def _bulk(self, index: str, documents: Iterable[dict], refresh: bool = True) -> int:
        """Send documents in bulk requests; returns how many were indexed."""
        actions = ({"_index": index, "_id": doc["source"], "_source": _es_document(doc)} for doc in documents)
        try:
            indexed, _ = helpers.bulk(self.client, actions, chunk_size=1000, request_timeout=60, refresh=refresh)
        except (ElasticsearchException, helpers.BulkIndexError) as error:
            raise EngineUnavailable(str(error)[:300]) from error
        return indexed

    def _warm(self, index: str) -> None:
        """One full search (text, every aggregation, highlights) on the new index before readers reach it.

        The first search of a fresh index loads its structures and can take longer than SEARCH_TIMEOUT: this
        one pays that price with a generous timeout, so the first planner after the alias swap does not.
        """
        query = SearchQuery(text="city data", sort="relevance")
        body = self._search_body(query, parse_query_text(query.text))
        try:
            self.client.search(index=index, request_timeout=60, **_as_kwargs(body))
        except ElasticsearchException as error:
            logger.warning("Warming the new search index %s failed (the first searches may be slow): %s", index, error)

    def index_documents(self, documents: Iterable[dict]) -> None:
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            self.rebuild([])  # first use: create the index and alias, then add these documents
        self._bulk(self.alias, documents)

    def remove_sources(self, sources: list[str]) -> None:
        for source in sources:
            try:
                self.client.delete(index=self.alias, id=source, refresh=True)
            except NotFoundError:
                pass
            except ElasticsearchException as error:
                raise EngineUnavailable(str(error)[:300]) from error

    def rebuild(self, documents: Iterable[dict]) -> int:
        """Build a fresh index, then point the alias at it in one atomic step and drop the old ones.

        Readers keep the old index until the swap; a rebuild that fails removes its half-built index."""
        new_index = self._create_index()
        try:
            count = self._bulk(new_index, documents, refresh=False)  # one refresh at the end, not one per request
            self._call(self.client.indices.refresh, index=new_index, request_timeout=120)
        except Exception:  # the node, or the catalog being read, failed: drop the half-built index
            with contextlib.suppress(ElasticsearchException):  # a dead node keeps it; the next rebuild's cleanup drops it
                self.client.indices.delete(index=new_index, ignore_unavailable=True, request_timeout=30)
            raise
        self._warm(new_index)
        try:
            old = list(self.client.indices.get_alias(name=self.alias).keys()) if self.client.indices.exists_alias(name=self.alias) else []
            actions = [{"remove": {"index": index, "alias": self.alias}} for index in old] + [{"add": {"index": new_index, "alias": self.alias}}]
            self.client.indices.update_aliases(body={"actions": actions}, request_timeout=30)
            # The old index, and any a failed rebuild left behind.
            for index in set(self.client.indices.get(index=f"{self.alias}_*", request_timeout=30)) - {new_index}:
                self.client.indices.delete(index=index, ignore_unavailable=True, request_timeout=30)
        except ElasticsearchException as error:
            raise EngineUnavailable(str(error)[:300]) from error
        return count

    def drop(self) -> None:
        """Delete the alias and every index behind it (tests)."""
        try:
            self.client.indices.delete(index=f"{self.alias}_*", request_timeout=30)
        except ElasticsearchException:
            pass
