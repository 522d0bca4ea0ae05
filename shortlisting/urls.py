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

# Panel pages (shortlisting.panel_views): scoring, the overview and decisions.
from . import panel_views  # noqa: E402

applications = "vacancies/<str:reference>/applications/"

urlpatterns += [
    path(applications, panel_views.application_list, name="application_list"),
    path(f"{applications}<str:code>/", panel_views.application_score, name="application_score"),
]
urlpatterns += [
    path(f"{applications}<str:code>/decision/", panel_views.application_decision, name="application_decision"),
    path("vacancies/<str:reference>/overview/", panel_views.panel_overview, name="panel_overview"),
    path("vacancies/<str:reference>/overview.csv", panel_views.panel_overview_csv, name="panel_overview_csv"),
    path("vacancies/<str:reference>/complete/", panel_views.complete_shortlisting, name="complete_shortlisting"),
]
urlpatterns += [
    path("vacancies/<str:reference>/panel/", panel_views.panel_members, name="panel_members"),
    path("vacancies/<str:reference>/panel/add/", panel_views.panel_member_add, name="panel_member_add"),
    path(
        "vacancies/<str:reference>/panel/<int:user_id>/remove/",
        panel_views.panel_member_remove,
        name="panel_member_remove",
    ),
]
