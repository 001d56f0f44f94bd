"""Work queued by the web process waits in the database until the worker (manage.py db_worker) runs it."""

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import ReferenceIndex

from tests.factories import OrganisationFactory, SolutionPageFactory
from tests.task_worker import run_worker_once, worker_inside_test_transaction

pytestmark = pytest.mark.django_db

REFERENCE_TASK = "wagtail.tasks.update_reference_index_task"


def test_a_save_queues_wagtails_usage_update_and_the_worker_records_it(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # as in production
    vendor = OrganisationFactory(name="Mekong Sensors", slug="mekong-sensors")
    solution = SolutionPageFactory(title="Mekong Flood Gauges", vendor=vendor)

    queued = DBTaskResult.objects.filter(task_path=REFERENCE_TASK)
    assert queued.filter(status=TaskResultStatus.READY).exists()
    assert not ReferenceIndex.get_references_to(vendor).exists()  # the web process did not do the work itself

    with worker_inside_test_transaction():
        run_worker_once()

    assert not queued.exclude(status=TaskResultStatus.SUCCESSFUL).exists()
    assert solution.pk in {int(ref.object_id) for ref in ReferenceIndex.get_references_to(vendor)}


def test_in_unit_tests_queued_work_runs_at_once():
    vendor = OrganisationFactory(name="Lion Digital", slug="lion-digital")
    solution = SolutionPageFactory(title="Lion Digital Twin", vendor=vendor)

    assert not DBTaskResult.objects.exists()
    assert solution.pk in {int(ref.object_id) for ref in ReferenceIndex.get_references_to(vendor)}
