from django.urls import path

from . import views

app_name = "vacancies"

urlpatterns = [
    path("jobs/<str:reference>/", views.vacancy_detail, name="vacancy_detail"),
]
