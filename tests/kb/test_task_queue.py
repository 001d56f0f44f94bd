"""Work queued by the web process waits in the database until the worker (manage.py db_worker) runs it."""

from contextlib import contextmanager
from io import StringIO
from unittest.mock import patch

import pytest
from django.core.management import call_command
from django.db import connections
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker as db_worker_command
from django_tasks_db.models import DBTaskResult
from wagtail.models import ReferenceIndex

from tests.factories import OrganisationFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db

REFERENCE_TASK = "wagtail.tasks.update_reference_index_task"


@contextmanager
def worker_inside_test_transaction():
    """Let the real worker run inside the test's transaction (same trick as tests/kb/search/test_faults.py).

    Between tasks the worker closes connections whose autocommit differs from the settings (always true in a test
    transaction); on SQLite it opens BEGIN EXCLUSIVE unless the connection says it already runs exclusive transactions."""
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
    with worker_inside_test_transaction():
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0, stdout=StringIO(), stderr=StringIO())


def test_a_save_queues_wagtails_usage_update_and_the_worker_records_it(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # as in production
    vendor = OrganisationFactory(name="Mekong Sensors", slug="mekong-sensors")
    solution = SolutionPageFactory(title="Mekong Flood Gauges", vendor=vendor)

    queued = DBTaskResult.objects.filter(task_path=REFERENCE_TASK)
    assert queued.filter(status=TaskResultStatus.READY).exists()
    assert not ReferenceIndex.get_references_to(vendor).exists()  # the web process did not do the work itself

    run_worker_once()

    assert not queued.exclude(status=TaskResultStatus.SUCCESSFUL).exists()
    assert solution.pk in {int(ref.object_id) for ref in ReferenceIndex.get_references_to(vendor)}


def test_in_unit_tests_queued_work_runs_at_once():
    vendor = OrganisationFactory(name="Lion Digital", slug="lion-digital")
    solution = SolutionPageFactory(title="Lion Digital Twin", vendor=vendor)

    assert not DBTaskResult.objects.exists()
    assert solution.pk in {int(ref.object_id) for ref in ReferenceIndex.get_references_to(vendor)}
