"""StreamField blocks shared by every catalog entry: sources, local names and body content."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .fields import validate_partial_date
from .richtext import SafeRichTextBlock

LANGUAGE_CHOICES = [
    ("zh-Hans", _("Chinese (Simplified)")),
    ("zh-Hant", _("Chinese (Traditional)")),
    ("th", _("Thai")),
    ("vi", _("Vietnamese")),
    ("km", _("Khmer")),
    ("lo", _("Lao")),
    ("my", _("Burmese")),
    ("ms", _("Malay")),
    ("ms-Arab", _("Malay (Jawi)")),
    ("id", _("Indonesian")),
    ("fil", _("Filipino")),
    ("ceb", _("Cebuano")),
    ("ta", _("Tamil")),
    ("tet", _("Tetum")),
    ("pt", _("Portuguese")),
    ("ja", _("Japanese")),
    ("ko", _("Korean")),
    ("en", _("English")),
]
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


class PartialDateBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("help_text", "YYYY, YYYY-MM or YYYY-MM-DD")
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value:
            validate_partial_date(value)
        return value


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=400)
    url = blocks.URLBlock(label="URL", max_length=1000)
    publisher = blocks.CharBlock(max_length=200, required=False)
    published = PartialDateBlock(required=False, label="Date published")
    accessed = PartialDateBlock(required=False, label="Date accessed")

    class Meta:
        icon = "link"
        label = "Source"
        template = "components/streamfield/source.html"

    def clean(self, value):
        value = super().clean(value)
        if value.get("published") and value.get("accessed") and value["accessed"] < value["published"]:
            raise blocks.StructBlockValidationError(
                block_errors={"accessed": ValidationError("A source cannot be accessed before it was published.")}
            )
        return value


class LocalNameBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(choices=LANGUAGE_CHOICES)
    name = blocks.CharBlock(max_length=255)

    class Meta:
        icon = "globe"
        label = "Local name"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(max_length=200, template="components/streamfield/heading.html")
    paragraph = SafeRichTextBlock(features=["bold", "italic", "link", "ol", "ul"])
    quote = blocks.BlockQuoteBlock()

    class Meta:
        template = "components/streamfield/body.html"
