"""Accent folding for Latin-script names: 'Hà Nội' and 'Ha Noi', 'Đà Nẵng' and 'Da Nang' are the same words to search.

Elasticsearch folds with its asciifolding filter; the database engine folds the query here, stores the folded form of
what it indexes, and matches stored text with patterns that accept any accented form of each letter.
"""

import re
import unicodedata
from collections import defaultdict

# Letters that are not a base letter plus combining marks, so that Unicode decomposition leaves them as they are.
_SEPARATE_LETTERS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ı": "i", "ħ": "h", "Ħ": "H"})
_LATIN_RANGES = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))  # Latin-1 Supplement to Latin Extended-B; Latin Extended Additional


def _is_latin(char: str) -> bool:
    return any(low <= ord(char) <= high for low, high in _LATIN_RANGES)


def fold(text: str) -> str:
    """The text with the accents of Latin letters removed; other scripts (Chinese, Thai, ...) untouched."""
    if text.isascii():
        return text
    folded = []
    for char in text.translate(_SEPARATE_LETTERS):
        if _is_latin(char):
            char = "".join(part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part))
        folded.append(char)
    return "".join(folded)


def _letter_variants() -> dict[str, str]:
    """{'a': 'aàáâ...ÀÁÂ...'}: every accented form, both cases, of each ASCII letter."""
    variants: dict[str, set[str]] = defaultdict(set)
    for low, high in _LATIN_RANGES:
        for code in range(low, high + 1):
            char = chr(code)
            base = fold(char).lower()
            if len(base) == 1 and base.isascii() and base.isalpha() and char.isalpha():
                variants[base] |= {char.lower(), char.upper()}
    return {base: "".join(sorted(forms | {base, base.upper()})) for base, forms in variants.items()}


VARIANTS = _letter_variants()


def loose_pattern(word: str) -> str:
    """A regular expression for `word` (already folded) that also matches its accented forms: 'noi' -> n[oòó..]i."""
    return "".join(f"[{VARIANTS[char]}]" if char in VARIANTS else re.escape(char) for char in word)
