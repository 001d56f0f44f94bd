"""manage.py generate_corpus: a synthetic catalog for benchmarks (not for production databases)."""

import time

from django.core.management.base import BaseCommand

from projects.corpus import CorpusBuilder


class Command(BaseCommand):
    help = "Insert N synthetic live entries (60% case studies, 20% agreements, 20% solutions) in bulk, deterministic for a seed."

    def add_arguments(self, parser):
        parser.add_argument("--entries", type=int, required=True, help="How many entries to create.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same corpus.")

    def handle(self, *args, entries, seed, **options):
        started = time.perf_counter()
        counts = CorpusBuilder(seed).build(entries)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Created {sum(counts.values())} entries {counts} in {elapsed:.1f}s. Run rebuild_search_index next.")
