"""The search vocabulary: the synonym list, the bilingual glossary and the Chinese names the catalog already holds,
merged into the groups of terms a query is expanded with (kb.search.query), and the words the typo corrector keeps.

The domains, technologies and themes give their English and Chinese names (name_zh_hans), cities and organisations
their Chinese local names: derived here, never copied into glossary rows. Each process re-reads the lists at most
every VOCABULARY_SECONDS, at once after an edit in that process, and whenever the number of synonym or glossary
rows changes (a row added in another process, or one whose saving was rolled back).
"""

import time

from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.db.utils import DatabaseError

from projects.models import City, Domain, Organisation, Technology, Theme
from projects.translation import LOCAL_NAME_LANGUAGES

from .query import normalised_term, synonym_map
from .synonyms import synonym_groups

VOCABULARY_SECONDS = 60
CHINESE_LOCAL_NAMES = LOCAL_NAME_LANGUAGES["zh-hans"]


def glossary_groups() -> list[list[str]]:
    """The glossary rows, then the vocabularies' and records' own English and Chinese names."""
    from .models import GlossaryTerm

    try:
        groups = [term.term_list for term in GlossaryTerm.objects.all()]
        for model in (Domain, Technology, Theme):
            groups += [[name.lower(), chinese] for name, chinese in model.objects.exclude(name_zh_hans="").values_list("name", "name_zh_hans")]
        for model in (City, Organisation):
            for record in model.objects.only("name", "local_names"):
                chinese = [block.value["name"] for block in record.local_names if block.value.get("language") in CHINESE_LOCAL_NAMES]
                groups += [[record.name, *chinese]] if chinese else []
    except DatabaseError:  # the tables are not there yet (migrating)
        return []
    return groups


def merged(groups: list[list[str]]) -> list[list[str]]:
    """Groups that share a term become one: 'Peking, Beijing' and 'Beijing · 北京' make Peking, Beijing, 北京."""
    owner: dict[str, int] = {}
    merged_groups: list[set[str] | None] = []
    for group in groups:
        terms = set(map(normalised_term, group)) - {""}
        joined = {owner[term] for term in terms if term in owner}
        for index in joined:
            terms |= merged_groups[index]
            merged_groups[index] = None
        merged_groups.append(terms)
        for term in terms:
            owner[term] = len(merged_groups) - 1
    return [sorted(group) for group in merged_groups if group and len(group) > 1]


def _rows_fingerprint() -> tuple | None:
    """How many synonym and glossary rows there are and the newest of each, in one query."""
    from .models import GlossaryTerm, Synonym

    tables = [connection.ops.quote_name(model._meta.db_table) for model in (Synonym, GlossaryTerm)]
    try:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(f"SELECT COUNT(*), MAX(id) FROM {table}" for table in tables))
            return tuple(cursor.fetchall())
    except DatabaseError:
        return None


class _Vocabulary:
    """The query synonyms and known words, rebuilt when an editor changes a list or after VOCABULARY_SECONDS."""

    def __init__(self):
        self.expires = 0.0
        self.fingerprint: tuple | None = None
        self.synonyms: dict[str, list[str]] = {}
        self.words: frozenset[str] = frozenset()

    def _load(self) -> None:
        fingerprint = _rows_fingerprint()
        if time.monotonic() >= self.expires or fingerprint != self.fingerprint:
            groups = merged(synonym_groups() + glossary_groups())
            self.synonyms = synonym_map(groups)
            self.words = frozenset(word for term in self.synonyms for word in term.split())
            self.expires, self.fingerprint = time.monotonic() + VOCABULARY_SECONDS, fingerprint

    def query_synonyms(self) -> dict[str, list[str]]:
        self._load()
        return self.synonyms

    def known_words(self) -> frozenset[str]:
        self._load()
        return self.words

    def clear(self, **kwargs) -> None:
        self.expires = 0.0


vocabulary = _Vocabulary()
query_synonyms = vocabulary.query_synonyms
known_words = vocabulary.known_words


def connect() -> None:
    """Forget the vocabulary when an editor saves or deletes a term, a synonym or a named record."""
    from .models import GlossaryTerm, Synonym

    for model in (GlossaryTerm, Synonym, Domain, Technology, Theme, City, Organisation):
        post_save.connect(vocabulary.clear, sender=model, dispatch_uid=f"kb_search_vocabulary_save_{model.__name__}")
        post_delete.connect(vocabulary.clear, sender=model, dispatch_uid=f"kb_search_vocabulary_delete_{model.__name__}")
