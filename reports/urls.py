from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_index, name="report_index"),
    path("time-to-hire/", views.time_to_hire, name="time_to_hire"),
    path("time-to-hire.csv", views.time_to_hire_csv, name="time_to_hire_csv"),
    path("funnel/", views.funnel, name="funnel"),
    path("equality/", views.equality, name="equality"),
    path("wres-wdes/", views.indicators, name="indicators"),
    path("guaranteed-interviews/", views.guaranteed_interviews, name="guaranteed_interviews"),
]
