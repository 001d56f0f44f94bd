"""manage.py generate_corpus: a synthetic catalog for benchmarks (not for production databases)."""

import time

from django.core.management.base import BaseCommand, CommandError

from projects.corpus import CorpusBuilder, analyze, clear_entries

MAX_ENTRIES = 1_000_000


class Command(BaseCommand):
    help = "Insert N synthetic live entries (60% case studies, 20% agreements, 20% solutions) in bulk, deterministic for a seed."

    def add_arguments(self, parser):
        parser.add_argument("--entries", type=int, required=True, help="How many entries to create.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same corpus.")
        parser.add_argument("--clear", action="store_true", help="Delete every existing case study, agreement and solution first.")

    def handle(self, *args, entries, seed, clear, **options):
        if not 1 <= entries <= MAX_ENTRIES:
            raise CommandError(f"--entries must be between 1 and {MAX_ENTRIES}, not {entries}.")
        started = time.perf_counter()
        if clear:
            removed = clear_entries()
            self.stdout.write(f"Deleted {removed} entries in {time.perf_counter() - started:.1f}s.")
            started = time.perf_counter()
        counts = CorpusBuilder(seed).build(entries)
        analyze()
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Created {sum(counts.values())} entries {counts} in {elapsed:.1f}s. Next: manage.py rebuild_search_index.")
