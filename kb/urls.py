from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from kb.api.api import api
from kb.api.citations import entry_citation
from kb.api.views import data_licence

# The admins, documents, feeds, the API and citations answer at one address whatever the reader's language; the
# pages readers browse also answer under /zh-hans/ in Chinese, English staying at today's addresses.
urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("feeds/", include("kb.feeds.urls")),
    path("api/", api.urls),
    re_path(r"^(?P<path>(?:[\w-]+/)+)cite\.(?P<fmt>bib|ris)$", entry_citation, name="entry_citation"),
]
urlpatterns += i18n_patterns(
    path("search/", include("kb.search.urls")),
    path("compare/", include("kb.compare.urls")),
    path("lessons/", include("kb.lessons.urls")),
    path("licence/", data_licence, name="data_licence"),
    path("", include("projects.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
