"""The search interface: what goes in (SearchQuery) and what comes out (SearchResult), whichever engine answers."""

import re
from dataclasses import dataclass, field

from projects.results import MATCH_ALL, MATCH_ANY
from projects.text import CJK_RUN

from . import schema
from .folding import fold

FACETS = schema.facet_names()
FILTER_FACETS = schema.keyword_facet_names()
SORTS = ["relevance", "newest", "oldest", "title"]
DOC_TYPES = list(schema.TYPES)
TYPE_WEIGHTS = {doc_type.name: doc_type.weight for doc_type in schema.DOCUMENT_TYPES}
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_RESULT_WINDOW = 5000  # deepest hit reachable by paging; far inside Elasticsearch's 10,000
MAX_QUERY_LENGTH = 500
# Planners type questions ("which cities use Huawei cameras?"): these words say how the question is asked, not what it
# is about, so they are dropped from a query that has other words (English stop words, which the Elasticsearch
# analyzer drops anyway, and question words).
FILLER_WORDS = frozenset(
    "a an and are as at be but by for if in into is it no of on or such that the their then there these they this to was "
    "will with about during from its any some which what who whom whose where when why how does do did done use uses used "
    "using can could should would has have had been were i we our you your me my".split()
)
# How many of a query's words must match: all of up to three words, three quarters of a longer query (whose other
# words only rank). Written as Elasticsearch's minimum_should_match.
MINIMUM_SHOULD_MATCH = "3<75%"

FIELD_PREFIX = re.compile(r"^[(\-+]*[A-Za-z_]+:")
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


@dataclass
class SearchQuery:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    country_match: str = MATCH_ANY  # several countries: entries of any of them, or (MATCH_ALL) of all of them

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def all_of(self) -> set[str]:
        """The facets whose several values must all match (the others' values are OR-ed)."""
        return {"country"} if self.country_match == MATCH_ALL else set()

    def without_filters(self) -> "SearchQuery":
        return SearchQuery(text=self.text, sort=self.sort, page_size=self.page_size)


@dataclass
class Hit:
    type: str
    slug: str
    title: str
    url: str
    summary: str
    highlights: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"type": self.type, "slug": self.slug, "title": self.title, "url": self.url, "summary": self.summary, "highlights": self.highlights}


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, list[dict]]
    engine: str
    suggestions: list[str] = field(default_factory=list)
    corrected_text: str = ""  # set when no hit matched the text as typed and a correction was searched instead
    fallback_reason: str = ""


# --- Query text: words, "phrases", -exclusions, OR -----------------------------------------------


@dataclass
class Term:
    text: str  # lower-case; several words for a phrase
    quoted: bool = False  # typed in quotes: it must match, however long the query

    @property
    def is_phrase(self) -> bool:
        return " " in self.text

    @property
    def is_cjk(self) -> bool:
        return bool(CJK_RUN.fullmatch(self.text.replace(" ", "")))


@dataclass
class ParsedQuery:
    """Clauses all must match; each clause matches if any of its alternatives does. Excluded terms must not match."""

    clauses: list[list[Term]]
    excluded: list[Term]

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    def positive_terms(self) -> list[Term]:
        return [term for clause in self.clauses for term in clause]

    @property
    def required_clauses(self) -> list[list[Term]]:
        """The quoted phrases: they always match."""
        return [clause for clause in self.clauses if clause[0].quoted]

    @property
    def relaxed_clauses(self) -> list[list[Term]]:
        """The other clauses, of which required_count must match."""
        return [clause for clause in self.clauses if not clause[0].quoted]

    @property
    def required_count(self) -> int:
        """How many relaxed clauses must match (MINIMUM_SHOULD_MATCH): all of up to three, 75% (rounded down) of more."""
        count = len(self.relaxed_clauses)
        return count if count <= 3 else count * 3 // 4


def light_stem(word: str) -> str:
    """A deliberately light English stemmer (plurals, -ing, -ed): 'cameras' -> 'camera', 'cities' -> 'city'."""
    if len(word) <= 3 or not word.isascii():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    if word.endswith("ing") and len(word) > 6:
        return word[:-3]
    if word.endswith("ed") and len(word) > 5:
        return word[:-2]
    return word


def stemmed_text(text: str) -> str:
    """The stems and accent-folded forms of the words of a text that differ from the words themselves, for the
    database index: 'cameras' adds 'camera', 'Đà Nẵng' adds 'da nang'."""
    variants = set()
    for word in WORD.findall(text.lower()):
        folded = fold(word)
        variants |= {folded, light_stem(folded)} - {word}
    return " ".join(sorted(variants))


def _words(text: str) -> list[str]:
    """Words without any query syntax, lower-case and accent-folded; runs of Chinese characters stay whole."""
    return [fold(word.lower()) for word in WORD.findall(text)]


# Chinese words that join others ("and", "of", "or"): dropped between the known terms of a run of characters.
CJK_FILLER = frozenset("的和与及或在")


def segment(word: str, known: set[str], longest: int) -> list[str]:
    """A word split where Chinese runs hold known terms, longest first: 越南智慧城市 -> 越南, 智慧城市.

    Chinese is written without spaces, so a run of characters is one word to the parser; the glossary's Chinese
    terms split it into the words a planner meant. Characters between known terms stay together as one word.
    """
    parts: list[str] = []
    for piece in re.split(f"({CJK_RUN.pattern})", word):
        if not CJK_RUN.fullmatch(piece):
            parts += [piece] if piece else []
            continue
        rest, index = "", 0
        while index < len(piece):
            size = next((size for size in range(min(longest, len(piece) - index), 1, -1) if piece[index : index + size] in known), 0)
            if size:
                parts += [rest] if rest and rest not in CJK_FILLER else []
                parts.append(piece[index : index + size])
                rest, index = "", index + size
            else:
                rest, index = rest + piece[index], index + 1
        parts += [rest] if rest and (rest not in CJK_FILLER or not parts) else []
    return parts or [word]


