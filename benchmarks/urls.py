"""The site's URLs plus the stock Wagtail search peer, for the benchmark only (benchmarks.settings selects it)."""

from django.urls import include, path

from .stock_search import stock_search

urlpatterns = [
    path("stock-wagtail-search/", stock_search, name="stock_wagtail_search"),
    path("", include("kb.urls")),
]
