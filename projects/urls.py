from django.urls import path

from . import views

urlpatterns = [
    path("countries/", views.country_list, name="country_list"),
    path("countries/<str:code>/", views.country_profile, name="country_profile"),
    path("cities/", views.city_list, name="city_list"),
    path("cities/<slug:slug>/", views.city_profile, name="city_profile"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<slug:slug>/", views.organisation_profile, name="organisation_profile"),
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/<slug:slug>/", views.theme_profile, name="theme_profile"),
]
