"""A realistic query mix for the benchmark: planner queries drawn from the synthetic corpus's vocabulary
(projects/corpus.py), repeated with a Zipf-like skew as real traffic is, and the ratio lines scripts read.

Pure functions: the vocabulary is passed in (corpus_vocabulary() reads it from projects.corpus inside Django).
"""

import random
from itertools import product

COUNTRY_NAMES = ["Brunei", "Cambodia", "Indonesia", "Laos", "Malaysia", "Myanmar", "Philippines", "Singapore", "Thailand", "Timor-Leste"]
COUNTRY_NAMES += ["Viet Nam", "China"]
YEARS = ["2016", "2018", "2019", "2020", "2021", "2023"]
QUESTIONS = ["how did a city {outcome}", "which cities use {project}", "who built the {project}", "what went wrong with {project}"]
EXCLUDED = ["cctv", "loan", "grant", "cloud"]


def corpus_vocabulary() -> dict[str, list[str]]:
    """The words the synthetic corpus writes its titles, summaries and lessons with (needs Django set up)."""
    from projects import corpus

    return {
        "projects": list(corpus.PROJECTS),
        "objects": list(corpus.OBJECTS),
        "outcomes": list(corpus.OUTCOMES),
        "places": list(corpus.PLACES),
        "vendors": [f"{prefix} {suffix}" for prefix, suffix in product(corpus.VENDOR_PREFIXES, corpus.VENDOR_SUFFIXES)],
        "funding": list(corpus.FUNDING),
        "chinese": list(corpus.CHINESE),
        "lessons": [lesson.rstrip(".").lower() for lesson in corpus.LESSONS],
    }


def planner_queries(vocabulary: dict[str, list[str]], count: int = 300, seed: int = 1) -> list[str]:
    """`count` distinct queries of the shapes planners type: a topic, a topic in a country or a year, a vendor, a
    question, a long sentence from a lesson, an exclusion, Chinese, a typo. Raises ValueError if the vocabulary
    cannot give that many."""
    rng = random.Random(seed)
    projects, objects = [p.lower() for p in vocabulary["projects"]], vocabulary["objects"]
    shapes = [
        projects,
        objects,
        vocabulary["vendors"],
        vocabulary["chinese"],
        vocabulary["lessons"],
        [f"{project} {country}" for project, country in product(projects, COUNTRY_NAMES)],
        [f"{project} {year}" for project, year in product(projects, YEARS)],
        [f"{project} {obj}" for project, obj in product(projects, objects)],
        [f"{country} {place} city" for country, place in product(COUNTRY_NAMES, vocabulary["places"])],
        [f"{vendor} {project}" for vendor, project in product(vocabulary["vendors"], projects)],
        [f"{project} {funding}" for project, funding in product(projects, vocabulary["funding"])],
        [f"{project} -{word}" for project, word in product(projects, EXCLUDED)],
        [question.format(project=project, outcome=outcome) for question in QUESTIONS for project in projects for outcome in vocabulary["outcomes"]],
        [_typo(project, rng) for project in projects],
    ]
    shapes = [list(shape) for shape in shapes]  # the caller's lists stay as they were
    for shape in shapes:
        rng.shuffle(shape)
    queries: dict[str, None] = {}
    for round_ in range(max(len(shape) for shape in shapes)):  # round robin over the shapes: every shape is common
        for shape in shapes:
            if round_ < len(shape):
                queries.setdefault(shape[round_], None)
    if len(queries) < count:
        raise ValueError(f"the vocabulary gives {len(queries)} distinct queries, fewer than {count}")
    mixed = list(queries)[:count]
    rng.shuffle(mixed)  # which query is popular is random, not which shape came first
    return mixed


def _typo(text: str, rng: random.Random) -> str:
    words = text.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) > 4:
        position = rng.randrange(1, len(word) - 1)
        words[longest] = word[:position] + word[position + 1 :]
    return " ".join(words)


def zipf_sequence(items: list[str], length: int, exponent: float = 1.0, seed: int = 1) -> list[str]:
    """`length` draws from `items` where the item of rank r comes with weight 1/r**exponent (real query logs
    follow roughly exponent 1): a few queries very often, most rarely. Every item appears at least once."""
    rng = random.Random(seed)
    weights = [1 / rank**exponent for rank in range(1, len(items) + 1)]
    drawn = rng.choices(items, weights=weights, k=max(0, length - len(items)))
    sequence = list(items) + drawn
    rng.shuffle(sequence)
    return sequence


def ratio_line(label: str, numerator: float | None, denominator: float | None) -> str:
    """`ratio <label>: X.XX`, or `ratio <label>: n/a` when either figure was not measured."""
    if not numerator or not denominator or numerator != numerator or denominator != denominator:  # None, 0 or NaN
        return f"ratio {label}: n/a"
    return f"ratio {label}: {numerator / denominator:.2f}"
