"""Controlled vocabularies that entries are tagged with: countries, domains, technologies, themes."""

from django.db import models
from django_countries import countries as iso_countries
from wagtail.admin.panels import FieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index

from ..forms import SourcedSnippetForm
from ..translation import SOURCE_LANGUAGE, TranslatedName, active_language
from .base import Profiled, SourcedContent, record_search_fields, snippet_tabs


class CountryQuerySet(models.QuerySet):
    def asean_and_china_first(self):
        """The eleven ASEAN members and China, by name, then every other country by name."""
        core = models.Q(is_asean_member=True) | models.Q(code="CN")
        return self.annotate(outside=models.Case(models.When(core, then=1), default=2)).order_by("outside", "name")


class Country(Profiled, index.Indexed, models.Model):
    """A country by ISO 3166-1 alpha-2 code. The eleven ASEAN members and China are seeded by migration."""

    code = models.CharField(max_length=2, primary_key=True, help_text="ISO 3166-1 alpha-2, e.g. SG")
    name = models.CharField(max_length=100, unique=True)
    local_name = models.CharField(max_length=100, blank=True)
    is_asean_member = models.BooleanField(default=False)
    asean_joined = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Year of joining ASEAN")

    objects = CountryQuerySet.as_manager()

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("local_name"), FieldPanel("is_asean_member"), FieldPanel("asean_joined")]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("local_name"),
        index.AutocompleteField("name"),
        index.FilterField("is_asean_member"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name

    def profile_key(self) -> str:
        return self.code.lower()

    @property
    def label(self) -> str:
        """The name in the reader's language: django-countries' own translation of the ISO name."""
        if active_language() == SOURCE_LANGUAGE:
            return self.name
        return str(iso_countries.name(self.code)) or self.name


class VocabularyTerm(TranslatedName, index.Indexed, models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("name_zh_hans"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("name_zh_hans"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Domain(VocabularyTerm):
    """A field of city life a project serves: mobility, health, public safety..."""

    class Meta(VocabularyTerm.Meta):
        pass


class Technology(VocabularyTerm):
    """A technology a project or solution uses: AI, IoT, CCTV..."""

    class Meta(VocabularyTerm.Meta):
        verbose_name_plural = "technologies"


class Theme(Profiled, RevisionMixin, TranslatedName, SourcedContent, index.Indexed, models.Model):
    """A cross-cutting planning theme that lessons are filed under (digital divide, data governance...)."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=150, unique=True)
    definition = models.CharField(max_length=300, help_text="One line.")
    description = models.TextField(blank=True)

    base_form_class = SourcedSnippetForm
    edit_handler = snippet_tabs(
        FieldPanel("name"), FieldPanel("name_zh_hans"), FieldPanel("slug"), FieldPanel("definition"), FieldPanel("description")
    )
    search_fields = record_search_fields(index.SearchField("name_zh_hans", boost=3), index.SearchField("definition"))

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
