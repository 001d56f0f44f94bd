"""Highlighting in Python for the database engine: escaped text with <mark> around matched terms."""

import re

from django.utils.html import escape

from .folding import loose_pattern
from .query import Term

FRAGMENT_LENGTH = 160


def term_pattern(terms: list[Term]) -> re.Pattern | None:
    """Whole words (with their endings: 'camera' marks 'cameras'), phrases with any spacing, Chinese as substrings;
    a folded letter matches its accented forms ('ha noi' marks 'Hà Nội')."""
    parts = []
    for term in sorted(terms, key=lambda term: -len(term.text)):
        if term.is_cjk:
            parts.append(re.escape(term.text.replace(" ", "")))
        else:
            words = term.text.split()
            stem = words[-1][:-1] if len(words[-1]) > 4 and words[-1].endswith("s") else words[-1]
            parts.append(r"\b" + r"\W+".join([*map(loose_pattern, words[:-1]), loose_pattern(stem)]) + r"\w*")
    if not parts:
        return None
    return re.compile("|".join(parts), re.IGNORECASE)


def fragments(texts: list[str], pattern: re.Pattern | None, limit: int = 2) -> list[str]:
    """Up to `limit` escaped fragments around the first match in each text, matches wrapped in <mark>."""
    if pattern is None:
        return []
    found = []
    for text in texts:
        if not text:
            continue
        match = pattern.search(text)
        if not match:
            continue
        start = max(0, match.start() - FRAGMENT_LENGTH // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < match.start() else start
        end = min(len(text), start + FRAGMENT_LENGTH)
        found.append(("…" if start else "") + mark(text[start:end], pattern) + ("…" if end < len(text) else ""))
        if len(found) >= limit:
            break
    return found


def mark(text: str, pattern: re.Pattern) -> str:
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)
