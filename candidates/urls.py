"""The candidate's pages: namespace "candidates", under /applications/."""

from django.urls import path

from . import views

app_name = "candidates"

urlpatterns = [
    path("", views.application_list, name="application_list"),
    path("start/<reference:reference>/", views.application_start, name="application_start"),
    path("<id:application_id>/", views.application_detail, name="application_detail"),
    path("<id:application_id>/personal-details/", views.personal_details_edit, name="personal_details_edit"),
    path("<id:application_id>/right-to-work/", views.right_to_work_edit, name="right_to_work_edit"),
    path("<id:application_id>/employment-history/", views.employment_history, name="employment_history"),
    path("<id:application_id>/employment-history/add/", views.employment_add, name="employment_add"),
    path(
        "<id:application_id>/employment-history/<id:employment_id>/",
        views.employment_change,
        name="employment_change",
    ),
    path(
        "<id:application_id>/employment-history/<id:employment_id>/remove/",
        views.employment_remove,
        name="employment_remove",
    ),
    path("<id:application_id>/qualifications/", views.qualifications, name="qualifications"),
    path("<id:application_id>/qualifications/add/", views.qualification_add, name="qualification_add"),
    path(
        "<id:application_id>/qualifications/<id:qualification_id>/",
        views.qualification_change,
        name="qualification_change",
    ),
    path(
        "<id:application_id>/qualifications/<id:qualification_id>/remove/",
        views.qualification_remove,
        name="qualification_remove",
    ),
    path(
        "<id:application_id>/supporting-information/",
        views.supporting_information_edit,
        name="supporting_information_edit",
    ),
    path("<id:application_id>/references/", views.referees, name="referees"),
    path("<id:application_id>/references/add/", views.referee_add, name="referee_add"),
    path("<id:application_id>/references/<id:referee_id>/", views.referee_change, name="referee_change"),
    path("<id:application_id>/references/<id:referee_id>/remove/", views.referee_remove, name="referee_remove"),
    path("<id:application_id>/declarations/", views.declarations_edit, name="declarations_edit"),
    path("<id:application_id>/adjustments/", views.adjustments_edit, name="adjustments_edit"),
    path(
        "<id:application_id>/guaranteed-interview/",
        views.guaranteed_interview_edit,
        name="guaranteed_interview_edit",
    ),
    path(
        "<id:application_id>/equality-monitoring/",
        views.equality_monitoring_edit,
        name="equality_monitoring_edit",
    ),
    path("<id:application_id>/check-your-answers/", views.application_review, name="application_review"),
    path("<id:application_id>/submit/", views.application_submit, name="application_submit"),
    path("<id:application_id>/submitted/", views.application_confirmation, name="application_confirmation"),
    path("<id:application_id>/withdraw/", views.application_withdraw, name="application_withdraw"),
]
