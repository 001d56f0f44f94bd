"""manage.py check_search_index [--repair]: is every engine's index in step with the catalog?"""

from django.core.management.base import BaseCommand, CommandError

from kb.search import indexing
from kb.search.consistency import check
from kb.search.engines import ENGINE_NAMES, EngineUnavailable

SHOWN = 20


class Command(BaseCommand):
    help = (
        "Report entries missing from the search index, stale in it, or in it but no longer public; "
        "--repair queues and applies the fixes (and any pending updates). Exits 1 when an index is out of step."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Bring the indexes in step.")
        parser.add_argument("--engine", action="append", choices=ENGINE_NAMES, help="Only this engine (repeatable).")

    def handle(self, *args, **options):
        names = options["engine"] or indexing.engine_names()
        out_of_step = False
        for name in names:
            report = self._check(name)
            self._print(report)
            if report.in_step:
                continue
            if not options["repair"]:
                out_of_step = True
                continue
            indexing.queue_sources([*report.missing, *report.stale, *report.not_public], "repair")
            result = indexing.drain_all()
            if result.failed:
                raise CommandError(f"{name}: repair failed, the updates wait in the outbox: {'; '.join(result.errors)}")
            after = self._check(name)
            self.stdout.write(f"{name}: repaired" if after.in_step else f"{name}: still out of step after repair")
            out_of_step = out_of_step or not after.in_step
        if not options["repair"]:
            from kb.search.models import PendingIndexUpdate

            pending = PendingIndexUpdate.objects.count()
            if pending:
                self.stdout.write(f"{pending} index updates wait in the outbox (the worker retries them; --repair applies them now)")
        elif indexing.drain_all().failed:
            raise CommandError("pending index updates could not be applied: is the engine up?")
        if out_of_step:
            raise SystemExit(1)

    def _check(self, name):
        try:
            return check(name)
        except EngineUnavailable as error:
            raise CommandError(f"{name}: cannot read the index: {error}") from error

    def _print(self, report) -> None:
        state = "in step" if report.in_step else "OUT OF STEP"
        self.stdout.write(
            f"{report.engine}: {state}: {report.expected} public documents, {report.indexed} indexed; "
            f"{len(report.missing)} missing, {len(report.stale)} stale, {len(report.not_public)} no longer public"
        )
        for label, sources in (("missing", report.missing), ("stale", report.stale), ("no longer public", report.not_public)):
            for source in sources[:SHOWN]:
                self.stdout.write(f"  {label}: {source}")
            if len(sources) > SHOWN:
                self.stdout.write(f"  … and {len(sources) - SHOWN} more {label}")
