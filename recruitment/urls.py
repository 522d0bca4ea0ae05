from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from vacancies.sitemaps import SITEMAPS, sitemap_index

from . import health

urlpatterns = [
    path("", include("vacancies.urls")),
    path("", include("recruitment.pages_urls")),
    path("manage/", include("vacancies.manage_urls")),
    path("manage/", include("shortlisting.urls")),
    path("manage/", include("organisations.urls")),
    path("applications/", include("candidates.urls")),
    # /manage/vacancies/<reference>/interviews/ and /applications/<id>/interview/.
    path("", include("interviews.urls")),
    # /manage/vacancies/<reference>/offers/, /applications/<id>/offer/ and /references/<id>/.
    path("", include("offers.urls")),
    path("manage/reports/", include("reports.urls")),
    path("accounts/", include("accounts.urls")),
    path("alerts/", include("alerts.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("sitemap.xml", sitemap_index, name="sitemap_index"),
    path("sitemap-<word:section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("admin/", admin.site.urls),
]

handler404 = "recruitment.errors.page_not_found"
handler403 = "recruitment.errors.permission_denied"
handler500 = "recruitment.errors.server_error"
