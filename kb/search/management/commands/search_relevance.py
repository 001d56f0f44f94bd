"""manage.py search_relevance: nDCG@10 and recall@10 of each engine over each judged query set."""

from pathlib import Path

from django.core.management.base import BaseCommand

from kb.search.engines import ENGINE_NAMES, EngineUnavailable
from kb.search.relevance import evaluate


class Command(BaseCommand):
    help = "Print nDCG@10 and recall@10 per engine and judged query set, overall and per query (index must be built)."

    def add_arguments(self, parser):
        parser.add_argument("--engine", action="append", choices=ENGINE_NAMES, help="Only this engine (repeatable).")
        parser.add_argument(
            "judgements", nargs="+", help="YAML files of judged queries, e.g. tests/kb/search/judgements.yaml judgements_chinese.yaml."
        )
        parser.add_argument("--quiet", action="store_true", help="Only the overall figures.")

    def handle(self, *args, **options):
        engines = options["engine"] or ENGINE_NAMES
        files = options["judgements"]
        for engine in engines:
            for path in files:
                try:
                    ndcg, recall, scores = evaluate(path, engine)
                except EngineUnavailable as error:
                    self.stderr.write(f"{engine}: unavailable ({error})")
                    break
                named = f" ({Path(path).stem})" if len(files) > 1 else ""
                self.stdout.write(f"{engine}: nDCG@10 {ndcg:.3f}  recall@10 {recall:.3f}  over {len(scores)} queries{named}")
                self._per_query(scores, options["quiet"])

    def _per_query(self, scores, quiet: bool) -> None:
        if quiet:
            return
        for score in sorted(scores, key=lambda score: score.ndcg):
            filters = " ".join(f"{facet}={','.join(values)}" for facet, values in score.judgement.filters.items())
            self.stdout.write(f"  {score.ndcg:.3f}  {score.recall:.3f}  {score.judgement.query!r} {filters}".rstrip())
