"""Relevance measured against a judged query set: nDCG@10 and recall@10 per query and overall."""

import math
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import service
from .query import SearchQuery

CUTOFF = 10


@dataclass
class Judgement:
    query: str
    relevant: dict[str, int]  # slug (or type:slug) -> grade: 2 highly relevant, 1 relevant
    filters: dict[str, list[str]]
    note: str = ""


@dataclass
class QueryScore:
    judgement: Judgement
    ndcg: float
    recall: float
    top: list[str]


def load_judgements(path: Path | str) -> list[Judgement]:
    """The judged queries of a YAML file (the test suite keeps one: tests/kb/search/judgements.yaml)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return [
        Judgement(
            query=item["query"],
            relevant={str(slug): int(grade) for slug, grade in item["relevant"].items()},
            filters={facet: values if isinstance(values, list) else [values] for facet, values in (item.get("filters") or {}).items()},
            note=item.get("note", ""),
        )
        for item in data["queries"]
    ]


def _grade(relevant: dict[str, int], hit_type: str, slug: str) -> int:
    return relevant.get(f"{hit_type}:{slug}", relevant.get(slug, 0))


def ndcg_at(grades: list[int], ideal: list[int], cutoff: int = CUTOFF) -> float:
    def dcg(values: list[int]) -> float:
        return sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(values[:cutoff]))

    best = dcg(sorted(ideal, reverse=True))
    return dcg(grades) / best if best else 0.0


def score_query(judgement: Judgement, engine: str | None = None) -> QueryScore:
    result = service.search(SearchQuery(text=judgement.query, filters=judgement.filters, page_size=CUTOFF), engine=engine)
    grades = [_grade(judgement.relevant, hit.type, hit.slug) for hit in result.hits]
    found = sum(1 for grade in grades if grade > 0)
    relevant = sum(1 for grade in judgement.relevant.values() if grade > 0)
    return QueryScore(
        judgement=judgement,
        ndcg=ndcg_at(grades, list(judgement.relevant.values())),
        recall=min(1.0, found / min(relevant, CUTOFF)) if relevant else 1.0,
        top=[hit.slug for hit in result.hits],
    )


def evaluate(path: Path | str, engine: str | None = None) -> tuple[float, float, list[QueryScore]]:
    """(mean nDCG@10, mean recall@10, per-query scores) of the judged queries in `path`, for one engine."""
    scores = [score_query(judgement, engine) for judgement in load_judgements(path)]
    count = len(scores) or 1
    return sum(score.ndcg for score in scores) / count, sum(score.recall for score in scores) / count, scores
