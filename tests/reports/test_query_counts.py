"""Every report page runs a fixed number of queries, whatever the number of
vacancies, applications and hires: the figures are aggregated in the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidates.models import GuaranteedInterview
from tests.factories import VacancyFactory

from .builders import applications, at

pytestmark = pytest.mark.django_db

PAGES = [
    ("reports:time_to_hire", {}),
    ("reports:time_to_hire_csv", {}),
    ("reports:funnel", {}),
    ("reports:equality", {}),
    ("reports:indicators", {"year": "2025"}),
    ("reports:guaranteed_interviews", {"year": "2025"}),
]
PERIOD = {"date_from_day": "1", "date_from_month": "4", "date_from_year": "2025",
          "date_to_day": "31", "date_to_month": "3", "date_to_year": "2026"}


def add_vacancies(trust, vacancies, per_vacancy):
    for n in range(vacancies):
        vacancy = VacancyFactory(organisation=trust, directorate=f"Directorate {n % 3}", closing_at=at(2025, 6, 1),
                                 offers_disability_confident=True)
        rows = applications(
            vacancy, per_vacancy, created_at=at(2025, 5, 1), equality={"sex": "female", "ethnicity": "A"},
            shortlisted_at=at(2025, 6, 5), invited_at=at(2025, 6, 8), preferred_at=at(2025, 6, 20),
            offered_at=at(2025, 6, 21), checks_cleared_at=at(2025, 7, 10),
            unconditional_offered_at=at(2025, 7, 12), appointed_at=at(2025, 7, 13),
        )
        GuaranteedInterview.objects.bulk_create(
            GuaranteedInterview(application=row, requested=True, scheme="disability_confident") for row in rows
        )


def queries(client, name, params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse(name), {**PERIOD, **params})
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(("name", "params"), PAGES)
def test_report_queries_do_not_grow_with_applications(client, recruiter, trust_a, name, params,
                                                      django_assert_max_num_queries):
    client.force_login(recruiter)
    add_vacancies(trust_a, 1, 2)
    few = queries(client, name, params)

    add_vacancies(trust_a, 30, 12)
    with django_assert_max_num_queries(12):
        many = queries(client, name, params)

    assert many == few
