"""manage.py search_relevance: nDCG@10 and recall@10 of each engine over the judged query set."""

from django.core.management.base import BaseCommand

from kb.search.engines import ENGINE_NAMES, EngineUnavailable
from kb.search.relevance import evaluate


class Command(BaseCommand):
    help = "Print nDCG@10 and recall@10 per engine, overall and per query, for the judged query set (index must be built)."

    def add_arguments(self, parser):
        parser.add_argument("--engine", action="append", choices=ENGINE_NAMES, help="Only this engine (repeatable).")
        parser.add_argument("judgements", help="YAML file of judged queries, e.g. tests/kb/search/judgements.yaml.")
        parser.add_argument("--quiet", action="store_true", help="Only the overall figures.")

    def handle(self, *args, **options):
        engines = options["engine"] or ENGINE_NAMES
        for engine in engines:
            try:
                ndcg, recall, scores = evaluate(options["judgements"], engine)
            except EngineUnavailable as error:
                self.stderr.write(f"{engine}: unavailable ({error})")
                continue
            self.stdout.write(f"{engine}: nDCG@10 {ndcg:.3f}  recall@10 {recall:.3f}  over {len(scores)} queries")
            if options["quiet"]:
                continue
            for score in sorted(scores, key=lambda score: score.ndcg):
                filters = " ".join(f"{facet}={','.join(values)}" for facet, values in score.judgement.filters.items())
                self.stdout.write(f"  {score.ndcg:.3f}  {score.recall:.3f}  {score.judgement.query!r} {filters}".rstrip())
