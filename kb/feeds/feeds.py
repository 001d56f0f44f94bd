"""Atom feeds of newly published entries: all types at /feeds/new/, one type at /feeds/<type>/.

Feed readers fetch anonymously and cache what they fetch, so a feed always takes the public view: live
entries without view restrictions, whoever asks.
"""

from datetime import UTC, datetime

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from projects.links import entry_list_url
from projects.models import AgreementPage, CaseStudyPage, SolutionPage
from projects.visibility import visible_entries

FEED_SIZE = 30
NEVER = datetime.min.replace(tzinfo=UTC)
FEED_TYPES = {
    "case-studies": (CaseStudyPage, "case studies"),
    "agreements": (AgreementPage, "cooperation agreements"),
    "solutions": (SolutionPage, "vendor solutions"),
}


class NewEntriesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, kind: str = ""):
        if kind and kind not in FEED_TYPES:
            raise Http404("No such feed.")
        return kind

    def title(self, kind: str) -> str:
        what = FEED_TYPES[kind][1] if kind else "entries"
        return f"New {what}: ASEAN-China Smart City Knowledge Base"

    def link(self, kind: str) -> str:
        home = reverse("wagtail_serve", args=[""])
        return (entry_list_url(FEED_TYPES[kind][0].entry_type) or home) if kind else home

    def subtitle(self, kind: str) -> str:
        return "Newly published smart city case studies, cooperation agreements and vendor solutions across ASEAN and China."

    def items(self, kind: str) -> list:
        models = [FEED_TYPES[kind][0]] if kind else [model for model, _ in FEED_TYPES.values()]
        # The newest of each type, then the newest of those: a bounded query per type whatever the catalog's size.
        newest_first = (F("first_published_at").desc(nulls_last=True), "-pk")
        newest = [entry for model in models for entry in visible_entries(model).order_by(*newest_first)[:FEED_SIZE]]
        # An entry made live outside the publish flow has no first publication date: it goes last, not to a 500.
        return sorted(newest, key=lambda entry: entry.first_published_at or NEVER, reverse=True)[:FEED_SIZE]

    def item_title(self, entry) -> str:
        return entry.title

    def item_description(self, entry) -> str:
        return entry.teaser

    def item_link(self, entry) -> str:
        return entry.url

    def item_pubdate(self, entry):
        return entry.first_published_at

    def item_updateddate(self, entry):
        return entry.last_published_at

    def item_categories(self, entry) -> list[str]:
        return [str(entry.specific_class._meta.verbose_name)]


def feed_url(entry_type: str) -> str:
    """The feed of new entries of one type ('case_study', ...), or of every type when `entry_type` is empty."""
    kind = next((kind for kind, (model, _) in FEED_TYPES.items() if model.entry_type == entry_type), "")
    return reverse("feed_type", kwargs={"kind": kind}) if kind else reverse("feed_new")
