"""The site's URLs plus the stock Wagtail search peer, for the benchmark only (benchmarks.settings selects it).

The site's patterns are taken as they are rather than included: they hold i18n_patterns, which Django allows only
in a root URLconf."""

from django.urls import path

from kb.urls import urlpatterns as site_urlpatterns

from .stock_search import stock_search

urlpatterns = [path("stock-wagtail-search/", stock_search, name="stock_wagtail_search"), *site_urlpatterns]
