"""Time to hire: vacancies stepped through every stage on set days (time-machine),
through the services that really move them, give the expected days per stage,
median and 90th percentile, on PostgreSQL (percentile_cont) and SQLite alike."""

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from candidates.models import Application
from candidates.services import change_application_status
from tests.factories import ApplicationFactory, VacancyFactory
from vacancies.models import Vacancy
from vacancies.services import change_vacancy_status

from .builders import at

pytestmark = pytest.mark.django_db

VStatus = Vacancy.Status
AStatus = Application.Status
JUNE_2025 = {"date_from_day": "1", "date_from_month": "6", "date_from_year": "2025",
             "date_to_day": "31", "date_to_month": "12", "date_to_year": "2025"}


def step(when, move, **kwargs):
    with time_machine.travel(when, tick=False):
        return move(**kwargs)


def hire_through_every_stage(trust, actor, *, start, approval, advert, shortlisting, interview, offer, checks,
                             unconditional, start_after, directorate="Medicine"):
    """Step a new vacancy and one candidate through every stage, the given
    whole days apart, from `start` (an aware time). Returns the application."""
    vacancy = VacancyFactory(organisation=trust, status=VStatus.DRAFT, directorate=directorate)
    when = start
    vacancy_moves = [
        (0, VStatus.AWAITING_APPROVAL), (approval, VStatus.APPROVED), (1, VStatus.PUBLISHED),
    ]
    for days, to_status in vacancy_moves:
        when += datetime.timedelta(days=days)
        step(when, change_vacancy_status, vacancy_id=vacancy.pk, to_status=to_status, actor=actor)
    published = when
    with time_machine.travel(published + datetime.timedelta(days=1), tick=False):
        application = ApplicationFactory(vacancy=vacancy, anonymous_number=1)
    when += datetime.timedelta(days=advert)
    step(when, change_vacancy_status, vacancy_id=vacancy.pk, to_status=VStatus.CLOSED)
    step(when + datetime.timedelta(days=1), change_vacancy_status, vacancy_id=vacancy.pk,
         to_status=VStatus.SHORTLISTING, actor=actor)
    when += datetime.timedelta(days=shortlisting)
    step(when, change_vacancy_status, vacancy_id=vacancy.pk, to_status=VStatus.INTERVIEWING, actor=actor)
    step(when, change_application_status, application_id=application.pk, to_status=AStatus.SHORTLISTED, actor=actor)
    step(when + datetime.timedelta(days=1), change_application_status, application_id=application.pk,
         to_status=AStatus.INVITED_TO_INTERVIEW, actor=actor)
    when += datetime.timedelta(days=interview)
    step(when, change_application_status, application_id=application.pk, to_status=AStatus.PREFERRED, actor=actor)
    when += datetime.timedelta(days=offer)
    step(when, change_application_status, application_id=application.pk, to_status=AStatus.OFFERED, actor=actor)
    # The offers app records the checks and the unconditional offer on the row.
    when += datetime.timedelta(days=checks)
    Application.objects.filter(pk=application.pk).update(checks_cleared_at=when)
    when += datetime.timedelta(days=unconditional)
    start_date = when.date() + datetime.timedelta(days=start_after)
    Application.objects.filter(pk=application.pk).update(unconditional_offered_at=when, start_date=start_date)
    step(when + datetime.timedelta(days=2), change_application_status, application_id=application.pk,
         to_status=AStatus.APPOINTED, actor=actor)
    return application


@pytest.fixture
def three_hires(trust_a, recruiter):
    """Headlines (approval to unconditional offer) of 54, 70 and 40 days."""
    first = hire_through_every_stage(
        trust_a, recruiter, start=at(2025, 6, 2, 10), approval=3, advert=14, shortlisting=7, interview=7, offer=2,
        checks=21, unconditional=2, start_after=28,
    )
    second = hire_through_every_stage(
        trust_a, recruiter, start=at(2025, 6, 9, 9), approval=5, advert=21, shortlisting=10, interview=14, offer=1,
        checks=20, unconditional=3, start_after=30, directorate="Surgery",
    )
    third = hire_through_every_stage(
        trust_a, recruiter, start=at(2025, 7, 1, 9), approval=1, advert=10, shortlisting=5, interview=6, offer=1,
        checks=16, unconditional=1, start_after=14, directorate="Surgery",
    )
    return first, second, third


