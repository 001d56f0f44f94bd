"""The editors' admin: one "Catalog" menu with a filterable list per entry type and the shared records.

Organisations, cities and themes keep revisions but no draft state: an edit is live at once (they are
reference data rather than publications), and the history view lists each change with its editor and
compares any two revisions. Entries are pages and get drafts, moderation, revisions and scheduling from Wagtail.
"""

from django.forms import CheckboxSelectMultiple
from django.templatetags.static import static
from django.utils.html import format_html
from django_filters import ModelMultipleChoiceFilter
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import AgreementPage, CaseStudyPage, City, Country, Domain, Organisation, SolutionPage, Technology, Theme
from .translation_report import chinese_filter

# The page title, last update and live/draft status, without the parent column (every entry of a type has the same parent).
ENTRY_COLUMNS = [column for column in PageListingViewSet.columns if column.name != "parent"]


def sorted_column(field: str, label: str, *, choice: bool = False, name: str = "") -> Column:
    """A column of `field` that sorts by it; a choice field shows its label. `name` where the listing has a column named `field` already."""
    return Column(name or field, label=label, accessor=f"get_{field}_display" if choice else field, sort_key=field)


def related_filter(field_name: str, queryset, label: str) -> ModelMultipleChoiceFilter:
    """Filter entries by a related record in a way the search backend accepts.

    The admin listing searches through Wagtail's search backend, which can only filter on
    indexed filter fields; narrowing by page id (indexed on every page) works for any relation.
    """

    def narrow(entries, name, chosen):
        if not chosen:
            return entries
        matching_ids = entries.model.objects.filter(**{f"{name}__in": chosen}).values("id")
        return entries.filter(id__in=matching_ids)

    return ModelMultipleChoiceFilter(field_name=field_name, queryset=queryset, label=label, method=narrow, widget=CheckboxSelectMultiple)


class EntryListingViewSet(PageListingViewSet):
    """An entry type's admin list; the Catalog menu lists them in the order of its items."""

    icon = "doc-full"


class CaseStudyFilterSet(PageListingViewSet.filterset_class):
    countries = related_filter("countries", Country.objects.all(), "Country")
    domains = related_filter("domains", Domain.objects.all(), "Domain")
    themes = related_filter("themes", Theme.objects.all(), "Theme")
    chinese = chinese_filter()

    class Meta:
        model = CaseStudyPage
        fields = ["status"]


class CaseStudyListingViewSet(EntryListingViewSet):
    model = CaseStudyPage
    menu_label = "Case studies"
    columns = ENTRY_COLUMNS + [sorted_column("status", "Project status", choice=True, name="project_status"), sorted_column("start_year", "Start")]
    filterset_class = CaseStudyFilterSet


class AgreementFilterSet(PageListingViewSet.filterset_class):
    party_countries = related_filter("party_countries", Country.objects.all(), "Party country")
    chinese = chinese_filter()

    class Meta:
        model = AgreementPage
        fields = ["kind", "status"]


class AgreementListingViewSet(EntryListingViewSet):
    model = AgreementPage
    menu_label = "Cooperation agreements"
    columns = ENTRY_COLUMNS + [sorted_column("kind", "Kind", choice=True), sorted_column("signed_date", "Signed")]
    filterset_class = AgreementFilterSet


class SolutionFilterSet(PageListingViewSet.filterset_class):
    vendor = related_filter("vendor", Organisation.objects.filter(solutions__isnull=False).distinct(), "Vendor")
    technologies = related_filter("technologies", Technology.objects.all(), "Technology")
    chinese = chinese_filter()

    class Meta:
        model = SolutionPage
        fields = []


class SolutionListingViewSet(EntryListingViewSet):
    model = SolutionPage
    menu_label = "Vendor solutions"
    columns = ENTRY_COLUMNS + [sorted_column("category", "Category")]
    filterset_class = SolutionFilterSet


class RecordViewSet(SnippetViewSet):
    """A shared record's admin list, by name."""

    ordering = ["name"]


class OrganisationViewSet(RecordViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind", "hq_country", "website"]
    list_filter = ["kind", "hq_country"]
    list_export = ["name", "slug", "kind", "hq_country", "website"]


class CityViewSet(RecordViewSet):
    model = City
    icon = "site"
    list_display = ["name", "country", "region", "population", "ascn_pilot"]
    list_filter = ["country", "ascn_pilot"]
    list_export = ["name", "slug", "country", "region", "population", "population_year", "ascn_pilot", "ascn_joined"]


class ThemeViewSet(RecordViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "definition"]


class VocabularyViewSet(RecordViewSet):
    """Domains and technologies: one list for both kinds of term."""

    list_display = ["name", "slug"]


class CountryViewSet(RecordViewSet):
    model = Country
    icon = "globe"
    list_display = ["name", "code", "local_name", "is_asean_member", "asean_joined"]
    list_filter = ["is_asean_member"]


class CatalogViewSetGroup(SnippetViewSetGroup):
    """The "Catalog" admin menu: the entry lists first, then the shared records."""

    menu_label = "Catalog"
    menu_icon = "folder-open-inverse"
    menu_order = 150
    items = (
        CaseStudyListingViewSet("case_study_listing", url_prefix="catalog/case-studies"),
        AgreementListingViewSet("agreement_listing", url_prefix="catalog/agreements"),
        SolutionListingViewSet("solution_listing", url_prefix="catalog/solutions"),
        OrganisationViewSet,
        CityViewSet,
        ThemeViewSet,
        VocabularyViewSet(model=Domain, icon="list-ul"),
        VocabularyViewSet(model=Technology, icon="cogs"),
        CountryViewSet,
    )


register_snippet(CatalogViewSetGroup)


@hooks.register("insert_global_admin_css")
def checkbox_lists_in_columns():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-forms.css"))
