"""Template helpers for the public site: per-type components, dates, money, and links to lists and feeds."""

from decimal import Decimal, InvalidOperation

from django import template

from kb.feeds.feeds import feed_url
from kb.links import list_url
from kb.templatetags.bilingual import reader_partial_date
from projects.translation import localized

register = template.Library()


@register.filter
def card_template(entry) -> str:
    """The card component for an entry's type, so lists never branch on the type themselves."""
    return f"components/cards/{entry.entry_type}.html"


@register.filter
def partial_date(value: str | None) -> str:
    """'2019-11' -> 'November 2019', or as the reader's language writes it ('2019年11月')."""
    return reader_partial_date(value)


@register.simple_tag
def money(amount, currency: str = "") -> str:
    """An amount as entered, with thousands separators and its currency: 'USD 1,250,000' or 'CNY 3,500.50'."""
    try:
        value = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    return f"{currency} {text}".strip()


@register.simple_tag(takes_context=True)
def entry_list_url(context, entry_type: str, **filters) -> str:
    """The list of one entry type narrowed by filters: {% entry_list_url "case_study" domain=domain.slug %}."""
    return list_url(entry_type, context.get("request"), **filters)


@register.simple_tag(name="feed_url")
def feed_url_tag(entry_type: str = "") -> str:
    """The Atom feed of new entries of one type, or of every type: {% feed_url page.entry_type %}."""
    return feed_url(entry_type)


@register.filter
def fact_rows_template(entry) -> str:
    """The fact-box rows for an entry's type."""
    return f"components/facts/{entry.entry_type}.html"


@register.simple_tag(takes_context=True)
def page_breadcrumbs(context, page) -> list[tuple[str, str | None]]:
    """(label, url) pairs from below the home page down to `page`, the last one without a link."""
    request = context.get("request")
    ancestors = page.get_ancestors().filter(depth__gt=2)
    crumbs = [(localized(ancestor, "title").text, ancestor.get_url(request)) for ancestor in ancestors]
    return crumbs + [(localized(page.specific, "title").text, None)]


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's absolute URL without its query string, for the cite line."""
    request = context.get("request")
    return request.build_absolute_uri(request.path) if request is not None else ""
