from django.urls import path

from . import views

urlpatterns = [
    path("search/", views.api_search, name="api_search"),
    path("search/suggest/", views.api_suggest, name="api_search_suggest"),
    path("schema/", views.api_schema, name="api_schema"),
]
