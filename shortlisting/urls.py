"""Staff pages for shortlisting packs, under /manage/: namespace "shortlisting"."""

from django.urls import path

from . import views

app_name = "shortlisting"

packs = "vacancies/<str:reference>/packs/"

urlpatterns = [
    path(packs, views.pack_list, name="pack_list"),
    path(f"{packs}new/", views.pack_create, name="pack_create"),
    path(f"{packs}<int:pk>/", views.pack_detail, name="pack_detail"),
    path(f"{packs}<int:pk>/status/", views.pack_status, name="pack_status"),
    path(f"{packs}<int:pk>/download/", views.pack_download, name="pack_download"),
    path(f"{packs}<int:pk>/try-again/", views.pack_retry, name="pack_retry"),
]
