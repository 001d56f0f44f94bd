"""Rich text that stays inert however it arrives (admin, import, code, an API): the editor's own whitelist.

Wagtail's Draftail editor can only produce the markup its features allow, but an import file, a script or an
old database row can hold anything. Every rich text value of a `SafeRichTextBlock` therefore passes Wagtail's
whitelister for the block's feature list (`EditorHTMLConverter`, built from the same `register_rich_text_features`
rules as the editor) when it is validated and when it is stored, and once more when it is rendered, so a row
stored before this existed is shown inert as well.
"""

from functools import cache

from django.utils.encoding import force_str
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.rich_text import RichText

# Stored rich text writes entities as <a linktype="page" id="3"> and <embed embedtype="image" id="1"/>; the editor's
# whitelister reads the editor's form of them, with data- attributes.
ENTITY_TYPE_ATTRIBUTES = {"a": "linktype", "embed": "embedtype"}
# The whitelister keeps the text of an element it does not allow; the text of these is code, not prose.
DROPPED_WITH_CONTENT = {"script", "style", "template"}


@cache
def _whitelister(features: tuple[str, ...] | None):
    # Imported here: the converter loads the Page model, which is not ready while models are being imported.
    from wagtail.admin.rich_text.converters.editor_html import DbWhitelister, EditorHTMLConverter

    class StoredHtmlWhitelister(DbWhitelister):
        """The editor's whitelist applied to stored HTML: entities of an allowed feature keep their ids."""

        def clean_tag_node(self, doc, tag):
            if tag.name in DROPPED_WITH_CONTENT:
                tag.decompose()
                return
            if ENTITY_TYPE_ATTRIBUTES.get(tag.name) in tag.attrs:
                # A non-numeric id cannot name a page, document or image; keep no entity attributes at all then.
                tag.attrs = {f"data-{name}": value for name, value in tag.attrs.items()} if str(tag.get("id", "")).isdigit() else {}
            super().clean_tag_node(doc, tag)

    return StoredHtmlWhitelister(EditorHTMLConverter(list(features) if features is not None else None).converter_rules)


def clean_rich_text(html: str, features: list[str] | None = None) -> str:
    """The stored-HTML form of `html` with only what an editor limited to `features` could have written."""
    if not html:
        return ""
    return _whitelister(tuple(features) if features is not None else None).clean(html)


class SafeRichText(RichText):
    """A rich text value that renders only what its block's features allow, whatever its source holds."""

    def __init__(self, source, features: list[str] | None = None):
        super().__init__(source)
        self.features = features

    @cached_property
    def clean_source(self) -> str:
        return clean_rich_text(self.source, self.features)

    def __html__(self):
        return RichText(self.clean_source).__html__()


class SafeRichTextBlock(blocks.RichTextBlock):
    """A `RichTextBlock` whose values are whitelisted when validated, stored, rendered and served by an API."""

    def to_python(self, value):
        # Loading stays cheap (search documents read the text of every body): cleaning waits for rendering.
        return SafeRichText(value, self.features)

    def normalize(self, value):
        if isinstance(value, SafeRichText):
            return value
        return SafeRichText(value.source if isinstance(value, RichText) else value and force_str(value), self.features)

    def value_from_form(self, value):
        return SafeRichText(value, self.features)

    def clean(self, value):
        # Whitelisted first, so a value with nothing allowed left in it is reported as missing.
        return super().clean(SafeRichText(self.normalize(value).clean_source, self.features))

    def get_prep_value(self, value):
        return self.normalize(value).clean_source

    def get_api_representation(self, value, context=None):
        return super().get_api_representation(SafeRichText(self.normalize(value).clean_source, self.features), context)


# Migrations record the block as Wagtail's own RichTextBlock: the stored data and the definition are the same, so
# swapping the class needs no migration (Wagtail reads this name from the block's module, as for its own blocks).
DECONSTRUCT_ALIASES = {SafeRichTextBlock: "wagtail.blocks.RichTextBlock"}
