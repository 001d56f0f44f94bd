from django.urls import path

from . import views

urlpatterns = [
    path("", views.compare_countries_page, name="compare_countries"),
    path("cases/", views.compare_cases_page, name="compare_cases"),
]
