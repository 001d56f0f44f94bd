"""Ranking and spelling for the database engine: field-weighted term matches, and a did-you-mean over the index's words."""

import difflib
import math
from collections import Counter

from .. import schema
from ..folding import fold
from ..glossary import known_words
from ..highlight import term_pattern
from ..models import SearchDocument
from ..query import CJK_RUN, TYPE_WEIGHTS, WORD, ParsedQuery


class Ranker:
    """Field-weighted term matches, rarer words counting more, with the exact or near-exact title first.

    Within a clause the best match in the language typed counts, and the best of its translations (the glossary's
    other-language terms) adds half its weight: an entry that has the words typed comes before one that has only
    their translation, and an entry that has both before either.
    """

    TRANSLATION_WEIGHT = 0.5

    def __init__(self, parsed: ParsedQuery, clause_weights: list[float]):
        self.plain_query = " ".join(clause[0].text for clause in parsed.clauses)
        self.clauses = [[(term_pattern([term]), term.is_cjk == clause[0].is_cjk) for term in clause] for clause in parsed.clauses]
        self.clause_weights = clause_weights

    def __call__(self, doc: SearchDocument) -> float:
        title = fold(doc.title.lower())
        score = 0.0
        if title == self.plain_query:
            score += 100
        elif self.plain_query and self.plain_query in title:
            score += 30
        for patterns, clause_weight in zip(self.clauses, self.clause_weights, strict=True):
            typed, translated = 0.0, 0.0
            for position, (pattern, same_language) in enumerate(patterns):
                weight = 1.0 if position == 0 else 0.8  # the word typed counts a little more than its synonym
                term_score = weight * self._matches(doc, pattern)
                if same_language:
                    typed = max(typed, term_score)
                else:
                    translated = max(translated, term_score)
            score += (typed + self.TRANSLATION_WEIGHT * translated) * clause_weight
        return score * TYPE_WEIGHTS.get(doc.doc_type, 1.0)

    @staticmethod
    def _matches(doc: SearchDocument, pattern) -> float:
        score = 0.0
        for text in schema.TEXT_FIELDS:
            hits = len(pattern.findall(getattr(doc, text.name) or ""))
            if hits:
                score += text.boost * (1 + math.log(hits))
        return score


def correct(text: str) -> str:
    """A did-you-mean for text with no hits: each unknown word replaced by its closest, most frequent indexed word.

    A known place, alias, synonym or glossary term is never replaced: 'Rangoon' is not a misspelt English word.
    """
    words = [fold(word) for word in WORD.findall(text.replace("\x00", " ")[:200].lower())]
    if not words or any(CJK_RUN.search(word) for word in words):
        return ""
    vocabulary, known = index_vocabulary(), known_words()
    corrected, changed = [], False
    for word in words:
        if word in vocabulary or word in known or len(word) < 4:
            corrected.append(word)
            continue
        candidates = difflib.get_close_matches(word, vocabulary.keys(), n=8, cutoff=0.7)
        best = min(candidates, key=lambda candidate: (edit_distance(word, candidate), -vocabulary[candidate]), default=None)
        corrected.append(best or word)
        changed |= best is not None
    return " ".join(corrected) if changed else ""


def edit_distance(first: str, second: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment): 'brian' is one step from 'brain'."""
    previous_row, row = None, list(range(len(second) + 1))
    for i, char in enumerate(first, 1):
        before, previous_row, row = previous_row, row, [i] + [0] * len(second)
        for j, other in enumerate(second, 1):
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + (char != other))
            if before is not None and i > 1 and j > 1 and char == second[j - 2] and first[i - 2] == other:
                row[j] = min(row[j], before[j - 2] + 1)
    return row[-1]


def _vocabulary_words() -> Counter:
    words: Counter = Counter()
    for row in SearchDocument.objects.values_list(*schema.vocabulary_fields()).iterator():
        for text in row:
            words.update(fold(word.lower()) for word in WORD.findall(text or "") if len(word) >= 3 and not CJK_RUN.search(word))
    return words


class _VocabularyCache:
    """The words of the index, kept until the index changes in this process."""

    def __init__(self):
        self.words: Counter | None = None

    def __call__(self) -> Counter:
        if self.words is None:
            self.words = _vocabulary_words()
        return self.words

    def cache_clear(self) -> None:
        self.words = None


index_vocabulary = _VocabularyCache()
