"""Atom feeds of new entries about one country (/feeds/countries/<code>/) or one theme (/feeds/themes/<slug>/).

Like the feeds of new entries, they take the public view whoever asks: live entries without view restrictions.
"""

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from projects.models import AgreementPage, CaseStudyPage, Country, SolutionPage, Theme
from projects.visibility import visible_entries

from .feeds import FEED_SIZE, NEVER, NewEntriesFeed

NEWEST_FIRST = (F("first_published_at").desc(nulls_last=True), "-pk")


def newest(*querysets) -> list:
    """The newest FEED_SIZE entries of several querysets: a bounded query each, whatever the catalog's size."""
    entries = [entry for queryset in querysets for entry in queryset.order_by(*NEWEST_FIRST)[:FEED_SIZE]]
    return sorted(entries, key=lambda entry: entry.first_published_at or NEVER, reverse=True)[:FEED_SIZE]


class TopicFeed(Feed):
    """Entry details as in the feeds of new entries; subclasses say which record and which entries."""

    feed_type = Atom1Feed
    item_title = NewEntriesFeed.item_title
    item_description = NewEntriesFeed.item_description
    item_link = NewEntriesFeed.item_link
    item_pubdate = NewEntriesFeed.item_pubdate
    item_updateddate = NewEntriesFeed.item_updateddate
    item_categories = NewEntriesFeed.item_categories

    def link(self, record) -> str:
        return record.get_absolute_url()


class CountryFeed(TopicFeed):
    def get_object(self, request, code: str):
        return get_object_or_404(Country, code=code.upper())

    def title(self, country) -> str:
        return _("New entries about %(country)s: ASEAN-China Smart City Knowledge Base") % {"country": country.name}

    def subtitle(self, country) -> str:
        return _("Case studies, cooperation agreements and vendor solutions in or with %(country)s, newest first.") % {"country": country.name}

    def items(self, country) -> list:
        case_studies = visible_entries(CaseStudyPage).filter(countries=country)
        deployed = visible_entries(SolutionPage).filter(pk__in=SolutionPage.objects.filter(deployments__in=case_studies.values("pk")).values("pk"))
        return newest(case_studies, visible_entries(AgreementPage).filter(party_countries=country), deployed)


class ThemeFeed(TopicFeed):
    def get_object(self, request, slug: str):
        return get_object_or_404(Theme, slug=slug)

    def title(self, theme) -> str:
        return _("New case studies on %(theme)s: ASEAN-China Smart City Knowledge Base") % {"theme": theme.name}

    def subtitle(self, theme) -> str:
        return theme.definition

    def items(self, theme) -> list:
        return newest(visible_entries(CaseStudyPage).filter(themes=theme))
