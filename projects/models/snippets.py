"""Shared records that entries point at: organisations and cities.

They keep revisions (compared in the admin's history) but no draft state: an edit is live at once,
as before, and every record stays on the public site.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, TabbedInterface
from wagtail.models import RevisionMixin
from wagtail.search import index

from ..forms import SourcedSnippetForm
from ..translation import LocalName
from .base import Profiled, SourcedContent, record_search_fields, snippet_tabs
from .choices import OrganisationKind
from .taxonomy import Country


def named_record_tabs(*details) -> TabbedInterface:
    """The edit form of an organisation or a city: its name and slug, `details`, its description and its names in other languages."""
    return snippet_tabs(FieldPanel("name"), FieldPanel("slug"), *details, FieldPanel("description"), FieldPanel("local_names"))


class Organisation(Profiled, LocalName, RevisionMixin, SourcedContent, index.Indexed, models.Model):
    """A company, state-owned enterprise, agency, international body or university."""

    Kind = OrganisationKind

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.COMPANY)
    hq_country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="organisations", verbose_name="headquarters country"
    )
    website = models.URLField(blank=True, max_length=500)
    description = models.TextField(blank=True)

    base_form_class = SourcedSnippetForm
    edit_handler = named_record_tabs(FieldRowPanel([FieldPanel("kind"), FieldPanel("hq_country")]), FieldPanel("website"))
    search_fields = record_search_fields(index.SearchField("local_names_text"), index.FilterField("kind"), index.FilterField("hq_country"))

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class City(Profiled, LocalName, RevisionMixin, SourcedContent, index.Indexed, models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=150)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="cities")
    region = models.CharField(max_length=150, blank=True, help_text="Province, state or region")
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.DecimalField(
        max_digits=8, decimal_places=5, null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    population = models.PositiveBigIntegerField(null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)])
    ascn_pilot = models.BooleanField("ASCN pilot city", default=False)
    ascn_joined = models.PositiveSmallIntegerField(
        "year joined ASCN", null=True, blank=True, validators=[MinValueValidator(2018), MaxValueValidator(2100)]
    )
    description = models.TextField(blank=True)

    base_form_class = SourcedSnippetForm
    edit_handler = named_record_tabs(
        FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldRowPanel([FieldPanel("population"), FieldPanel("population_year")]),
        FieldRowPanel([FieldPanel("ascn_pilot"), FieldPanel("ascn_joined")]),
    )
    search_fields = record_search_fields(
        index.SearchField("region"), index.SearchField("local_names_text"), index.FilterField("country"), index.FilterField("ascn_pilot")
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "cities"

    def __str__(self):
        return self.name

    def clean(self):
        if self.population is not None and self.population_year is None:
            raise ValidationError({"population_year": "Give the year the population figure refers to."})
        if self.ascn_joined and not self.ascn_pilot:
            raise ValidationError({"ascn_pilot": "A city that joined ASCN is an ASCN pilot city: tick the box or clear the year."})
