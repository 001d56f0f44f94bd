from django.urls import path

from . import views

urlpatterns = [path("", views.lesson_hub_page, name="lessons")]
