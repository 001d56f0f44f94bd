"""The list pages that hold the entries of one type, each showing its entries through projects.listing."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class IndexPage(Page):
    """Abstract base of the list pages that hold entries of one type."""

    intro = models.TextField(blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
    entry_type = ""  # the entries it lists: the same key as theirs
    parent_page_types = ["home.HomePage"]

    def get_template(self, request, *args, **kwargs) -> str:
        # Every type shares one template (Wagtail would otherwise default each subclass to a file of its own).
        return "pages/entry_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from ..listing import LISTINGS, build_listing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = build_listing(LISTINGS[self.entry_type], request)
        return context

    class Meta:
        abstract = True


class CaseStudyIndexPage(IndexPage):
    entry_type = "case_study"
    subpage_types = ["projects.CaseStudyPage"]


class AgreementIndexPage(IndexPage):
    entry_type = "agreement"
    subpage_types = ["projects.AgreementPage"]


class SolutionIndexPage(IndexPage):
    entry_type = "solution"
    subpage_types = ["projects.SolutionPage"]
