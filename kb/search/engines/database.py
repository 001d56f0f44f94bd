"""The database engine: Wagtail's database search backend matches, the ORM filters and counts, Python ranks and highlights."""

import itertools
import math
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Case, Q, QuerySet, Value, When
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.query import PlainText

from .. import schema
from ..folding import fold
from ..glossary import query_synonyms
from ..highlight import fragments, term_pattern
from ..models import SearchDocument, SearchFacetValue
from ..query import (
    CJK_RUN,
    FACETS,
    WORD,
    Hit,
    ParsedQuery,
    SearchQuery,
    SearchResult,
    Term,
    light_stem,
    parse_query_text,
    stemmed_text,
)
from .base import facet_list
from .db_facets import disjunctive_counts, filter_documents, value_counts
from .db_ranking import Ranker, correct, index_vocabulary

TEXT_FIELDS = list(schema.TEXT)
# What the consistency check compares: every column the document builder fills.
COMPARED = ["doc_type", "slug", *TEXT_FIELDS, "url", "status", "year", "sort_date", "facet_data"]
REBUILD_BATCH = 2000
RESCORE_LIMIT = 500  # ranked here; beyond this many matches, the backend's ranking picks which


def _backend():
    # Always the database backend, whatever WAGTAILSEARCH_BACKENDS points the admin at.
    return get_search_backend("wagtail.search.backends.database")


