from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from projects.counting import kept_for

from .overview import home_overview


class HomePage(Page):
    """The site root: what is new, headline counts and the ways into the catalog."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "pages/home_page.html"
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["projects.CaseStudyIndexPage", "projects.AgreementIndexPage", "projects.SolutionIndexPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(kept_for(request, "home", "", lambda: home_overview(request)))
        return context