def test_time_to_hire_counts_the_days_in_every_stage_of_one_hire(client, recruiter, three_hires):
    client.force_login(recruiter)

    response = client.get(reverse("reports:time_to_hire"), JUNE_2025)

    rows = {hire.pk: (days, headline) for hire, days, headline in response.context["hires"]}
    # approval, advert, shortlisting, interview, conditional offer, checks, unconditional offer, start
    assert rows[three_hires[0].pk] == ([3.0, 14.0, 7.0, 7.0, 2.0, 21.0, 2.0, 28.0], 54.0)
    assert rows[three_hires[1].pk] == ([5.0, 21.0, 10.0, 14.0, 1.0, 20.0, 3.0, 30.0], 70.0)
    assert rows[three_hires[2].pk] == ([1.0, 10.0, 5.0, 6.0, 1.0, 16.0, 1.0, 14.0], 40.0)


def test_time_to_hire_gives_the_median_and_90th_percentile_against_the_target(client, recruiter, three_hires):
    client.force_login(recruiter)

    total = client.get(reverse("reports:time_to_hire"), JUNE_2025).context["summary"]["total"]

    assert total["count"] == 3
    assert total["headline_median"] == 54.0
    # percentile_cont: position 0.9 × 2 = 1.8 between 54 and 70: 54 + 0.8 × 16
    assert total["headline_p90"] == 66.8
    assert total["within_target"] == 2  # 54 and 40 days; 70 is over 56
    assert total["stages"] == [3.0, 14.0, 7.0, 7.0, 1.0, 20.0, 2.0, 28.0]


def test_time_to_hire_totals_by_directorate_and_month(client, recruiter, three_hires):
    client.force_login(recruiter)

    by_directorate = client.get(reverse("reports:time_to_hire"), {**JUNE_2025, "group_by": "directorate"})
    by_month = client.get(reverse("reports:time_to_hire"), {**JUNE_2025, "group_by": "month"})

    directorates = {g["name"]: (g["count"], g["headline_median"], g["headline_p90"])
                    for g in by_directorate.context["groups"]}
    assert directorates == {"Medicine": (1, 54.0, 54.0), "Surgery": (2, 55.0, 67.0)}
    months = {g["name"]: g["count"] for g in by_month.context["groups"]}
    # Unconditional offers: 29 July, 23 August and 11 August.
    assert months == {"July 2025": 1, "August 2025": 2}


def test_time_to_hire_counts_hires_in_the_period_of_their_unconditional_offer(client, recruiter, three_hires):
    client.force_login(recruiter)
    only_july = {"date_from_day": "1", "date_from_month": "7", "date_from_year": "2025",
                 "date_to_day": "31", "date_to_month": "7", "date_to_year": "2025"}

    total = client.get(reverse("reports:time_to_hire"), only_july).context["summary"]["total"]

    assert total["count"] == 1
    assert total["headline_median"] == 54.0


def test_time_to_hire_page_writes_each_stage_definition(client, recruiter):
    client.force_login(recruiter)

    page = client.get(reverse("reports:time_to_hire")).content.decode()

    assert "From the vacancy first being sent for approval to its approval" in page
    assert "From the conditional offer to every pre-employment check being cleared." in page
    assert "From the vacancy being approved to the unconditional offer" in page


def test_time_to_hire_csv_has_one_row_per_appointment_with_its_stage_dates(client, recruiter, three_hires):
    client.force_login(recruiter)
    Vacancy.objects.filter(pk=three_hires[0].vacancy_id).update(title="=HYPERLINK(\"http://example.org\")")

    response = client.get(reverse("reports:time_to_hire_csv"), JUNE_2025)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Trust", "ODS code", "Vacancy reference", "Job title"]
    assert len(rows) == 4
    first = rows[1]
    assert first[3] == "'=HYPERLINK(\"http://example.org\")"  # never a formula in a spreadsheet
    assert first[8:18] == [
        "2025-06-02", "2025-06-05", "2025-06-06", "2025-06-20", "2025-06-27", "2025-07-04", "2025-07-06",
        "2025-07-27", "2025-07-29", "2025-08-26",
    ]
    assert first[18:] == ["54.0", "Yes"]
    assert [row[18:] for row in rows[2:]] == [["40.0", "Yes"], ["70.0", "No"]]  # by unconditional offer
