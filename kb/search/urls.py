from django.urls import path

from . import views

urlpatterns = [
    path("", views.search_page, name="search"),
    path("export.csv", views.export_csv, name="search_export_csv"),
]
