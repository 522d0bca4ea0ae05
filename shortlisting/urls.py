"""Staff pages for shortlisting packs, under /manage/: namespace "shortlisting"."""

from django.urls import path

from . import views

app_name = "shortlisting"

packs = "vacancies/<reference:reference>/packs/"

urlpatterns = [
    path(packs, views.pack_list, name="pack_list"),
    path(f"{packs}new/", views.pack_create, name="pack_create"),
    path(f"{packs}<id:pk>/", views.pack_detail, name="pack_detail"),
    path(f"{packs}<id:pk>/status/", views.pack_status, name="pack_status"),
    path(f"{packs}<id:pk>/download/", views.pack_download, name="pack_download"),
    path(f"{packs}<id:pk>/try-again/", views.pack_retry, name="pack_retry"),
]

# Panel pages (shortlisting.panel_views): scoring, the overview and decisions.
from . import panel_views  # noqa: E402

applications = "vacancies/<reference:reference>/applications/"

urlpatterns += [
    path(applications, panel_views.application_list, name="application_list"),
    path(f"{applications}<code:code>/", panel_views.application_score, name="application_score"),
    path(
        f"{applications}<code:code>/save-and-next/", panel_views.application_score_next, name="application_score_next"
    ),
]
urlpatterns += [
    path(f"{applications}<code:code>/decision/", panel_views.application_decision, name="application_decision"),
    path(
        f"{applications}<code:code>/moderation/", panel_views.application_moderation, name="application_moderation"
    ),
    path("vacancies/<reference:reference>/overview/", panel_views.panel_overview, name="panel_overview"),
    path("vacancies/<reference:reference>/overview.csv", panel_views.panel_overview_csv, name="panel_overview_csv"),
    path("vacancies/<reference:reference>/complete/", panel_views.complete_shortlisting, name="complete_shortlisting"),
]
urlpatterns += [
    path("vacancies/<reference:reference>/panel/", panel_views.panel_members, name="panel_members"),
    path("vacancies/<reference:reference>/panel/add/", panel_views.panel_member_add, name="panel_member_add"),
    path(
        "vacancies/<reference:reference>/panel/<id:user_id>/remove/",
        panel_views.panel_member_remove,
        name="panel_member_remove",
    ),
]
