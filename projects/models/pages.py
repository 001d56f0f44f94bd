"""Entries editors publish: case studies, cooperation agreements and vendor solutions, each under an index page."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import BodyBlock
from ..fields import PartialDateField, validate_partial_date
from ..forms import EntryPageForm
from ..validators import validate_currency_code
from .base import SourcedContent, editorial_tab, sources_tab
from .choices import AgreementKind, AgreementStatus, CaseStudyStatus, PartnerRole
from .snippets import City, Organisation
from .taxonomy import Country, Domain, Technology, Theme

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]


def entry_tabs(content: list, *tabs: ObjectList) -> TabbedInterface:
    """The edit form of an entry: content first, the type's own tabs, then sources, editorial, promote and settings."""
    return TabbedInterface(
        [
            ObjectList(Page.content_panels + content + [FieldPanel("local_names")], heading=_("Content")),
            *tabs,
            sources_tab(),
            ObjectList([FieldPanel("title_zh_hans"), FieldPanel("summary_zh_hans")], heading=_("Chinese")),
            editorial_tab(FieldPanel("last_reviewed")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )


class EntryPage(SourcedContent, Page):
    """Abstract base of every published entry: shared fields, editorial panel and search fields."""

    last_reviewed = models.DateField(null=True, blank=True, help_text="When an editor last checked this entry against its sources.")
    title_zh_hans = models.CharField(_("title in Simplified Chinese"), max_length=255, blank=True)
    summary_zh_hans = models.TextField(
        _("summary in Simplified Chinese"),
        blank=True,
        help_text=_("The summary (a case study's summary, an agreement's scope, a solution's description) in Chinese."),
    )

    base_form_class = EntryPageForm
    subpage_types: list[str] = []

    search_fields = (
        Page.search_fields
        + SourcedContent.admin_search_fields
        + [
            index.SearchField("local_names_text", boost=2),
            index.SearchField("title_zh_hans", boost=2),
            index.SearchField("summary_zh_hans"),
            index.SearchField("notes"),
            index.SearchField("sources_text"),
        ]
    )
    entry_type = ""  # the key used by search, exports and the API
    # What lists show under the title (a case study's summary, an agreement's scope, a solution's description), searched
    # in every type with the weight of the title's translations (get_search_fields).
    teaser_field = ""
    # The entries listed at the foot of the page: {context name: (their entry type, their relation that points here)}.
    related_lists: dict[str, tuple[str, str]] = {}

    class Meta:
        abstract = True

    @classmethod
    def index_page(cls) -> Page:
        """The one list page that entries of this type live under (its parent type allows a single page)."""
        (index_model,) = cls.allowed_parent_page_models()
        return index_model.objects.get()

    @classmethod
    def get_search_fields(cls):
        """The declared search fields and the teaser."""
        return [*super().get_search_fields(), index.SearchField(cls.teaser_field, boost=2)]

    @property
    def teaser(self) -> str:
        return getattr(self, self.teaser_field)

    @property
    def teaser_zh_hans(self) -> str:
        return self.summary_zh_hans

    def get_context(self, request, *args, **kwargs):
        """The related entries, by title: only those this reader may see, and none when previewing a page not saved yet."""
        from ..listing import LISTINGS
        from ..visibility import visible_entries

        context = super().get_context(request, *args, **kwargs)
        for name, (entry_type, relation) in self.related_lists.items():
            listing = LISTINGS[entry_type]
            entries = visible_entries(listing.model, request)
            related = entries.filter(**{relation: self}) if self.pk else entries.none()
            context[name] = listing.optimise(related.order_by("title"))
        return context


class CaseStudyPage(EntryPage):
    Status = CaseStudyStatus

    summary = models.TextField(help_text="Two to four sentences: what was built, where, by whom.")
    body = StreamField(BodyBlock(), blank=True)
    countries = ParentalManyToManyField(Country, related_name="case_studies")
    cities = ParentalManyToManyField(City, blank=True, related_name="case_studies")
    domains = ParentalManyToManyField(Domain, blank=True, related_name="case_studies")
    technologies = ParentalManyToManyField(Technology, blank=True, related_name="case_studies")
    themes = ParentalManyToManyField(Theme, blank=True, related_name="case_studies")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ONGOING)
    start_year = models.PositiveSmallIntegerField(null=True, blank=True, validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True, validators=YEAR_VALIDATORS)
    outcomes = models.TextField(blank=True, help_text="Results as reported; label vendor or government claims as claims.")
    controversies = models.TextField("controversies and risks", blank=True)

    template = "pages/case_study_page.html"
    parent_page_types = ["projects.CaseStudyIndexPage"]
    entry_type = "case_study"
    teaser_field = "summary"

    edit_handler = entry_tabs(
        [FieldPanel("summary"), FieldPanel("body")],
        ObjectList(
            [
                FieldPanel("countries", widget=CheckboxSelectMultiple),
                FieldPanel("cities", widget=CheckboxSelectMultiple),
                FieldPanel("domains", widget=CheckboxSelectMultiple),
                FieldPanel("technologies", widget=CheckboxSelectMultiple),
                FieldPanel("themes", widget=CheckboxSelectMultiple),
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
            ],
            heading=_("Places and classification"),
        ),
        ObjectList(
            [
                InlinePanel("partners", label=_("Lead agencies and partners"), heading=_("Who")),
                InlinePanel("funding", label=_("Funding"), heading=_("Funding")),
            ],
            heading=_("Partners and money"),
        ),
        ObjectList(
            [FieldPanel("outcomes"), InlinePanel("lessons", label=_("Lessons"), heading=_("Lessons learned")), FieldPanel("controversies")],
            heading=_("Outcomes and lessons"),
        ),
    )

    search_fields = EntryPage.search_fields + [
        index.SearchField("body"),
        index.SearchField("outcomes"),
        index.SearchField("controversies"),
        index.RelatedFields("lessons", [index.SearchField("text"), index.SearchField("text_zh_hans")]),
        index.FilterField("status"),
        index.FilterField("start_year"),
    ]

    related_lists = {"related_agreements": ("agreement", "related_case_studies"), "related_solutions": ("solution", "deployments")}

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def get_context(self, request, *args, **kwargs):
        """The fact box, besides the related entries."""
        context = super().get_context(request, *args, **kwargs)
        partners = list(self.partners.select_related("organisation"))
        grouped = [(label, [partner for partner in partners if partner.role == role]) for role, label in CaseStudyPartner.Role.choices]
        context["partners_by_role"] = [(label, group) for label, group in grouped if group]
        context["funding_rows"] = self.funding.all()
        context["lesson_rows"] = self.lessons.select_related("theme")
        return context

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": "The end year cannot be before the start year."})


class CaseStudyPartner(Orderable):
    Role = PartnerRole

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="case_study_roles")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PARTNER)

    panels = [FieldPanel("organisation"), FieldPanel("role")]


