"""Wagtail and Django signals that queue search index updates (kb.search.indexing) and bump the catalog version of
cached answers (kb.cache); wired in SearchConfig.ready().

Handlers only write outbox rows in the editor's transaction: they never talk to a search engine.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from kb.cache import bump_catalog_version
from projects.models import AgreementPage, CaseStudyPage, City, Country, Domain, Organisation, SolutionPage, Technology, Theme

from . import indexing

ENTRY_MODELS = (CaseStudyPage, AgreementPage, SolutionPage)
RECORD_MODELS = (Organisation, City, Theme)
LINKED_MODELS = (Organisation, City, Theme)  # their names show in the entries that cite them
LABEL_MODELS = (Country, Domain, Technology)  # their names label the facets
INDEX_MODELS = ("SearchDocument", "SearchFacetValue", "PendingIndexUpdate")  # the search app's own bookkeeping


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
    _connect_version_bumps()


def _connect_version_bumps() -> None:
    """Whatever a cached answer shows: entries, records, facet labels, and the search app's editable lists (synonyms,
    glossary). The drain bumps again once the index took the change (kb.search.indexing)."""
    # Any page: besides entries, index pages give the lists' addresses (projects.links) and the home page the site's.
    page_published.connect(bump_catalog_version, dispatch_uid="kb_cache_published")
    page_unpublished.connect(bump_catalog_version, dispatch_uid="kb_cache_unpublished")
    post_delete.connect(bump_catalog_version, sender=Page, dispatch_uid="kb_cache_page_deleted")
    post_page_move.connect(bump_catalog_version, dispatch_uid="kb_cache_moved")
    post_migrate.connect(bump_catalog_version, dispatch_uid="kb_cache_migrated")  # a deploy: pages rendered by older code
    page_slug_changed.connect(bump_catalog_version, dispatch_uid="kb_cache_slug_changed")
    lists = [model for model in apps.get_app_config("kb_search").get_models() if model.__name__ not in INDEX_MODELS]
    for model in (PageViewRestriction, *RECORD_MODELS, *LABEL_MODELS, *lists):
        post_save.connect(bump_catalog_version, sender=model, dispatch_uid=f"kb_cache_saved_{model.__name__}")
        post_delete.connect(bump_catalog_version, sender=model, dispatch_uid=f"kb_cache_deleted_{model.__name__}")
