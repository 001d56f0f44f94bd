from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def citation_url(context, entry, fmt: str) -> str:
    """Where `entry`'s citation downloads: its own address followed by cite.bib or cite.ris."""
    parts = entry.get_url_parts(context.get("request"))
    return reverse("entry_citation", kwargs={"path": parts[2].lstrip("/"), "fmt": fmt}) if parts else ""
