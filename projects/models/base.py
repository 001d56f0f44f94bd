"""Fields every catalog record carries: local names, sources, confidence and editorial notes."""

from django.db import models
from wagtail.fields import StreamField

from ..blocks import LANGUAGE_NAMES, LocalNameBlock, SourceBlock


class Confidence(models.TextChoices):
    HIGH = "high", "High: key facts seen in a cited source"
    MEDIUM = "medium", "Medium: partly confirmed by cited sources"
    LOW = "low", "Low: not yet confirmed in a cited source"


class SourcedContent(models.Model):
    """Abstract base for entries, snippets and pages alike.

    Sources are required: drafts may be saved without them, but nothing is published unsourced.
    """

    local_names = StreamField([("local_name", LocalNameBlock())], blank=True, help_text="Names in other languages, shown on the page and searchable.")
    sources = StreamField([("source", SourceBlock())], min_num=1, help_text="Every claim needs a source: at least one is required to publish.")
    confidence = models.CharField(max_length=10, choices=Confidence.choices, default=Confidence.MEDIUM)
    notes = models.TextField(blank=True, help_text="Caveats and conflicting sources, shown to readers.")

    class Meta:
        abstract = True

    @property
    def local_name_list(self) -> list[dict]:
        """[{'language': 'zh-Hans', 'language_name': 'Chinese (Simplified)', 'name': '...'}]"""
        return [
            {
                "language": block.value["language"],
                "language_name": LANGUAGE_NAMES.get(block.value["language"], block.value["language"]),
                "name": block.value["name"],
            }
            for block in self.local_names
        ]

    @property
    def local_names_text(self) -> str:
        return " ".join(block.value["name"] for block in self.local_names)

    @property
    def source_list(self) -> list[dict]:
        return [dict(block.value) for block in self.sources]

    @property
    def sources_text(self) -> str:
        return " ".join(f"{block.value['title']} {block.value.get('publisher') or ''}" for block in self.sources)
