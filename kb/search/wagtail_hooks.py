"""The search vocabulary, editable in the Wagtail admin: the synonym list and the bilingual glossary, side by side
under one menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import GlossaryTerm, Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = _("Search synonyms")
    list_display = ["terms", "note"]
    search_fields = None


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "openquote"
    menu_label = _("Bilingual glossary")
    list_display = ["english", "chinese", "kind"]
    list_filter = ["kind"]
    search_fields = ["english", "chinese", "note"]
    search_backend_name = None  # the database's own matching: a few hundred short rows, kept out of the search index


class SearchVocabularyGroup(SnippetViewSetGroup):
    items = (SynonymViewSet, GlossaryTermViewSet)
    menu_icon = "search"
    menu_label = _("Search vocabulary")
    menu_name = "search-vocabulary"


register_snippet(SearchVocabularyGroup)
