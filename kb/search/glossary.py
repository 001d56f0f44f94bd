"""The search vocabulary: the synonym list, the bilingual glossary and the Chinese names the catalog already holds,
merged into the groups of terms a query is expanded with (kb.search.query), and the words the typo corrector keeps.

The domains, technologies and themes give their English and Chinese names (name_zh_hans), cities and organisations
their Chinese local names: derived here, never copied into glossary rows. Each process re-reads them when the
catalog version changes (kb.cache), which every save of a synonym, a glossary row or a named record bumps in
whichever process made it.
"""

from django.db.utils import DatabaseError

from kb.cache import catalog_version
from projects.models import City, Domain, Organisation, Technology, Theme
from projects.translation import LOCAL_NAME_LANGUAGES

from .query import normalised_term, synonym_map
from .synonyms import synonym_groups

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


class _Vocabulary:
    """The query synonyms and known words of one catalog version."""

    def __init__(self):
        self.version: str | None = None
        self.synonyms: dict[str, list[str]] = {}
        self.words: frozenset[str] = frozenset()

    def _load(self) -> None:
        version = catalog_version()
        if version != self.version:
            groups = merged(synonym_groups() + glossary_groups())
            self.synonyms = synonym_map(groups)
            self.words = frozenset(word for term in self.synonyms for word in term.split())
            self.version = version

    def query_synonyms(self) -> dict[str, list[str]]:
        self._load()
        return self.synonyms

    def known_words(self) -> frozenset[str]:
        self._load()
        return self.words


vocabulary = _Vocabulary()
query_synonyms = vocabulary.query_synonyms
known_words = vocabulary.known_words
