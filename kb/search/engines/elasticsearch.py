"""The Elasticsearch engine: our own index behind an alias, rebuilt by swapping the alias (mapping in es_mapping,
request bodies in es_query)."""

import contextlib
import functools
import logging
import time
from collections.abc import Iterable

from django.conf import settings
from elasticsearch import Elasticsearch, helpers
from elasticsearch.exceptions import ElasticsearchException, NotFoundError

from ..glossary import known_words, query_synonyms
from ..highlight import term_pattern
from ..query import ParsedQuery, SearchQuery, SearchResult, parse_query_text
from ..synonyms import synonym_groups
from . import es_query
from .base import EngineUnavailable, facet_list
from .es_mapping import es_document, index_settings

logger = logging.getLogger(__name__)


def _owned_by(owners: list[str]) -> list[dict]:
    """The documents that belong to these (a case study's lessons): their sources start with the owner's and a slash."""
    return [{"prefix": {"source": f"{owner}/"}} for owner in owners]


@functools.lru_cache(maxsize=16)
def _client(urls: tuple[str, ...], timeout: float) -> Elasticsearch:
    """One client per cluster and timeout in each process: it keeps its connections open between requests
    (a new client per search would reconnect and re-check the server every time).

    With several nodes it takes them in turn; a node that refuses the connection is set aside and the request goes
    to the next one (one retry per other node), while a node that is merely slow is not retried: the caller's
    timeout, then the database engine, answer instead."""
    return Elasticsearch(list(urls), timeout=timeout, max_retries=len(urls) - 1, retry_on_timeout=False)


def node_urls(setting: str) -> tuple[str, ...]:
    """SEARCH_URL's addresses: one, or a cluster's nodes comma-separated."""
    return tuple(url.strip() for url in setting.split(",") if url.strip())


