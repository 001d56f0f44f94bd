"""Fields every catalog record carries: local names, sources, confidence, notes for readers and notes for editors."""

import re

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import LANGUAGE_NAMES, LocalNameBlock, SourceBlock
from ..text import CJK_RUN

URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://(www\.)?", re.IGNORECASE)


class Confidence(models.TextChoices):
    HIGH = "high", _("High: key facts seen in a cited source")
    MEDIUM = "medium", _("Medium: partly confirmed by cited sources")
    LOW = "low", _("Low: not yet confirmed in a cited source")


class Profiled:
    """A shared record with a public profile page: the URL named after its model, "<model>_profile" (projects/urls.py)."""

    def profile_key(self) -> str:
        return self.slug

    def get_absolute_url(self):
        return reverse(f"{self._meta.model_name}_profile", args=[self.profile_key()])


class SourcedContent(models.Model):
    """Abstract base for entries, snippets and pages alike.

    Sources are required: drafts may be saved without them, but nothing is published unsourced.
    """

    local_names = StreamField([("local_name", LocalNameBlock())], blank=True, help_text="Names in other languages, shown on the page and searchable.")
    sources = StreamField([("source", SourceBlock())], min_num=1, help_text="Every claim needs a source: at least one is required to publish.")
    confidence = models.CharField(max_length=10, choices=Confidence.choices, default=Confidence.MEDIUM)
    notes = models.TextField(blank=True, help_text="Caveats and conflicting sources, shown to readers.")
    editor_notes = models.TextField(
        blank=True, help_text="Notes to the editorial team: shown only in the admin, never on the site, in search, the API, feeds or exports."
    )

    # The admin's own search matches the start of words (autocomplete): local names and source links are found too.
    admin_search_fields = [index.AutocompleteField("local_names_autocomplete"), index.AutocompleteField("source_urls_text")]

    class Meta:
        abstract = True

    @property
    def local_name_list(self) -> list[dict]:
        """[{'language': 'zh-Hans', 'language_name': 'Chinese (Simplified)', 'name': '...'}]"""
        return [
            {
                "language": block.value["language"],
                "language_name": str(LANGUAGE_NAMES.get(block.value["language"], block.value["language"])),
                "name": block.value["name"],
            }
            for block in self.local_names
        ]

    @property
    def local_names_text(self) -> str:
        return " ".join(block.value["name"] for block in self.local_names)

    @property
    def local_names_autocomplete(self) -> str:
        """Local names, plus every tail of each Chinese, Japanese or Korean run.

        These scripts have no spaces, so 杭州城市大脑 is one word to the admin's search; with its tails
        (城市大脑, 大脑...) also indexed, any part of the name is the start of a word and is found.
        """
        text = self.local_names_text
        tails = [run[start:] for run in CJK_RUN.findall(text) for start in range(1, len(run))]
        return " ".join([text, *tails])

    @property
    def source_urls_text(self) -> str:
        """Each source link as given, and without its scheme and "www.", so a link pasted either way is found."""
        urls = [block.value["url"] for block in self.sources if block.value.get("url")]
        bare = [URL_SCHEME.sub("", url) for url in urls]
        return " ".join(urls + bare)

    @property
    def source_list(self) -> list[dict]:
        return [dict(block.value) for block in self.sources]

    @property
    def sources_text(self) -> str:
        return " ".join(f"{block.value['title']} {block.value.get('publisher') or ''}" for block in self.sources)


def sources_tab() -> ObjectList:
    """Sources, how sure we are, and the caveats readers see beside them."""
    return ObjectList([FieldPanel("sources"), FieldPanel("confidence"), FieldPanel("notes", heading=_("Caveats for readers"))], heading=_("Sources"))


def editorial_tab(*panels) -> ObjectList:
    """Notes to the team, never shown to readers."""
    return ObjectList([*panels, FieldPanel("editor_notes", heading=_("Notes to editors"))], heading=_("Editorial"))


def snippet_tabs(*details) -> TabbedInterface:
    """The edit form of a shared record: its details, its sources, and the editors' notes."""
    return TabbedInterface([ObjectList(list(details), heading=_("Details")), sources_tab(), editorial_tab()])


def record_search_fields(*fields) -> list:
    """A shared record's admin search: its local names and sources, its name (weighted, and as typed), its description, then `fields`."""
    return SourcedContent.admin_search_fields + [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        *fields,
    ]
