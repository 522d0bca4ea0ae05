from django.urls import path

from .views import public

app_name = "vacancies"

urlpatterns = [
    path("jobs/<str:reference>/", public.vacancy_detail, name="vacancy_detail"),
]
