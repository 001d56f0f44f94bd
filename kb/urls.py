from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from kb.api.api import api
from kb.api.citations import entry_citation
from kb.api.views import data_licence

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", include("kb.search.urls")),
    path("compare/", include("kb.compare.urls")),
    path("lessons/", include("kb.lessons.urls")),
    path("feeds/", include("kb.feeds.urls")),
    path("api/", api.urls),
    path("licence/", data_licence, name="data_licence"),
    re_path(r"^(?P<path>(?:[\w-]+/)+)cite\.(?P<fmt>bib|ris)$", entry_citation, name="entry_citation"),
    path("", include("projects.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
