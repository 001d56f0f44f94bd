from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import override

register = template.Library()


@register.simple_tag(takes_context=True)
def citation_url(context, entry, fmt: str) -> str:
    """Where `entry`'s citation downloads: its own address followed by cite.bib or cite.ris."""
    with override(settings.LANGUAGE_CODE):  # one citation address whatever the page's language
        parts = entry.get_url_parts(context.get("request"))
    return reverse("entry_citation", kwargs={"path": parts[2].lstrip("/"), "fmt": fmt}) if parts else ""