class ElasticsearchEngine:
    name = "elasticsearch"
    remote = True

    def __init__(self, url: str | None = None, prefix: str | None = None, timeout: float | None = None):
        self.url = url or settings.SEARCH_URL
        self.alias = f"{prefix or settings.SEARCH_INDEX_PREFIX}_search"
        self.timeout = timeout or settings.SEARCH_TIMEOUT
        self.client = _client(node_urls(self.url), self.timeout)
        self.key = f"{self.name}@{self.url}"  # one breaker per cluster: another cluster's failures say nothing

    # --- reading ---------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        parsed = parse_query_text(query.text, query_synonyms())
        response = self.requests_for(query, parsed)[-1][1]
        total = response["hits"]["total"]["value"]
        counts = es_query.facet_counts(response["aggregations"])
        suggestions = self._did_you_mean(query.text) if total == 0 and not parsed.is_empty else []
        pattern = term_pattern(parsed.positive_terms())
        hits = [es_query.read_hit(raw, pattern) for raw in response["hits"]["hits"]]
        return SearchResult(hits=hits, total=total, facets=facet_list(query, counts), engine=self.name, suggestions=suggestions)

    def requests_for(self, query: SearchQuery, parsed: ParsedQuery) -> list[tuple[dict, dict]]:
        """(body, answer) of each request the search sends: es_query.search_bodies in turn until one finds something."""
        sent = []
        for body in es_query.search_bodies(query, parsed):
            sent.append((body, self._call(self.client.search, index=self.alias, params=es_query.search_params(), **es_query.as_kwargs(body))))
            if sent[-1][1]["hits"]["total"]["value"]:
                break
        return sent

    def _did_you_mean(self, text: str) -> list[str]:
        body = es_query.did_you_mean_body(text)
        if body is None:
            return []
        try:
            response = self.client.search(index=self.alias, size=0, **body)
        except ElasticsearchException:
            return []
        options = response["suggest"]["fix"][0]["options"] if response["suggest"]["fix"] else []
        typed = body["suggest"]["text"]
        kept = [es_query.keep_known_words(typed, option["text"], known_words()) for option in options]
        return [text for text in dict.fromkeys(kept) if text != typed][:1]

    def suggest(self, prefix: str, limit: int = 8) -> list[dict]:
        body = es_query.suggest_body(prefix, limit)
        if body is None:
            return []
        response = self._call(self.client.search, index=self.alias, **es_query.as_kwargs(body))
        return [{"text": hit["_source"]["title"], "url": hit["_source"]["url"], "type": hit["_source"]["type"]} for hit in response["hits"]["hits"]]

    def aggregate(self, filters: dict[str, list[str]], fields: list[str]) -> dict[str, dict[str, int]]:
        clauses = list(es_query.filter_clauses(filters).values())
        body = {"size": 0, "query": {"bool": {"filter": clauses}}, "aggs": {field: es_query.terms_aggregation(field) for field in fields}}
        response = self._call(self.client.search, index=self.alias, **body)
        return {field: es_query.bucket_counts(response["aggregations"][field]) for field in fields}

    def fingerprints(self) -> dict[str, dict]:
        try:
            scan = helpers.scan(self.client, index=self.alias, query={"query": {"match_all": {}}}, size=1000, request_timeout=60)
            return {hit["_id"]: hit["_source"] for hit in scan}
        except NotFoundError:
            return {}
        except ElasticsearchException as error:
            raise EngineUnavailable(str(error)[:300]) from error

    def fingerprint(self, document: dict) -> dict:
        return es_document(document)

    def exists(self) -> bool:
        return self._call(self.client.indices.exists_alias, name=self.alias)

    def _call(self, method, **kwargs):
        try:
            return method(**kwargs)
        except NotFoundError as error:
            raise EngineUnavailable(f"index {self.alias} is missing: run manage.py rebuild_search_index") from error
        except ElasticsearchException as error:
            raise EngineUnavailable(str(error)[:300]) from error

    # --- writing ---------------------------------------------------------------------------------

    def _create_index(self) -> str:
        name = f"{self.alias}_{time.strftime('%Y%m%d%H%M%S')}_{time.monotonic_ns() % 1_000_000:06d}"
        synonym_lines = [", ".join(group) for group in synonym_groups() if len(group) > 1]
        self._call(self.client.indices.create, index=name, request_timeout=30, **index_settings(synonym_lines))
        return name

    def _bulk(self, index: str, documents: Iterable[dict], refresh: bool = True) -> int:
        """Send documents in bulk requests; returns how many were indexed."""
        actions = ({"_index": index, "_id": doc["source"], "_source": es_document(doc)} for doc in documents)
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
        body = es_query.search_body(query, parse_query_text(query.text))
        try:
            self.client.search(index=index, request_timeout=60, **es_query.as_kwargs(body))
        except ElasticsearchException as error:
            logger.warning("Warming the new search index %s failed (the first searches may be slow): %s", index, error)

    def index_documents(self, documents: Iterable[dict]) -> None:
        if not self.exists():
            self.rebuild([])  # first use: create the index and alias, then add these documents
        self._bulk(self.alias, documents)

    def remove_sources(self, sources: list[str]) -> None:
        if sources:
            self._delete_where({"bool": {"should": [{"ids": {"values": sources}}, *_owned_by(sources)]}})

    def prune_owned(self, owners: list[str], keep: set[str]) -> None:
        if owners:
            self._delete_where({"bool": {"should": _owned_by(owners), "must_not": [{"ids": {"values": sorted(keep)}}]}})

    def _delete_where(self, query: dict) -> None:
        try:
            self.client.delete_by_query(index=self.alias, body={"query": query}, refresh=True, conflicts="proceed", request_timeout=60)
        except NotFoundError:
            pass  # no index: nothing to remove
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
        """Delete the alias and every index behind it."""
        with contextlib.suppress(ElasticsearchException):
            self.client.indices.delete(index=f"{self.alias}_*", request_timeout=30)
