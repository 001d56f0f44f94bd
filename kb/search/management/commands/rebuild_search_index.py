"""manage.py rebuild_search_index: rebuild the public search index of every configured engine."""

from django.core.management.base import BaseCommand

from kb.search.engines import ENGINE_NAMES
from kb.search.indexing import rebuild_all


class Command(BaseCommand):
    help = "Rebuild the public search index from the catalog (database engine always; Elasticsearch when SEARCH_BACKEND says so)."

    def add_arguments(self, parser):
        parser.add_argument("--engine", action="append", choices=ENGINE_NAMES, help="Only this engine (repeatable).")

    def handle(self, *args, **options):
        for engine, count in rebuild_all(options["engine"]).items():
            self.stdout.write(f"{engine}: {count} documents indexed")
