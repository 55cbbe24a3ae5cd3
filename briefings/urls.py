from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.views.decorators.http import require_safe
from django.urls import include, path
from django.views.generic import TemplateView

from archive.views.media import uploaded_file
from archive.views.sitemaps import SITEMAPS

handler500 = "archive.web.errors.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "robots.txt",
        require_safe(TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8")),
        name="robots",
    ),
    path(
        "sitemap.xml",
        require_safe(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        require_safe(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    # The files imported from the blog's uploads (archive/views/media.py).
    path("media/<path:name>", uploaded_file, name="media"),
    path("", include("archive.urls")),
]