class CaseStudyFunding(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="funding")
    amount = models.DecimalField(max_digits=18, decimal_places=2, validators=[MinValueValidator(0, message="An amount cannot be negative.")])
    currency = models.CharField(max_length=3, help_text="ISO 4217 code as reported, e.g. USD, CNY, SGD")
    source = models.CharField("source of funds", max_length=255, blank=True)
    note = models.CharField(max_length=500, blank=True)

    panels = [FieldRowPanel([FieldPanel("amount"), FieldPanel("currency")]), FieldPanel("source"), FieldPanel("note")]

    def clean(self):
        super().clean()
        self.currency = (self.currency or "").strip().upper()
        try:
            validate_currency_code(self.currency)
        except ValidationError as error:
            raise ValidationError({"currency": error}) from None


class CaseStudyLesson(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="lessons")
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="lessons")
    text = models.TextField()
    text_zh_hans = models.TextField(_("text in Simplified Chinese"), blank=True)

    panels = [FieldPanel("theme"), FieldPanel("text"), FieldPanel("text_zh_hans")]

    def __str__(self):
        return self.text


class AgreementPage(EntryPage):
    Kind = AgreementKind
    Status = AgreementStatus

    kind = models.CharField(max_length=20, choices=Kind.choices)
    party_countries = ParentalManyToManyField(Country, blank=True, related_name="agreements")
    party_organisations = ParentalManyToManyField(Organisation, blank=True, related_name="agreements")
    signed_date = PartialDateField("signed or adopted", blank=True)
    in_force_date = PartialDateField("in force from", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ADOPTED)
    status_note = models.CharField(max_length=300, blank=True)
    scope = models.TextField(help_text="What the agreement covers, in a few sentences.")
    document_url = models.URLField("document link", blank=True, max_length=1000)
    related_case_studies = ParentalManyToManyField(CaseStudyPage, blank=True, related_name="agreements")

    template = "pages/agreement_page.html"
    parent_page_types = ["projects.AgreementIndexPage"]
    entry_type = "agreement"
    teaser_field = "scope"

    edit_handler = entry_tabs(
        [
            FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
            FieldPanel("status_note"),
            FieldRowPanel([FieldPanel("signed_date"), FieldPanel("in_force_date")]),
            FieldPanel("scope"),
            FieldPanel("document_url"),
        ],
        ObjectList(
            [
                FieldPanel("party_countries", widget=CheckboxSelectMultiple),
                FieldPanel("party_organisations"),
                FieldPanel("related_case_studies"),
            ],
            heading=_("Parties and related case studies"),
        ),
    )

    search_fields = EntryPage.search_fields + [
        index.SearchField("status_note"),
        index.FilterField("kind"),
        index.FilterField("status"),
    ]

    related_lists = {"related_case_studies": ("case_study", "agreements")}

    class Meta:
        verbose_name = _("cooperation agreement")

    @property
    def year(self) -> int | None:
        return int(self.signed_date[:4]) if self.signed_date else None

    def clean(self):
        super().clean()
        # Partial dates compare on the precision both have: 2019 vs 2019-11 is not an error.
        if not (self.signed_date and self.in_force_date):
            return
        try:
            validate_partial_date(self.signed_date)
            validate_partial_date(self.in_force_date)
        except ValidationError:
            return  # the malformed date already has its own message
        precision = min(len(self.signed_date), len(self.in_force_date))
        if self.in_force_date[:precision] < self.signed_date[:precision]:
            raise ValidationError({"in_force_date": "An agreement cannot enter into force before it was signed."})


