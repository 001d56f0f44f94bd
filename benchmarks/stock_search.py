"""Stock Wagtail search, as Wagtail's project template writes it (wagtail/project_template/search/views.py), with
20 results and public pages only: the peer our search page is compared with. Served only by the benchmark."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

RESULTS_PER_PAGE = 20


def stock_search(request):
    search_query = request.GET.get("query", None)
    page = request.GET.get("page", 1)
    search_results = Page.objects.live().public().search(search_query) if search_query else Page.objects.none()
    paginator = Paginator(search_results, RESULTS_PER_PAGE)
    try:
        search_results = paginator.page(page)
    except PageNotAnInteger:
        search_results = paginator.page(1)
    except EmptyPage:
        search_results = paginator.page(paginator.num_pages)
    return TemplateResponse(request, "benchmarks/stock_search.html", {"search_query": search_query, "search_results": search_results})
