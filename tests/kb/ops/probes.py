"""What the tests do and look at inside a process of the site (tests/kb/ops/site.py runs these with manage.py shell).

Each returns plain JSON-able data."""

import hashlib
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.images import get_image_model
from wagtail_factories import ImageFactory

from kb.search.models import PendingIndexUpdate
from kb.search.query import SearchQuery
from kb.search.service import search
from projects.models import CaseStudyPage
from tests.factories import CaseStudyPageFactory

EDITOR_PASSWORD = "harbour-lights-42"


def entry(slug: str, title: str, live: bool = True) -> int:
    return CaseStudyPageFactory(slug=slug, title=title, summary=f"{title}: a pilot for the harbour district.", live=live).pk


def publish_title(slug: str, title: str) -> str:
    """An editor's edit, published."""
    page = CaseStudyPage.objects.get(slug=slug)
    page.title = title
    page.save_revision().publish()
    return CaseStudyPage.objects.get(slug=slug).title


def search_titles(word: str) -> dict[str, str]:
    """What public search finds: {slug: title}."""
    return {hit.slug: hit.title for hit in search(SearchQuery(text=word, page_size=100)).hits}


def queue() -> dict:
    """Work the worker has still to do, and the tasks that failed."""
    waiting = DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).count()
    failed = list(DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).values_list("task_path", flat=True))
    return {"waiting": waiting + PendingIndexUpdate.objects.count(), "failed": failed}


def schedule(slug: str, title: str, seconds: float) -> dict:
    """A new entry approved to go live `seconds` from now, as an editor schedules it in the admin."""
    page = CaseStudyPage.objects.get(pk=entry(slug, title, live=False))
    page.go_live_at = timezone.now() + timedelta(seconds=seconds)
    page.save_revision().publish()
    return page_state(slug)


def page_state(slug: str) -> dict:
    """Whether the entry is live, and what a reader gets at its address."""
    page = CaseStudyPage.objects.get(slug=slug)
    response = Client(HTTP_HOST="localhost").get(page.get_url())
    return {"live": page.live, "status": response.status_code, "past_go_live": page.go_live_at is not None and page.go_live_at < timezone.now()}


def make_catalog() -> None:
    """Entries with revisions and a draft, users, and an uploaded picture."""
    published = CaseStudyPage.objects.get(pk=entry("backup-harbour-sensors", "Backup Harbour Sensors"))
    publish_title("backup-harbour-sensors", "Backup Harbour Sensors, second edition")
    published.title = "Backup Harbour Sensors, draft of a third edition"
    published.save_revision()  # saved, not published
    entry("backup-river-gauges", "Backup River Gauges")
    entry("backup-tram-pilot", "Backup Tram Pilot", live=False)  # never published
    editor = get_user_model().objects.create_user("amara", "amara@example.org", EDITOR_PASSWORD, first_name="Amara")
    editor.groups.add(Group.objects.get(name="Editors"))
    get_user_model().objects.create_superuser("lin", "lin@example.org", "another-long-secret-9")
    ImageFactory(title="Harbour sensor map")


def delete_catalog() -> None:
    for page in CaseStudyPage.objects.all():
        page.delete()
    get_user_model().objects.all().delete()
    for image in get_image_model().objects.all():
        image.delete()


def snapshot() -> dict:
    """Everything make_catalog made, as an editor or a reader would see it."""
    from django.core.files.storage import default_storage

    entries = {
        page.slug: {
            "title": page.title,
            "live": page.live,
            "latest_revision_title": page.latest_revision.content["title"] if page.latest_revision else None,
            "has_unpublished_changes": page.has_unpublished_changes,
            "revisions": page.revisions.count(),
            "status": page_state(page.slug)["status"],
        }
        for page in CaseStudyPage.objects.order_by("slug")
    }
    users = {
        user.username: {
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "superuser": user.is_superuser,
            "editor_password_works": user.check_password(EDITOR_PASSWORD),
        }
        for user in get_user_model().objects.order_by("username")
    }
    pictures = {}
    for image in get_image_model().objects.order_by("title"):
        exists = default_storage.exists(image.file.name)
        pictures[image.title] = {
            "file": image.file.name,
            "sha256": hashlib.sha256(default_storage.open(image.file.name).read()).hexdigest() if exists else None,
        }
    return {"entries": entries, "users": users, "pictures": pictures}