class SolutionPage(EntryPage):
    vendor = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="solutions")
    category = models.CharField(max_length=150, help_text="e.g. safe city, city brain / IOC, digital identity")
    technologies = ParentalManyToManyField(Technology, blank=True, related_name="solutions")
    domains = ParentalManyToManyField(Domain, blank=True, related_name="solutions")
    description = models.TextField()
    deployments = ParentalManyToManyField(
        CaseStudyPage, blank=True, related_name="solutions", help_text="Case studies where this solution is deployed."
    )

    template = "pages/solution_page.html"
    parent_page_types = ["projects.SolutionIndexPage"]
    entry_type = "solution"
    teaser_field = "description"

    edit_handler = entry_tabs(
        [FieldRowPanel([FieldPanel("vendor"), FieldPanel("category")]), FieldPanel("description")],
        ObjectList(
            [
                FieldPanel("technologies", widget=CheckboxSelectMultiple),
                FieldPanel("domains", widget=CheckboxSelectMultiple),
                FieldPanel("deployments"),
            ],
            heading=_("Classification and deployments"),
        ),
    )

    search_fields = EntryPage.search_fields + [
        index.SearchField("category"),
        index.RelatedFields("vendor", [index.SearchField("name")]),
    ]

    related_lists = {"deployments": ("case_study", "solutions")}

    class Meta:
        verbose_name = _("vendor solution")
