"""The development settings with the benchmark's URLconf (the site plus the stock Wagtail search peer) and its
template; never used to serve the site itself."""

import copy
from pathlib import Path

from kb.settings.dev import *  # noqa: F403
from kb.settings.dev import TEMPLATES

ROOT_URLCONF = "benchmarks.urls"
TEMPLATES = copy.deepcopy(TEMPLATES)
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], Path(__file__).resolve().parent / "templates"]
