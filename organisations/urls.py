"""A trust's own pages, under /manage/trusts/<ods code>/: namespace "organisations"."""

from django.urls import path

from . import views

app_name = "organisations"

emails = "trusts/<ods:ods_code>/emails/"

urlpatterns = [
    path(emails, views.email_template_list, name="email_template_list"),
    path(f"{emails}<emailkey:key>/", views.email_template_edit, name="email_template_edit"),
    path(f"{emails}<emailkey:key>/preview/", views.email_template_preview, name="email_template_preview"),
    path(f"{emails}<emailkey:key>/reset/", views.email_template_reset, name="email_template_reset"),
]
