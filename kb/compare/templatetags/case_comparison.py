"""{% add_to_comparison entry %}: a link that adds a case study to the comparison named in the current address."""

from django import template

from ..cases import MAX_CASES, chosen_slugs, comparison_url

register = template.Library()


@register.inclusion_tag("components/add_to_comparison.html", takes_context=True)
def add_to_comparison(context, entry) -> dict:
    request = context.get("request")
    chosen = chosen_slugs(request.GET) if request is not None else []
    return {
        "entry": entry,
        "chosen": entry.slug in chosen,
        "full": len(chosen) >= MAX_CASES,
        "url": comparison_url(chosen if entry.slug in chosen or len(chosen) >= MAX_CASES else [*chosen, entry.slug]),
        "others": len([slug for slug in chosen if slug != entry.slug]),
    }
