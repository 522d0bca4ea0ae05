"""The recruitment funnel: of the applications started in the period, how
many reached each stage, and where those who withdrew left."""

import pytest
from django.urls import reverse

from tests.factories import VacancyFactory

from .builders import applications, at

pytestmark = pytest.mark.django_db

PERIOD = {"date_from_day": "1", "date_from_month": "4", "date_from_year": "2025",
          "date_to_day": "30", "date_to_month": "6", "date_to_year": "2025"}


@pytest.fixture
def funnel_cohort(trust_a):
    vacancy = VacancyFactory(organisation=trust_a, title="Ward Sister")
    may = at(2025, 5, 1)
    applications(vacancy, 4, created_at=may, submitted_at=None)  # drafts never sent
    applications(vacancy, 10, created_at=may)  # submitted, still waiting
    applications(vacancy, 2, created_at=may, withdrawn_at=at(2025, 5, 9))
    applications(vacancy, 3, created_at=may, shortlisted_at=at(2025, 6, 1), withdrawn_at=at(2025, 6, 2))
    applications(vacancy, 5, created_at=may, shortlisted_at=at(2025, 6, 1), invited_at=at(2025, 6, 2))
    applications(vacancy, 1, created_at=may, shortlisted_at=at(2025, 6, 1), invited_at=at(2025, 6, 2),
                 preferred_at=at(2025, 6, 9), offered_at=at(2025, 6, 10), withdrawn_at=at(2025, 6, 12))
    applications(vacancy, 1, created_at=may, shortlisted_at=at(2025, 6, 1), invited_at=at(2025, 6, 2),
                 preferred_at=at(2025, 6, 9), offered_at=at(2025, 6, 10), appointed_at=at(2025, 7, 20))
    # Started outside the period: not counted.
    applications(vacancy, 6, created_at=at(2025, 3, 31, 23, 59))
    applications(VacancyFactory(organisation=trust_a, title="Porter"), 2, created_at=may)
    return vacancy


def test_funnel_counts_each_stage_of_the_applications_started_in_the_period(client, recruiter, funnel_cohort):
    client.force_login(recruiter)

    response = client.get(reverse("reports:funnel"), PERIOD)

    assert {row["key"]: row["count"] for row in response.context["stages"]} == {
        "started": 28, "submitted": 24, "shortlisted": 10, "interviewed": 7, "offered": 2, "appointed": 1,
    }
    assert response.context["stages"][2]["percent"] == 36  # 10 of 28


def test_funnel_says_at_which_stage_candidates_withdrew(client, recruiter, funnel_cohort):
    client.force_login(recruiter)

    response = client.get(reverse("reports:funnel"), PERIOD)

    assert response.context["counts"]["withdrawn"] == 6
    assert {row["label"]: row["count"] for row in response.context["withdrawn"]} == {
        "After a conditional offer": 1,
        "After being named the preferred candidate": 0,
        "After an invitation to interview": 0,
        "After being shortlisted": 3,
        "After submitting, before shortlisting": 2,
    }


def test_funnel_shows_each_vacancy_with_its_own_counts(client, recruiter, funnel_cohort):
    client.force_login(recruiter)

    response = client.get(reverse("reports:funnel"), PERIOD)

    rows = {vacancy.title: [row["count"] for row in stages] for vacancy, stages, _c in response.context["vacancy_rows"]}
    assert rows == {"Ward Sister": [26, 22, 10, 7, 2, 1], "Porter": [2, 2, 0, 0, 0, 0]}
    page = response.content.decode()
    assert 'id="funnel-chart-title"' in page and 'id="funnel-table"' in page
