"""Gunicorn settings of the benchmark's site: each worker writes the hits and misses of its cache (kb.cache) to
KB_CACHE_STATS_DIR/<pid>.json when it exits, for the benchmark to add up."""

import json
import os
from pathlib import Path


def worker_exit(server, worker):
    directory = os.environ.get("KB_CACHE_STATS_DIR")
    if directory:
        from kb.cache import statistics

        Path(directory, f"{worker.pid}.json").write_text(json.dumps(statistics()))
