from django.urls import path

from .feeds import NewEntriesFeed
from .topics import CountryFeed, ThemeFeed

urlpatterns = [
    path("new/", NewEntriesFeed(), name="feed_new"),
    path("countries/<str:code>/", CountryFeed(), name="feed_country"),
    path("themes/<slug:slug>/", ThemeFeed(), name="feed_theme"),
    path("<slug:kind>/", NewEntriesFeed(), name="feed_type"),
]