class DatabaseEngine:
    name = "database"
    remote = False
    key = "database"

    def __init__(self):
        self._clause_weights: list[float] = []

    # --- searching -------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        parsed = parse_query_text(query.text, query_synonyms())
        corrected = ""
        matched = self._match(parsed) if not parsed.is_empty else None
        if matched is not None and not matched.exists():
            correction = correct(query.text)
            if correction:
                corrected_parsed = parse_query_text(correction, query_synonyms())
                corrected_matches = self._match(corrected_parsed)
                if corrected_matches.exists():
                    parsed, matched, corrected = corrected_parsed, corrected_matches, correction

        documents = self._filtered(query, matched, skip=None)
        total = documents.count()
        page_docs = self._ordered_page(documents, query, parsed, total)
        pattern = term_pattern(parsed.positive_terms())
        hits = [
            Hit(
                type=doc.doc_type,
                slug=doc.slug,
                title=doc.title,
                url=doc.url,
                summary=doc.summary,
                highlights=fragments([getattr(doc, field) for field in schema.highlight_fields()], pattern),
            )
            for doc in page_docs
        ]
        facets = facet_list(query, self._facet_counts(query, matched))
        suggestions = []
        if total == 0 and not corrected:
            correction = correct(query.text)
            suggestions = [correction] if correction else []
        return SearchResult(hits=hits, total=total, facets=facets, engine=self.name, suggestions=suggestions, corrected_text=corrected)

    # Matches stay SQL subqueries (SearchDocument pks), so that counting and faceting thousands of them happens in
    # the database instead of shipping their ids back and forth.

    def _term_matches(self, term: Term) -> QuerySet:
        if term.is_cjk or CJK_RUN.search(term.text):
            # FTS5 and PostgreSQL do not segment Chinese: match the characters directly.
            needle = term.text.replace(" ", "") if term.is_cjk else term.text
            condition = Q()
            for field in schema.chinese_fields():
                condition |= Q(**{f"{field}__icontains": needle})
            return SearchDocument.objects.filter(condition).values("pk")
        stems = " ".join(light_stem(word) for word in term.text.split())
        found = _backend().search(PlainText(stems, operator="and"), SearchDocument.objects.all(), order_by_relevance=False)
        matches = found.get_queryset().values("pk")
        if term.is_phrase:
            # The backend found every word; keep the documents where they stand together ('surveillance cameras'),
            # with the highlighter's pattern, in SQL (PostgreSQL spells a word boundary \y).
            regex = term_pattern([term]).pattern
            if connection.vendor == "postgresql":
                regex = regex.replace(r"\b", r"\y")
            together = Q()
            for field in TEXT_FIELDS:
                together |= Q(**{f"{field}__iregex": regex})
            # In a CASE, so that the regular expressions (thirteen fields, a class of accented letters for each letter)
            # run on the documents that hold the words only: as a plain condition the database may run them on
            # every row first (30 ms a query at 500 entries on PostgreSQL, in each of a search's five or six queries).
            holds_phrase = Case(When(~Q(pk__in=matches), then=Value(False)), When(together, then=Value(True)), default=Value(False))
            return SearchDocument.objects.alias(holds_phrase=holds_phrase).filter(holds_phrase=True).values("pk")
        return matches

    def _match(self, parsed: ParsedQuery) -> QuerySet:
        """The documents that match every clause (any alternative of it) and no excluded term."""
        cache: dict[str, QuerySet] = {}

        def matches(term: Term) -> QuerySet:
            if term.text not in cache:
                cache[term.text] = self._term_matches(term)
            return cache[term.text]

        matched = SearchDocument.objects.all()
        corpus_size = SearchDocument.objects.count() or 1 if len(parsed.clauses) > 1 else 1
        self._clause_weights = []
        relaxed = []  # (condition) of the clauses of which only required_count must match
        for clause in parsed.clauses:
            condition = Q()
            for term in clause:
                condition |= Q(pk__in=matches(term))
            if len(parsed.clauses) > 1:  # rarer clauses count more; with one clause the weight changes no order
                clause_size = SearchDocument.objects.filter(condition).count()
                self._clause_weights.append(math.log(1 + corpus_size / (1 + clause_size)))
            else:
                self._clause_weights.append(1.0)
            if clause[0].quoted or parsed.required_count == len(parsed.relaxed_clauses):
                matched = matched.filter(condition)
            else:
                relaxed.append(condition)
        if relaxed:
            # As Elasticsearch's minimum_should_match: enough of the clauses, the others only rank.
            found = sum((Case(When(condition, then=Value(1)), default=Value(0)) for condition in relaxed), Value(0))
            matched = matched.alias(clauses_found=found).filter(clauses_found__gte=parsed.required_count)
        for term in parsed.excluded:
            matched = matched.exclude(pk__in=matches(term))
        return matched

    def _filtered(self, query: SearchQuery, matched: QuerySet | None, skip: str | None) -> QuerySet:
        documents = SearchDocument.objects.all() if matched is None else matched
        return filter_documents(documents, query.filters, query.year_from, query.year_to, skip=skip, all_of=query.all_of)

    def _ordered_page(self, documents: QuerySet, query: SearchQuery, parsed: ParsedQuery, total: int) -> list[SearchDocument]:
        start, stop = query.offset, query.offset + query.page_size
        if query.sort == "newest":
            return list(documents.order_by("-sort_date", "title")[start:stop])
        if query.sort == "oldest":
            return list(documents.exclude(sort_date="").order_by("sort_date", "title")[start:stop]) if total else []
        if query.sort == "title" or parsed.is_empty:
            return list(documents.order_by("title")[start:stop])
        fields = ["pk", "doc_type", "slug", "url", *TEXT_FIELDS]
        if total <= RESCORE_LIMIT:
            candidates = list(documents.only(*fields))
        else:
            # Too many to rank here: rank those whose title holds the words typed (the ranker's strongest signal),
            # topped up with the newest of the rest.
            in_title = documents
            for word in " ".join(clause[0].text for clause in parsed.clauses).split()[:10]:
                in_title = in_title.filter(title__icontains=word)
            candidates = list(in_title.only(*fields)[:RESCORE_LIMIT])
            if len(candidates) < RESCORE_LIMIT:
                rest = documents.exclude(pk__in=[doc.pk for doc in candidates]).order_by("-sort_date", "title")
                candidates += list(rest.only(*fields)[: RESCORE_LIMIT - len(candidates)])
        rank = Ranker(parsed, self._clause_weights)
        ranked = sorted(candidates, key=lambda doc: (-rank(doc), doc.title))
        page = ranked[start:stop]
        if total > len(ranked) and len(page) < stop - start:
            # Past the ranked ones, the other matches follow, newest first.
            rest = documents.exclude(pk__in=[doc.pk for doc in ranked]).order_by("-sort_date", "title")
            skip = max(0, start - len(ranked))
            page += list(rest.only(*fields)[skip : skip + (stop - start) - len(page)])
        return page

    def _facet_counts(self, query: SearchQuery, matched: QuerySet | None) -> dict[str, dict[str, int]]:
        selected = {**query.filters, "year": [year for year in (query.year_from, query.year_to) if year is not None]}
        for facet in query.all_of:  # under "all of them", an option counts what choosing it as well would give
            selected.pop(facet, None)
        return disjunctive_counts(FACETS, selected, lambda skip: self._filtered(query, matched, skip), value_counts)

    def aggregate(self, filters: dict[str, list[str]], fields: list[str]) -> dict[str, dict[str, int]]:
        return value_counts(filter_documents(SearchDocument.objects.all(), filters), fields)

    def fingerprints(self) -> dict[str, tuple]:
        rows = SearchDocument.objects.values_list("source", *COMPARED).iterator()
        return {source: tuple(values) for source, *values in rows}

    def fingerprint(self, document: dict) -> tuple:
        model = _to_model(document)
        return tuple(getattr(model, name) for name in COMPARED)

    def exists(self) -> bool:
        return True  # its tables come with the migrations

    def drop(self) -> None:
        self.rebuild([])

    # --- suggestions and corrections -------------------------------------------------------------

    def suggest(self, prefix: str, limit: int = 8) -> list[dict]:
        # Folded as the names are in folded_names: 'Da Nang' and 'Đà Nẵng' complete the same names.
        words = [fold(word) for word in WORD.findall(prefix.replace("\x00", " ")[:100].lower())]
        if not words:
            return []
        names = [*schema.suggest_fields(), "folded_names"]
        condition = Q()
        for word in words[:-1]:
            condition &= _any_field(names, "icontains", word)
        last = words[-1]
        others = [field for field in names if field != "title"]
        starts = condition & (Q(title__istartswith=last) | Q(title__icontains=" " + last) | _any_field(others, "icontains", last))
        rows = SearchDocument.objects.filter(starts, doc_type__in=schema.suggested_types())
        rows = rows.order_by("doc_type", "title").values("title", "url", "doc_type")[: limit * 3]
        typed = " ".join(words)
        ranked = sorted(rows, key=lambda row: (not fold(row["title"].lower()).startswith(typed), _TYPE_ORDER.get(row["doc_type"], 9), row["title"]))
        return [{"text": row["title"], "url": row["url"], "type": row["doc_type"]} for row in ranked[:limit]]

    # --- indexing --------------------------------------------------------------------------------

    def index_documents(self, documents: Iterable[dict]) -> None:
        documents = list(documents)
        backend = _backend()
        with transaction.atomic():
            replaced = SearchDocument.objects.filter(source__in=[doc["source"] for doc in documents])
            for document in replaced.only("pk"):
                backend.delete(document)  # its full-text entry, which would otherwise outlive it
            replaced.delete()
            saved = SearchDocument.objects.bulk_create([_to_model(doc) for doc in documents])
            SearchFacetValue.objects.bulk_create(
                SearchFacetValue(document=model, facet=facet, value=str(value)[:120])
                for model, doc in zip(saved, documents, strict=True)
                for facet, values in doc["facets"].items()
                for value in values
            )
        saved = list(SearchDocument.objects.filter(source__in=[doc["source"] for doc in documents]))
        if saved:
            backend.add_bulk(SearchDocument, saved)
        index_vocabulary.cache_clear()

    def remove_sources(self, sources: list[str]) -> None:
        self._delete(SearchDocument.objects.filter(Q(source__in=sources) | _owned_by(sources)))

    def prune_owned(self, owners: list[str], keep: set[str]) -> None:
        self._delete(SearchDocument.objects.filter(_owned_by(owners)).exclude(source__in=keep))

    def _delete(self, documents: QuerySet) -> None:
        backend = _backend()
        for document in documents:
            backend.delete(document)  # its full-text entry, which would otherwise outlive it
            document.delete()
        index_vocabulary.cache_clear()

    def rebuild(self, documents: Iterable[dict]) -> int:
        with transaction.atomic():
            SearchFacetValue.objects.all().delete()
            SearchDocument.objects.all().delete()
            # Their full-text entries in one statement, not one per document.
            _backend().get_index_for_model(SearchDocument).delete_stale_model_entries(SearchDocument)
        count = 0
        documents = iter(documents)
        while batch := list(itertools.islice(documents, REBUILD_BATCH)):
            self.index_documents(batch)
            count += len(batch)
        _refresh_planner_statistics()
        return count


