"""The search schema: every field of the public index and every document type, declared once.

Everything else is derived from these declarations: the document builders' shape (kb.search.documents), the
database engine's columns, matching, ranking and highlighting, the Elasticsearch mapping and queries, the
consistency check, and the facet list of the page, the API and its OpenAPI description.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SearchField:
    """A text field: matched, weighted by `boost`, analysed as `language` and also as each language of `also`.

    Languages: "english" (stemmed, stop words, search-time synonyms) and "cjk" (Chinese, Japanese and Korean as
    character bigrams); `also` gives each extra analysis of the same text its own boost.
    """

    name: str
    boost: float = 1.0
    language: str = "english"
    also: dict[str, float] = field(default_factory=dict)
    highlight: bool = False  # fragments of it are shown under a result
    fuzzy: float | None = None  # boost of its unstemmed matching, typo-tolerant when nothing matched as typed; None: neither
    suggest: bool = False  # completes what a reader is typing (AutocompleteField)
    help_text: str = ""

    @property
    def chinese(self) -> bool:
        return self.language == "cjk" or "cjk" in self.also


@dataclass(frozen=True)
class FilterField:
    """A facet: exact values readers filter on and see counted (FilterField)."""

    name: str
    label: str
    description: str  # what its values are, for the API description
    size: int = 50  # most values counted per facet
    kind: str = "keyword"  # keyword: any number of values per document; range: one number (year)


@dataclass(frozen=True)
class DocumentType:
    """One kind of search result: the text fields its documents fill and the facets they carry."""

    name: str
    label: str
    text: tuple[str, ...]
    facets: tuple[str, ...]
    weight: float = 1.0  # multiplies its relevance: records rank below entries unless their name was typed
    suggested: bool = True  # its titles complete what a reader is typing


TEXT_FIELDS = [
    SearchField("title", boost=10, also={"cjk": 8}, fuzzy=3, suggest=True),
    # Typo tolerance only in the title and summary, where a misspelt topic is looked for: expanding the terms of
    # every field cost two thirds of the query (Elasticsearch's Profile API) for 0.002 of nDCG@10 (English set).
    SearchField("summary", boost=3, also={"cjk": 2}, highlight=True, fuzzy=1),
    SearchField("local_names", boost=5, language="cjk", also={"english": 5}, highlight=True, suggest=True),
    SearchField("lessons", highlight=True),
    SearchField("outcomes", highlight=True),
    SearchField("controversies", highlight=True),
    SearchField("organisations", boost=2.5, also={"cjk": 1}, highlight=True),
    SearchField("places", boost=2.5, also={"cjk": 1}),
    SearchField("tags", boost=2, help_text="Names of the entry's domains, technologies, themes and category."),
    SearchField("body", boost=0.7, also={"cjk": 0.5}, highlight=True),
]

FILTER_FIELDS = [
    FilterField("type", _("Type"), "Entry type", size=10),
    FilterField("country", _("Country"), "ISO 3166-1 alpha-2 country code, e.g. TH"),
    FilterField("city", _("City"), "City slug, e.g. bangkok", size=100),
    FilterField("domain", _("Domain"), "Domain slug, e.g. mobility"),
    FilterField("technology", _("Technology"), "Technology slug, e.g. cctv"),
    FilterField("theme", _("Theme"), "Theme slug, e.g. data-governance"),
    FilterField("kind", _("Kind"), "Kind of a cooperation agreement, e.g. mou, loan", size=20),
    FilterField("vendor", _("Vendor"), "Organisation slug of a vendor solution's vendor, e.g. huawei"),
    FilterField("status", _("Status"), "Status of a case study or agreement, e.g. ongoing, signed", size=20),
    FilterField("year", _("Year"), "Start year of a case study, signing year of an agreement", size=100, kind="range"),
]

ENTRY_TEXT = ("summary", "local_names", "organisations", "places", "tags", "body")
RECORD_TEXT = ("summary", "local_names", "places", "body")

DOCUMENT_TYPES = [
    DocumentType(
        name="case_study",
        label=_("Case study"),
        text=(*ENTRY_TEXT, "lessons", "outcomes", "controversies"),
        facets=("type", "country", "city", "domain", "technology", "theme", "status", "year"),
    ),
    DocumentType(
        name="agreement",
        label=_("Cooperation agreement"),
        text=(*ENTRY_TEXT, "outcomes"),
        facets=("type", "country", "kind", "status", "year"),
    ),
    DocumentType(
        name="solution",
        label=_("Vendor solution"),
        text=(*ENTRY_TEXT, "outcomes"),
        facets=("type", "country", "city", "domain", "technology", "vendor"),
    ),
    DocumentType(
        name="lesson",
        label=_("Lesson"),
        text=("summary", "organisations", "places", "tags", "body"),  # body: the lesson in Chinese (CJK analysis)
        facets=("type", "country", "domain", "technology", "theme", "year"),  # the case study's own countries, the lesson's theme
        weight=0.35,  # a lesson repeats its case study's places and partners: the case study and records come first
        suggested=False,
    ),
    DocumentType(name="organisation", label=_("Organisation"), text=RECORD_TEXT, facets=("type", "country"), weight=0.6),
    DocumentType(name="city", label=_("City"), text=RECORD_TEXT, facets=("type", "country", "city"), weight=0.6),
    DocumentType(name="theme", label=_("Theme"), text=("summary", "local_names", "body"), facets=("type", "theme"), weight=0.7),
]

TEXT = {text_field.name: text_field for text_field in TEXT_FIELDS}
FACETS = {filter_field.name: filter_field for filter_field in FILTER_FIELDS}
TYPES = {doc_type.name: doc_type for doc_type in DOCUMENT_TYPES}


def facet_names() -> list[str]:
    """Every facet, in the order pages and the API list them."""
    return list(FACETS)


def keyword_facet_names() -> list[str]:
    """The facets filtered by value (the year is filtered by range)."""
    return [name for name, facet in FACETS.items() if facet.kind == "keyword"]


def suggested_types() -> list[str]:
    return [doc_type.name for doc_type in DOCUMENT_TYPES if doc_type.suggested]


def highlight_fields() -> list[str]:
    return [text_field.name for text_field in TEXT_FIELDS if text_field.highlight]


def suggest_fields() -> list[str]:
    return [text_field.name for text_field in TEXT_FIELDS if text_field.suggest]


def chinese_fields() -> list[str]:
    return [text_field.name for text_field in TEXT_FIELDS if text_field.chinese]


def vocabulary_fields() -> list[str]:
    """The strongly weighted fields, whose words a misspelt query is corrected to."""
    return [text_field.name for text_field in TEXT_FIELDS if text_field.boost >= 2]


def document(doc_type: str, *, source: str, slug: str, title: str, url: str, facets: dict, year=None, sort_date="", **text) -> dict:
    """A search document as both engines index it; text fields the type does not declare are refused."""
    declared = TYPES[doc_type]
    undeclared = (set(text) - set(declared.text)) | (set(facets) - set(declared.facets))
    if undeclared:
        raise ValueError(f"{doc_type} documents declare no field {', '.join(sorted(undeclared))}")
    return {
        "type": doc_type,
        "source": source,
        "slug": slug,
        "title": title,
        "url": url,
        **{name: text.get(name) or "" for name in TEXT if name != "title"},
        "facets": {"type": [doc_type], **facets},
        "year": year,
        "sort_date": sort_date or "",
    }
