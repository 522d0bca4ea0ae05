from django.contrib import admin
from django.urls import include, path

from . import health

urlpatterns = [
    path("", include("vacancies.urls")),
    path("", include("recruitment.pages_urls")),
    path("manage/", include("vacancies.manage_urls")),
    path("accounts/", include("accounts.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

handler404 = "recruitment.errors.page_not_found"
handler403 = "recruitment.errors.permission_denied"
handler500 = "recruitment.errors.server_error"
