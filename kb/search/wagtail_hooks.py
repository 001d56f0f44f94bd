"""The synonym list, editable by editors in the Wagtail admin (Snippets)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = "Search synonyms"
    list_display = ["terms", "note"]
    search_fields = None


register_snippet(SynonymViewSet)
