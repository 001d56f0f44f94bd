"""Search storage: the flattened documents the database engine searches, and the editable synonym list and glossary."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from projects.text import CJK_RUN

from . import schema


class Synonym(models.Model):
    """One synonym group: terms planners use interchangeably (CCTV, surveillance camera)."""

    terms = models.CharField(
        max_length=500,
        unique=True,
        help_text="Comma-separated terms that mean the same thing, e.g. 'CCTV, surveillance camera'. Takes effect at the next index rebuild.",
    )
    note = models.CharField(max_length=255, blank=True)

    panels = [FieldPanel("terms"), FieldPanel("note")]

    class Meta:
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    @property
    def term_list(self) -> list[str]:
        return [term.strip().lower() for term in self.terms.split(",") if term.strip()]

    def clean(self):
        cleaned = [term.strip() for term in (self.terms or "").split(",") if term.strip()]
        if len(cleaned) < 2:
            raise ValidationError({"terms": "Give at least two comma-separated terms."})
        if any(any(char in term for char in '=>#"') for term in cleaned):
            raise ValidationError({"terms": "Terms may not contain =, >, # or quotes."})
        self.terms = ", ".join(cleaned)


def _split_terms(text: str) -> list[str]:
    return [term.strip() for term in (text or "").replace("，", ",").replace("、", ",").split(",") if term.strip()]


class GlossaryTerm(models.Model):
    """One entry of the bilingual glossary: the English and Chinese names of one thing, which a search treats alike.

    A Chinese query also searches for the English terms and an English query for the Chinese ones, so that a Chinese
    planner finds the entries written in English. Several English terms (old names, variant spellings, abbreviations)
    are aliases of each other too. The domains, technologies and themes need no row: their Chinese names are used.
    """

    class Kind(models.TextChoices):
        SYSTEM = "system", _("Kind of system")
        DOMAIN = "domain", _("Domain")
        TECHNOLOGY = "technology", _("Technology")
        THEME = "theme", _("Theme")
        PLACE = "place", _("Place")
        AGENCY = "agency", _("Agency")
        COMPANY = "company", _("Company")
        AGREEMENT = "agreement", _("Agreement or initiative")
        OTHER = "other", _("Other")

    english = models.CharField(
        _("English terms"),
        max_length=500,
        help_text=_("Comma-separated; the usual name first, then old names, variant spellings and abbreviations, e.g. 'Beijing, Peking'."),
    )
    chinese = models.CharField(_("Chinese terms"), max_length=500, blank=True, help_text=_("Comma-separated Simplified Chinese terms, e.g. '北京'."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [FieldPanel("english"), FieldPanel("chinese"), FieldPanel("kind"), FieldPanel("note")]

    class Meta:
        ordering = ["english"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self):
        return f"{self.english} · {self.chinese}" if self.chinese else self.english

    @property
    def term_list(self) -> list[str]:
        return [term.lower() for term in _split_terms(self.english) + _split_terms(self.chinese)]

    def clean(self):
        english, chinese = _split_terms(self.english), _split_terms(self.chinese)
        errors = {}
        if not english:
            errors["english"] = _("Give at least one English term.")
        elif any(CJK_RUN.search(term) for term in english):
            errors["english"] = _("Write Chinese terms in the Chinese field.")
        if any(not CJK_RUN.search(term) for term in chinese):
            errors["chinese"] = _("Each Chinese term needs Chinese characters; write English terms in the English field.")
        if len(english) + len(chinese) < 2:
            errors.setdefault("chinese", _("Give a Chinese term, or a second English term (an alias)."))
        for name, terms in (("english", english), ("chinese", chinese)):
            if any(any(char in term for char in '=>#"') for term in terms):
                errors.setdefault(name, _("Terms may not contain =, >, # or quotes."))
        if errors:
            raise ValidationError(errors)
        self.english, self.chinese = ", ".join(english), ", ".join(chinese)


class SearchDocument(index.Indexed, models.Model):
    """One public entry, flattened for search by the document builder (kb.search.documents)."""

    source = models.CharField(max_length=160, unique=True, help_text="page:<id>, organisation:<id>, city:<id> or theme:<id>")
    doc_type = models.CharField(max_length=20, db_index=True)
    slug = models.CharField(max_length=255)
    title = models.CharField(max_length=500)
    url = models.CharField(max_length=1000)
    stemmed = models.TextField(blank=True, help_text="Stems of the words above, so that 'cameras' finds 'camera'.")
    folded_names = models.TextField(blank=True, help_text="The title and local names without accents (Da Nang for Đà Nẵng), for suggestions.")
    status = models.CharField(max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    sort_date = models.CharField(max_length=10, blank=True, db_index=True)
    facet_data = models.JSONField(default=dict)

    # Written only through kb.search.indexing, never by Wagtail's save signals.
    search_auto_update = False
    search_fields = [
        *(index.SearchField(text.name, boost=text.boost) for text in schema.TEXT_FIELDS),
        index.SearchField("stemmed"),
        index.FilterField("doc_type"),
    ]

    class Meta:
        indexes = [models.Index(fields=["doc_type", "slug"])]

    def __str__(self):
        return self.source


# One column per declared text field (the title, which sorts, is a bounded column of its own above).
for _text in schema.TEXT_FIELDS:
    if _text.name != "title":
        SearchDocument.add_to_class(_text.name, models.TextField(blank=True, help_text=_text.help_text))


class SearchFacetValue(models.Model):
    """One facet value of one document, so that the database engine counts facets with the ORM."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=120)

    class Meta:
        indexes = [models.Index(fields=["facet", "value"])]

    def __str__(self):
        return f"{self.facet}={self.value}"


class PendingIndexUpdate(models.Model):
    """The outbox: one document that one engine still has to bring in step with the catalog.

    Written in the same transaction as the editor's save, deleted only once the engine took the update,
    so that an update is never lost when the engine is down (kb.search.indexing drains it).
    """

    engine = models.CharField(max_length=20)
    source = models.CharField(max_length=160, help_text="page:<id>, organisation:<id>, city:<id> or theme:<id>")
    action = models.CharField(max_length=20, default="update", help_text="What changed: update, remove, move, privacy, linked.")
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["engine", "source"], name="kb_search_one_pending_update_per_document")]
        ordering = ["next_attempt_at", "pk"]

    def __str__(self):
        return f"{self.engine} {self.action} {self.source} (attempt {self.attempts})"
