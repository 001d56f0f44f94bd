from django.urls import path
from django.views.decorators.http import require_GET

from kb.api.downloads import search_csv

from . import views

urlpatterns = [
    path("", views.search_page, name="search"),
    path("export.csv", require_GET(search_csv), name="search_export_csv"),  # the old address of /search/?format=csv
]
