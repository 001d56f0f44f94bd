"""Wagtail and Django signals that queue search index updates (kb.search.indexing); wired in SearchConfig.ready().

Handlers only write outbox rows in the editor's transaction: they never talk to a search engine.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from projects.models import AgreementPage, CaseStudyPage, City, Organisation, SolutionPage, Theme

from . import indexing

ENTRY_MODELS = (CaseStudyPage, AgreementPage, SolutionPage)
RECORD_MODELS = (Organisation, City, Theme)
LINKED_MODELS = (Organisation, City, Theme)  # their names show in the entries that cite them


def _page_published(sender, instance, **kwargs):
    indexing.queue_objects([instance], "publish")


def _page_unpublished(sender, instance, **kwargs):
    indexing.queue_objects([instance], "unpublish")


def _page_deleted(sender, instance, **kwargs):
    indexing.queue_objects([instance], "delete")


def _page_moved(sender, instance, **kwargs):
    indexing.queue_subtree(instance, "move")


def _restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        indexing.queue_subtree(page, "privacy")


def _record_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the rebuild after loading indexes everything
        return
    indexing.queue_objects([instance])
    if isinstance(instance, LINKED_MODELS):
        indexing.queue_linked_entries(instance)


def _record_deleted(sender, instance, **kwargs):
    indexing.queue_objects([instance], "delete")


def connect() -> None:
    for model in ENTRY_MODELS:
        page_published.connect(_page_published, sender=model, dispatch_uid=f"kb_search_published_{model.__name__}")
        page_unpublished.connect(_page_unpublished, sender=model, dispatch_uid=f"kb_search_unpublished_{model.__name__}")
        post_delete.connect(_page_deleted, sender=model, dispatch_uid=f"kb_search_deleted_{model.__name__}")
    post_page_move.connect(_page_moved, dispatch_uid="kb_search_moved")
    page_slug_changed.connect(_page_moved, dispatch_uid="kb_search_slug_changed")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="kb_search_restriction_saved")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="kb_search_restriction_deleted")
    for model in RECORD_MODELS:
        post_save.connect(_record_saved, sender=model, dispatch_uid=f"kb_search_saved_{model.__name__}")
        post_delete.connect(_record_deleted, sender=model, dispatch_uid=f"kb_search_deleted_{model.__name__}")
