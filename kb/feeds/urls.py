from django.urls import path

from .feeds import NewEntriesFeed

urlpatterns = [
    path("new/", NewEntriesFeed(), name="feed_new"),
    path("<slug:kind>/", NewEntriesFeed(), name="feed_type"),
]
