"""Query parameters every list shares, and one page of a list with its total and links to its neighbours."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Schema
from pydantic import Field

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000


class PageParams(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="A page past the last one has no results")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)

    def narrow(self, rows: QuerySet) -> QuerySet:
        """The rows that a list's other parameters leave: here, all of them."""
        return rows


def _link(request: HttpRequest, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def paged(request: HttpRequest, items, total: int, page: int, page_size: int) -> dict:
    """The fields of a ListPage for `items` (a queryset or list of `total` rows), as far as `page` reaches."""
    pages = max(1, -(-total // page_size))
    offset = (page - 1) * page_size
    return {
        "total": total,
        "page": page,
        "page_size": page_size,
        "pages": pages,
        "next": _link(request, page + 1) if page < pages else None,
        "previous": _link(request, min(page - 1, pages)) if page > 1 else None,
        "results": list(items[offset : offset + page_size]) if offset < total else [],
    }
