from django.urls import path

from . import feeds
from .views import public

app_name = "vacancies"

urlpatterns = [
    path("", public.home, name="home"),
    path("jobs/", public.vacancy_search, name="search"),
    # Before jobs/<reference>/, which would take "feed" for a reference.
    path("jobs/feed/", feeds.NewVacanciesFeed(), name="vacancy_feed"),
    path("trusts/<ods:ods_code>/jobs/feed/", feeds.TrustVacanciesFeed(), name="trust_vacancy_feed"),
    path("jobs/<reference:reference>/", public.vacancy_detail, name="vacancy_detail"),
]
