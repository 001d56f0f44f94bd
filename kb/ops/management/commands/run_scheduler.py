"""Scheduled publishing beside the worker: Wagtail's publish_scheduled every minute until stopped.

Wagtail publishes a page or snippet scheduled for later (and unpublishes an expired one) only when its
publish_scheduled command runs; `make run` starts this loop, production runs the same command from a timer
(deploy/README.md)."""

import logging
import signal
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run Wagtail's publish_scheduled every --interval seconds (default 60) until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0, help="seconds between runs (default 60)")

    def handle(self, *args, interval: float, **options):
        stopped = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stopped.set())
        while not stopped.is_set():
            try:
                call_command("publish_scheduled")
            except Exception:  # a locked or unreachable database: try again at the next run
                logger.exception("Scheduled publishing failed; trying again in %s seconds", interval)
            finally:
                close_old_connections()
            stopped.wait(interval)