def parse_query_text(text: str, synonyms: dict[str, list[str]] | None = None) -> ParsedQuery:
    """Parse simple_query_string-like text safely: any input gives a ParsedQuery, never an error.

    Synonym groups are applied here so that multi-word synonyms ("surveillance camera") work on every engine.
    """
    synonyms = synonyms or {}
    known_chinese = {term for term in synonyms if CJK_RUN.fullmatch(term)}
    longest = max(map(len, known_chinese), default=0)
    text = text.replace("\x00", " ")[:MAX_QUERY_LENGTH]
    tokens: list[tuple[str, str]] = []  # (kind, value): kind is word | phrase | not_word | not_phrase | or
    for match in re.finditer(r'(-?)"([^"]*)"|(\S+)', text + ('"' if text.count('"') % 2 else "")):
        negate, phrase, bare = match.groups()
        if phrase is not None:
            words = _words(phrase)
            if words:
                tokens.append(("not_phrase" if negate else "phrase", " ".join(words)))
        elif bare in ("OR", "|", "||"):
            tokens.append(("or", ""))
        elif bare in ("AND", "&&", "+", "NOT"):
            if bare == "NOT":
                tokens.append(("not", ""))
        else:
            negated = bare.startswith("-") and len(bare) > 1
            bare = FIELD_PREFIX.sub("", bare)  # title:(a) searches for a, wherever it is
            for word in _words(bare):
                for part in segment(word, known_chinese, longest) if longest and CJK_RUN.search(word) else [word]:
                    tokens.append(("not_word" if negated else "word", part))

    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = negate_next = False
    for kind, value in tokens:
        if kind == "not":
            negate_next = True
            continue
        if negate_next and kind in ("word", "phrase"):
            kind, negate_next = "not_" + kind, False
        if kind == "or":
            join_next = bool(clauses)
            continue
        if kind.startswith("not_"):
            excluded.append(Term(value))
            continue
        term = Term(value, quoted=kind == "phrase")
        if join_next:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join_next = False
    clauses = _without_filler(clauses)
    clauses = _merge_multiword_synonyms(clauses, synonyms)
    clauses = [_with_synonyms(clause, synonyms) for clause in clauses]
    return ParsedQuery(clauses=clauses, excluded=excluded)


def _without_filler(clauses: list[list[Term]]) -> list[list[Term]]:
    """The clauses less lone filler words (FILLER_WORDS), unless nothing else was typed."""
    kept = [clause for clause in clauses if len(clause) > 1 or clause[0].quoted or clause[0].text not in FILLER_WORDS]
    return kept or clauses


def _merge_multiword_synonyms(clauses: list[list[Term]], synonyms: dict[str, list[str]]) -> list[list[Term]]:
    """Consecutive single-word clauses that spell a known multi-word synonym become one phrase clause."""
    longest = max((len(key.split()) for key in synonyms), default=1)
    merged: list[list[Term]] = []
    index = 0
    while index < len(clauses):
        for size in range(min(longest, len(clauses) - index), 1, -1):
            window = clauses[index : index + size]
            if all(len(clause) == 1 and not clause[0].is_phrase for clause in window):
                phrase = " ".join(clause[0].text for clause in window)
                if phrase in synonyms:
                    merged.append([Term(phrase)])
                    index += size
                    break
        else:
            merged.append(clauses[index])
            index += 1
    return merged


def _with_synonyms(clause: list[Term], synonyms: dict[str, list[str]]) -> list[Term]:
    seen = {term.text for term in clause}
    expanded = list(clause)
    for term in clause:
        for synonym in synonyms.get(term.text, []):
            if synonym not in seen:
                seen.add(synonym)
                expanded.append(Term(synonym))
    return expanded


def normalised_term(term: str) -> str:
    """A synonym or glossary term as queries are parsed: 'Hà Nội' -> 'ha noi'."""
    return " ".join(_words(term))


def synonym_map(groups: list[list[str]]) -> dict[str, list[str]]:
    """{'cctv': ['surveillance camera'], 'surveillance camera': ['cctv']} from [['cctv', 'surveillance camera']]."""
    mapping: dict[str, list[str]] = {}
    for group in groups:
        normalised = [term for term in map(normalised_term, group) if term]
        for term in normalised:
            mapping.setdefault(term, [])
            mapping[term] += [other for other in normalised if other != term and other not in mapping[term]]
    return mapping


def expanded_query_text(parsed: ParsedQuery) -> str:
    """The parsed query back as simple_query_string text, synonyms included: (a | "b c") (d) -e."""
    parts = [clauses_text(parsed.clauses)]
    parts += [f'-"{term.text}"' if term.is_phrase else f"-{term.text}" for term in parsed.excluded]
    return " ".join(part for part in parts if part)


def clauses_text(clauses: list[list[Term]]) -> str:
    """Clauses as simple_query_string text, synonyms included: (a | "b c") (d). A run of Chinese characters is
    quoted: English analysis splits it into single characters, which must stand together as typed."""
    parts = []
    for clause in clauses:
        alternatives = [f'"{term.text}"' if term.is_phrase or term.quoted or term.is_cjk else term.text for term in clause]
        parts.append("(" + " | ".join(alternatives) + ")" if len(alternatives) > 1 else alternatives[0])
    return " ".join(parts)
