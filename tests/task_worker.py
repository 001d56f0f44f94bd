"""The real task worker (manage.py db_worker) run from inside a test, so tests see queued work really done."""

from contextlib import contextmanager
from io import StringIO
from unittest.mock import patch

from django.core.management import call_command
from django.db import connections
from django_tasks_db.management.commands import db_worker as db_worker_command


@contextmanager
def worker_inside_test_transaction():
    """Let the real worker run inside the test's transaction.

    Between tasks the worker closes connections whose autocommit state differs from the settings, which is always
    true inside a test transaction (on PostgreSQL that would close the test's own connection): keep it open.
    On SQLite the worker opens BEGIN EXCLUSIVE unless the connection already runs exclusive transactions
    (OPTIONS transaction_mode): say it does."""
    wrapper = connections["default"]
    if wrapper.vendor != "sqlite":
        with patch.object(db_worker_command, "close_old_connections", lambda: None):
            yield
        return
    previous = getattr(wrapper, "transaction_mode", None)
    wrapper.transaction_mode = "EXCLUSIVE"
    try:
        yield
    finally:
        wrapper.transaction_mode = previous


def run_worker_once() -> None:
    """The worker in its one-shot mode: every task that is due, then it stops."""
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0, stdout=StringIO(), stderr=StringIO())
