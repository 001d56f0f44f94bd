"""Loading the starter content in bulk: no index task per saved page or record, and one rebuild indexes it all."""

import pytest
from django.core.management import call_command
from django_tasks.signals import task_enqueued
from wagtail.models import Page, ReferenceIndex

from kb.search.documents import all_documents
from kb.search.engines import get_engine
from projects.models import CaseStudyPage

from .import_support import DATA, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued_tasks():
    names: list[str] = []

    def record(sender, task_result, **kwargs):
        names.append(task_result.task.module_path)

    task_enqueued.connect(record, dispatch_uid="test_enqueued_tasks")
    yield names
    task_enqueued.disconnect(dispatch_uid="test_enqueued_tasks")


def test_loading_the_starter_content_queues_no_wagtail_index_task_per_saved_page_or_record(enqueued_tasks):
    status, output = run("load_starter_content", "--directory", DATA)

    assert status == 0, output
    assert CaseStudyPage.objects.live().exists()
    per_save = [name for name in enqueued_tasks if name.startswith(("modelsearch.", "wagtail."))]
    assert per_save == []
    # The admin's "used by" lists still work: the reference index was rebuilt once, after the load.
    assert ReferenceIndex.objects.exists()


def test_after_loading_one_rebuild_makes_both_search_indexes_complete():
    run("load_starter_content", "--directory", DATA)

    call_command("rebuild_search_index", "--engine", "database", verbosity=0)
    call_command("update_index", verbosity=0)

    expected = {document["source"] for document in all_documents()}
    assert expected and set(get_engine("database").fingerprints()) == expected
    for entry in CaseStudyPage.objects.live():
        assert entry.pk in {page.pk for page in Page.objects.live().search(entry.title)}
