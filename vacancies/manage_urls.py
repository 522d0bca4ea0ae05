"""Staff pages under /manage/: namespace "manage"."""

from django.urls import path  # noqa: F401

app_name = "manage"

urlpatterns = []
