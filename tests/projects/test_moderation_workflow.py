"""Editors draft and submit, moderators approve, entries go live on time; officials see restricted entries."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction, Revision, WorkflowState

from projects.models import CaseStudyPage
from tests.factories import CaseStudyPageFactory, OrganisationFactory, ThemeFactory
from tests.projects.admin_support import add_url, agreement_form, case_study_form, solution_form, source, user_in_group

pytestmark = pytest.mark.django_db

PUBLIC_URL = "/case-studies/da-nang-ioc/"


@pytest.fixture
def editor():
    return user_in_group("Editors")


@pytest.fixture
def moderator():
    return user_in_group("Moderators")


def full_case_study_form(**extra) -> dict:
    """A case study as an editor fills it in: partners, funding, lessons and two sources."""
    vendor = OrganisationFactory(name="Viettel", slug="viettel")
    theme = ThemeFactory(name="Vendor dependence", slug="vendor-dependence")
    return case_study_form(
        partners=[{"organisation": str(vendor.pk), "role": "vendor"}],
        funding=[{"amount": "25000000", "currency": "VND", "source": "City budget", "note": "First phase"}],
        lessons=[{"theme": str(theme.pk), "text": "Keep the data model open to other suppliers."}],
        sources=[source(), source(title="Ministry press release", url="https://example.gov.vn/news/ioc", published="2019-08-20")],
        **extra,
    )


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.id])


def test_an_editor_drafts_and_submits_a_case_study_but_cannot_publish_it(client, editor):
    client.force_login(editor)

    created = client.post(add_url("casestudypage"), full_case_study_form())
    page = CaseStudyPage.objects.get(slug="da-nang-ioc")
    assert created.status_code == 302
    assert not page.live
    assert [p.organisation.name for p in page.partners.all()] == ["Viettel"]
    assert page.funding.get().amount == 25000000
    assert page.lessons.get().theme.name == "Vendor dependence"
    assert len(page.sources) == 2

    client.post(edit_url(page), full_case_study_form(**{"action-publish": "1"}))
    page.refresh_from_db()
    assert not page.live, "an editor's publish button must not publish"

    submitted = client.post(edit_url(page), full_case_study_form(**{"action-submit": "1"}))
    page.refresh_from_db()
    assert submitted.status_code == 302
    assert page.workflow_in_progress
    assert not page.live

    task_state = page.current_workflow_task_state
    client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.id, "approve", task_state.id]), {"comment": ""})
    page.refresh_from_db()
    assert not page.live, "an editor cannot approve, not even their own submission"
    client.logout()
    assert client.get(PUBLIC_URL).status_code == 404


def test_a_moderator_approves_a_submitted_case_study_and_it_goes_live(client, editor, moderator):
    client.force_login(editor)
    client.post(add_url("casestudypage"), full_case_study_form(**{"action-submit": "1"}))
    page = CaseStudyPage.objects.get(slug="da-nang-ioc")
    assert WorkflowState.objects.for_instance(page).get().status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(moderator)
    task_state = page.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.id, "approve", task_state.id]), {"comment": "Checked the sources."}
    )

    page.refresh_from_db()
    assert response.status_code == 302
    assert page.live
    assert WorkflowState.objects.for_instance(page).get().status == WorkflowState.STATUS_APPROVED
    client.logout()
    public = client.get(PUBLIC_URL)
    assert public.status_code == 200
    assert "Da Nang Smart City IOC" in public.content.decode()


def test_a_moderator_can_send_a_case_study_back_and_the_editor_resubmits_it(client, editor, moderator):
    client.force_login(editor)
    client.post(add_url("casestudypage"), full_case_study_form(**{"action-submit": "1"}))
    page = CaseStudyPage.objects.get(slug="da-nang-ioc")

    client.force_login(moderator)
    task_state = page.current_workflow_task_state
    client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.id, "reject", task_state.id]), {"comment": "Cite the contract."})
    page.refresh_from_db()
    assert not page.live
    assert WorkflowState.objects.for_instance(page).get().status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(editor)
    client.post(edit_url(page), full_case_study_form(**{"action-restart-workflow": "1"}))
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.current_workflow_task_state.status == "in_progress"
    assert not page.live


def test_every_save_is_kept_as_a_revision_and_listed_in_the_history(client, moderator):
    client.force_login(moderator)
    client.post(add_url("casestudypage"), full_case_study_form())
    page = CaseStudyPage.objects.get(slug="da-nang-ioc")
    client.post(edit_url(page), full_case_study_form(title="Da Nang IOC (phase 1)", **{"action-publish": "1"}))
    client.post(edit_url(page), full_case_study_form(title="Da Nang IOC (phase 2)"))

    page.refresh_from_db()
    titles = [revision.content["title"] for revision in page.revisions.order_by("created_at", "id")]
    assert titles == ["Da Nang Smart City IOC", "Da Nang IOC (phase 1)", "Da Nang IOC (phase 2)"]
    assert page.title == "Da Nang IOC (phase 1)", "the live page keeps the published revision"
    assert page.has_unpublished_changes
    assert client.get(reverse("wagtailadmin_pages:history", args=[page.id])).status_code == 200


def test_a_scheduled_case_study_goes_live_only_when_its_time_comes(client, moderator):
    client.force_login(moderator)
    go_live_at = timezone.localtime() + timedelta(days=1)
    client.post(add_url("casestudypage"), full_case_study_form(go_live_at=go_live_at.strftime("%Y-%m-%d %H:%M"), **{"action-publish": "1"}))
    page = CaseStudyPage.objects.get(slug="da-nang-ioc")
    scheduled = Revision.page_revisions.get(object_id=str(page.id), approved_go_live_at__isnull=False)
    assert not page.live

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live, "publish_scheduled must not publish before the time"

    # Let the day pass: move the schedule (and the time saved in the revision) into the past.
    a_minute_ago = timezone.now() - timedelta(minutes=1)
    scheduled.approved_go_live_at = a_minute_ago
    scheduled.content["go_live_at"] = a_minute_ago.isoformat()
    scheduled.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")

    page.refresh_from_db()
    assert page.live
    assert client.get(PUBLIC_URL).status_code == 200


@pytest.mark.parametrize(
    ("model_name", "form"),
    [
        ("casestudypage", lambda: case_study_form(title="Preview of a case study")),
        ("agreementpage", lambda: agreement_form(title="Preview of an agreement")),
        ("solutionpage", lambda: solution_form(title="Preview of a solution", vendor_id=OrganisationFactory().pk)),
    ],
)
def test_an_editor_can_preview_every_entry_type_before_saving(client, editor, model_name, form):
    client.force_login(editor)
    parent_id = add_url(model_name).rstrip("/").split("/")[-1]
    preview_url = reverse("wagtailadmin_pages:preview_on_add", args=["projects", model_name, parent_id])

    checked = client.post(preview_url, form())
    shown = client.get(preview_url)

    assert checked.json() == {"is_valid": True, "is_available": True}
    assert shown.status_code == 200
    assert "Preview of a" in shown.content.decode()


def test_an_editor_can_preview_changes_to_a_published_entry(client, editor):
    page = CaseStudyPageFactory(title="Da Nang Smart City IOC", slug="da-nang-ioc")
    client.force_login(editor)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.id])

    client.post(preview_url, case_study_form(title="Da Nang IOC, revised"))
    shown = client.get(preview_url)

    assert shown.status_code == 200
    assert "Da Nang IOC, revised" in shown.content.decode()
    assert "Da Nang IOC, revised" not in client.get(PUBLIC_URL).content.decode()


def restricted_to_officials(page):
    from django.contrib.auth.models import Group

    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Officials")])


def test_an_entry_restricted_to_officials_is_shown_to_officials_only(client, editor):
    page = CaseStudyPageFactory(title="Confidential city brain audit", slug="da-nang-ioc")
    restricted_to_officials(page)

    anonymous = client.get(PUBLIC_URL)
    client.force_login(editor)
    other_staff = client.get(PUBLIC_URL)
    client.force_login(user_in_group("Officials"))
    official = client.get(PUBLIC_URL)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("wagtailcore_login")), "anonymous readers are sent to log in"
    assert "Confidential city brain audit" not in anonymous.content.decode()
    assert other_staff.status_code == 302, "being staff is not enough: the restriction names the Officials group"
    assert official.status_code == 200
    assert "Confidential city brain audit" in official.content.decode()


def test_an_official_signs_in_on_the_public_site_and_reads_a_restricted_entry(client):
    restricted_to_officials(CaseStudyPageFactory(title="Confidential city brain audit", slug="da-nang-ioc"))
    user_in_group("Officials", username="official")

    login_page = client.get(client.get(PUBLIC_URL)["Location"])
    signed_in = client.post(reverse("wagtailcore_login"), {"username": "official", "password": "pass-1234", "next": PUBLIC_URL})

    assert login_page.status_code == 200
    assert signed_in.status_code == 302 and signed_in["Location"] == PUBLIC_URL
    assert "Confidential city brain audit" in client.get(PUBLIC_URL).content.decode()
