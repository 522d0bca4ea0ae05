"""The candidate's pages: namespace "candidates", under /applications/."""

from django.urls import path

from . import views

app_name = "candidates"

urlpatterns = [
    path("", views.application_list, name="application_list"),
    path("start/<str:reference>/", views.application_start, name="application_start"),
    path("<int:application_id>/", views.application_detail, name="application_detail"),
    path("<int:application_id>/personal-details/", views.personal_details_edit, name="personal_details_edit"),
    path("<int:application_id>/right-to-work/", views.right_to_work_edit, name="right_to_work_edit"),
    path("<int:application_id>/employment-history/", views.employment_history, name="employment_history"),
    path("<int:application_id>/employment-history/add/", views.employment_add, name="employment_add"),
    path(
        "<int:application_id>/employment-history/<int:employment_id>/",
        views.employment_change,
        name="employment_change",
    ),
    path(
        "<int:application_id>/employment-history/<int:employment_id>/remove/",
        views.employment_remove,
        name="employment_remove",
    ),
    path("<int:application_id>/qualifications/", views.qualifications, name="qualifications"),
    path("<int:application_id>/qualifications/add/", views.qualification_add, name="qualification_add"),
    path(
        "<int:application_id>/qualifications/<int:qualification_id>/",
        views.qualification_change,
        name="qualification_change",
    ),
    path(
        "<int:application_id>/qualifications/<int:qualification_id>/remove/",
        views.qualification_remove,
        name="qualification_remove",
    ),
    path(
        "<int:application_id>/supporting-information/",
        views.supporting_information_edit,
        name="supporting_information_edit",
    ),
    path("<int:application_id>/references/", views.referees, name="referees"),
    path("<int:application_id>/references/add/", views.referee_add, name="referee_add"),
    path("<int:application_id>/references/<int:referee_id>/", views.referee_change, name="referee_change"),
    path("<int:application_id>/references/<int:referee_id>/remove/", views.referee_remove, name="referee_remove"),
    path("<int:application_id>/declarations/", views.declarations_edit, name="declarations_edit"),
    path("<int:application_id>/adjustments/", views.adjustments_edit, name="adjustments_edit"),
    path(
        "<int:application_id>/guaranteed-interview/",
        views.guaranteed_interview_edit,
        name="guaranteed_interview_edit",
    ),
    path(
        "<int:application_id>/equality-monitoring/",
        views.equality_monitoring_edit,
        name="equality_monitoring_edit",
    ),
    path("<int:application_id>/check-your-answers/", views.application_review, name="application_review"),
    path("<int:application_id>/submit/", views.application_submit, name="application_submit"),
    path("<int:application_id>/submitted/", views.application_confirmation, name="application_confirmation"),
    path("<int:application_id>/withdraw/", views.application_withdraw, name="application_withdraw"),
]
