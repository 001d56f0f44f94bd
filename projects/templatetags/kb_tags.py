"""Template helpers for the public site: per-type components, dates, money and shareable query strings."""

from decimal import Decimal, InvalidOperation

from django import template
from django.http import QueryDict
from django.utils.http import urlencode

from projects.fields import format_partial_date

register = template.Library()


@register.filter
def card_template(entry) -> str:
    """The card component for an entry's type, so lists never branch on the type themselves."""
    return f"components/cards/{entry.entry_type}.html"


@register.filter
def partial_date(value: str | None) -> str:
    """'2019-11' -> 'November 2019'."""
    return format_partial_date(value)


@register.simple_tag
def money(amount, currency: str = "") -> str:
    """An amount as entered, with thousands separators and its currency: 'USD 1,250,000' or 'CNY 3,500.50'."""
    try:
        value = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    return f"{currency} {text}".strip()


def _query(request) -> QueryDict:
    return request.GET.copy() if request is not None else QueryDict(mutable=True)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced, e.g. {% query_with page=3 %}."""
    query = _query(context.get("request"))
    for key, value in changes.items():
        query[key] = value
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def query_without(context, param: str, value: str) -> str:
    """The current query string minus one filter value, back on the first page."""
    query = _query(context.get("request"))
    query.setlist(param, [item for item in query.getlist(param) if item != value])
    query.pop("page", None)
    return "?" + query.urlencode()


@register.simple_tag
def query_from(**params) -> str:
    """A query string from keyword arguments, skipping empty values: {% query_from country='SG' %}."""
    return "?" + urlencode({key: value for key, value in params.items() if value not in (None, "")})


@register.filter
def fact_rows_template(entry) -> str:
    """The fact-box rows for an entry's type."""
    return f"components/facts/{entry.entry_type}.html"


@register.simple_tag(takes_context=True)
def page_breadcrumbs(context, page) -> list[tuple[str, str | None]]:
    """(label, url) pairs from below the home page down to `page`, the last one without a link."""
    request = context.get("request")
    ancestors = page.get_ancestors().filter(depth__gt=2)
    return [(ancestor.title, ancestor.get_url(request)) for ancestor in ancestors] + [(page.title, None)]


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's absolute URL without its query string, for the cite line."""
    request = context.get("request")
    return request.build_absolute_uri(request.path) if request is not None else ""
