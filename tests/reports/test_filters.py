"""The filters: dates typed wrongly get a message beside the field and in the
error summary, keep what was typed, and never a 500."""

import pytest
from django.urls import reverse

from reports.suppression import suppress_columns
from tests.factories import VacancyFactory

from .builders import applications, at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["reports:time_to_hire", "reports:funnel", "reports:equality"])
def test_an_impossible_date_is_refused_beside_the_field(client, recruiter, name):
    client.force_login(recruiter)

    response = client.get(reverse(name), {"date_from_day": "31", "date_from_month": "2", "date_from_year": "2025"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert page.count("Enter a real date") == 2  # the summary and beside the field
    assert 'value="31"' in page  # what was typed is kept


def test_an_end_before_the_start_is_refused(client, recruiter):
    client.force_login(recruiter)

    response = client.get(reverse("reports:funnel"), {
        "date_from_day": "1", "date_from_month": "6", "date_from_year": "2025",
        "date_to_day": "1", "date_to_month": "5", "date_to_year": "2025",
    })

    assert response.context["form"].errors == {"date_to": ["The end date must be the same as or after the start date"]}
    assert "stages" not in response.context


def test_a_csv_asked_with_a_bad_date_gets_the_page_with_the_error(client, recruiter):
    client.force_login(recruiter)

    response = client.get(reverse("reports:time_to_hire_csv"), {"date_to_year": "25"})

    assert response["Content-Type"].startswith("text/html")
    assert "The date must include a day and month" in response.content.decode()


def test_filters_narrow_by_directorate_and_staff_group(client, recruiter, trust_a):
    may = at(2025, 5, 1)
    applications(VacancyFactory(organisation=trust_a, directorate="Surgery", staff_group="nursing_midwifery"), 5,
                 created_at=may)
    applications(VacancyFactory(organisation=trust_a, directorate="Surgery", staff_group="administrative_clerical"),
                 3, created_at=may)
    applications(VacancyFactory(organisation=trust_a, directorate="Medicine"), 7, created_at=may)
    client.force_login(recruiter)
    dates = {"date_from_day": "1", "date_from_month": "4", "date_from_year": "2025",
             "date_to_day": "1", "date_to_month": "6", "date_to_year": "2025"}

    surgery = client.get(reverse("reports:funnel"), {**dates, "directorate": "Surgery"})
    nurses = client.get(reverse("reports:funnel"), {**dates, "directorate": "Surgery",
                                                    "staff_group": "nursing_midwifery"})
    unknown = client.get(reverse("reports:funnel"), {**dates, "directorate": "Nowhere"})

    assert surgery.context["counts"]["started"] == 8
    assert nurses.context["counts"]["started"] == 5
    assert "Select a valid choice" in unknown.content.decode()


def test_suppression_hides_the_next_smallest_cell_only_when_one_cell_is_small():
    two_small, two_totals = suppress_columns([{"n": 4}, {"n": 6}, {"n": 30}], ["n"])
    one_small, one_totals = suppress_columns([{"n": 4}, {"n": 12}, {"n": 30}], ["n"])
    none_small, none_totals = suppress_columns([{"n": 10}, {"n": 12}], ["n"])

    assert [cell["n"].value for cell in two_small] == [None, None, 30]
    assert two_totals["n"].value is None
    assert [cell["n"].value for cell in one_small] == [None, None, 30]
    assert one_small[1]["n"].hidden and not one_small[1]["n"].fewer_than_threshold
    assert [cell["n"].value for cell in none_small] == [10, 12]
    assert none_totals["n"].value == 22
