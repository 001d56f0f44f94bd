"""Admin forms for catalog records: the same fields as the models, with clearer messages about sources."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.blocks import BlockField, StreamValue
from wagtail.blocks.stream_block import StreamBlockValidationError

NO_SOURCE_MESSAGE = "Add at least one source (title and URL): an entry cannot be published or sent for review without one."


class SourcesField(BlockField):
    """The sources StreamField, saying why it is required instead of "The minimum number of items is 1".

    Drafts are still saved without sources: Wagtail defers the requirement on draft saves.
    """

    def clean(self, value):
        try:
            return super().clean(value)
        except StreamBlockValidationError as error:
            if error.block_errors or (isinstance(value, StreamValue) and len(value)):
                raise
            raise StreamBlockValidationError(non_block_errors=[ValidationError(NO_SOURCE_MESSAGE, code="no_source")]) from None


class SourcedFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("sources")
        if isinstance(field, BlockField) and not isinstance(field, SourcesField):
            # Same block, widget and options: only the error wording changes.
            self.fields["sources"] = SourcesField(
                block=field.block, required=field.required, label=field.label, help_text=field.help_text, widget=field.widget
            )


class EntryPageForm(SourcedFormMixin, WagtailAdminPageForm):
    """Form for case studies, agreements and solutions: countries list ASEAN members and China first, cities name their country."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("countries", "party_countries"):
            if name in self.fields:
                self.fields[name].queryset = self.fields[name].queryset.asean_and_china_first()
        if "cities" in self.fields:
            cities = self.fields["cities"]
            cities.queryset = cities.queryset.select_related("country")
            cities.label_from_instance = lambda city: f"{city.name} ({city.country.name})"


class SourcedSnippetForm(SourcedFormMixin, WagtailAdminModelForm):
    """Form for organisations, cities and themes."""