def _refresh_planner_statistics() -> None:
    """ANALYZE the search tables after a rebuild.

    SQLite never gathers planner statistics on its own; without them it evaluates the full-text MATCH once per
    index row when the index is joined (0.3 s a search instead of 3 ms at 10k entries). Cheap on PostgreSQL too.
    """
    tables = [SearchDocument._meta.db_table, SearchFacetValue._meta.db_table, IndexEntry._meta.db_table]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


_TYPE_ORDER = {"case_study": 0, "agreement": 1, "solution": 2, "city": 3, "organisation": 4, "theme": 5, "lesson": 6}


def _owned_by(owners: list[str]) -> Q:
    """The documents that belong to these (a case study's lessons): their sources start with the owner's and a slash."""
    condition = Q(pk__in=[])
    for owner in owners:
        condition |= Q(source__startswith=f"{owner}/")
    return condition


def _any_field(fields: list[str], lookup: str, value: str) -> Q:
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__{lookup}": value})
    return condition


def _to_model(doc: dict) -> SearchDocument:
    return SearchDocument(
        source=doc["source"],
        doc_type=doc["type"],
        slug=doc["slug"],
        title=doc["title"][:500],
        url=doc["url"],
        year=doc.get("year"),
        sort_date=doc.get("sort_date") or "",
        status=(doc["facets"].get("status") or [""])[0],
        facet_data=doc["facets"],
        **{field: doc.get(field) or "" for field in TEXT_FIELDS if field != "title"},
        stemmed=stemmed_text(" ".join(doc.get(field) or "" for field in TEXT_FIELDS)),
        folded_names=_folded_names(doc),
    )


def _folded_names(doc: dict) -> str:
    """The title and local names without their accents, when they have any (for suggestions)."""
    names = " ".join([doc["title"], doc.get("local_names") or ""])
    folded = fold(names)
    return folded if folded != names else ""
