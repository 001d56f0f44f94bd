"""The Elasticsearch index: analysis, and a mapping and documents derived from kb.search.schema."""

from django.conf import settings

from .. import schema

ANALYSIS = {
    "filter": {
        "english_stop": {"type": "stop", "stopwords": "_english_"},
        "english_stemmer": {"type": "stemmer", "language": "english"},
        "english_possessive": {"type": "stemmer", "language": "possessive_english"},
        "kb_edge": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
    },
    "normalizer": {"kb_lowercase": {"type": "custom", "filter": ["lowercase", "asciifolding"]}},
    "analyzer": {
        "kb_english": {"tokenizer": "standard", "filter": ["english_possessive", "lowercase", "asciifolding", "english_stop", "english_stemmer"]},
        "kb_english_search": {
            "tokenizer": "standard",
            "filter": ["english_possessive", "lowercase", "asciifolding", "kb_synonyms", "english_stop", "english_stemmer"],
        },
        "kb_plain": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding"]},  # unstemmed, for typo tolerance
        "kb_cjk": {"tokenizer": "standard", "filter": ["cjk_width", "lowercase", "cjk_bigram"]},
        "kb_suggest": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding", "kb_edge"]},
        "kb_suggest_search": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding"]},
    },
}
LANGUAGES = {
    "english": {"type": "text", "analyzer": "kb_english", "search_analyzer": "kb_english_search"},
    "cjk": {"type": "text", "analyzer": "kb_cjk"},
}
PLAIN = {"type": "text", "analyzer": "kb_plain"}
SUGGEST = {"type": "text", "analyzer": "kb_suggest", "search_analyzer": "kb_suggest_search"}
EXACT = {"type": "keyword", "normalizer": "kb_lowercase"}  # the title: exact-match boost and sorting


def _text_mapping(text: schema.SearchField) -> dict:
    subfields = {language: LANGUAGES[language] for language in text.also}
    if text.fuzzy is not None:
        subfields["plain"] = PLAIN
    if text.suggest:
        subfields["suggest"] = SUGGEST
    if text.name == "title":
        subfields["exact"] = EXACT
    return {**LANGUAGES[text.language], "fields": subfields}


def _facet_mapping(facet: schema.FilterField) -> dict:
    # Facet values' global ordinals are built when the index refreshes, not by the first search after it.
    return {"type": "integer"} if facet.kind == "range" else {"type": "keyword", "eager_global_ordinals": True}


def index_settings(synonym_lines: list[str]) -> dict:
    """Settings and mapping of a new index, with the editors' synonyms applied at search time."""
    synonyms = {"kb_synonyms": {"type": "synonym_graph", "synonyms": synonym_lines or ["centre, center"], "lenient": True}}
    return {
        "settings": {
            "number_of_shards": settings.SEARCH_SHARDS,
            "number_of_replicas": settings.SEARCH_REPLICAS,
            "max_result_window": 10000,
            "analysis": {**ANALYSIS, "filter": {**ANALYSIS["filter"], **synonyms}},
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "source": {"type": "keyword"},
                "slug": {"type": "keyword"},
                "url": {"type": "keyword", "index": False},
                "sort_date": {"type": "keyword"},
                **{text.name: _text_mapping(text) for text in schema.TEXT_FIELDS},
                **{facet.name: _facet_mapping(facet) for facet in schema.FILTER_FIELDS},
            },
        },
    }


def es_document(doc: dict) -> dict:
    """A schema document as the index stores it: facets as top-level keyword fields."""
    body = {key: doc.get(key) or "" for key in ("source", "slug", "url", *schema.TEXT)}
    body["type"] = doc["type"]
    for facet in schema.keyword_facet_names():
        if facet != "type":
            body[facet] = doc["facets"].get(facet, [])
    body["year"] = doc.get("year")
    body["sort_date"] = doc.get("sort_date") or None
    return body


def weighted_fields(*, subfields: bool = True, chinese: bool = True) -> list[str]:
    """'field^boost' for every text field and, with subfields, each of its extra languages (less the Chinese views
    without `chinese`)."""
    fields = []
    for text in schema.TEXT_FIELDS:
        fields.append(f"{text.name}^{text.boost:g}")
        if subfields:
            fields += [f"{text.name}.{language}^{boost:g}" for language, boost in text.also.items() if chinese or language != "cjk"]
    return fields


def fuzzy_fields() -> list[str]:
    return [f"{text.name}.plain^{text.fuzzy:g}" for text in schema.TEXT_FIELDS if text.fuzzy is not None]
