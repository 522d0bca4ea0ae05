"""Employment history: jobs with dates in order and not in the future; gaps of
more than 3 months in the last 3 years explained before the section is complete."""

import datetime

import pytest
import time_machine

from candidates.models import Employment, EmploymentHistory, Section, SectionProgress

TODAY = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)

JOB = {
    "employer": "Kidderminster Hospital",
    "job_title": "Healthcare Assistant",
    "started_on_day": "1", "started_on_month": "9", "started_on_year": "2018",
    "ended_on_day": "31", "ended_on_month": "8", "ended_on_year": "2020",
    "reason_for_leaving": "Started nurse training",
}
CURRENT_JOB = {
    "employer": "Worcestershire Royal Hospital",
    "job_title": "Staff Nurse",
    "started_on_day": "1", "started_on_month": "9", "started_on_year": "2023",
    "is_current": "on",
}


def add_job(client, application, data):
    return client.post(f"/applications/{application.pk}/employment-history/add/", data)


@time_machine.travel(TODAY, tick=False)
def test_employment_add_saves_a_job_and_returns_to_the_list(candidate_client, draft):
    response = add_job(candidate_client, draft, JOB)

    assert response["Location"] == f"/applications/{draft.pk}/employment-history/"
    job = Employment.objects.get(application=draft)
    assert (job.employer, job.started_on, job.ended_on, job.is_current) == (
        "Kidderminster Hospital", datetime.date(2018, 9, 1), datetime.date(2020, 8, 31), False,
    )


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ended_on_year": "2017"}, "The date you left must be the same as or after the date you started"),
        ({"started_on_year": "2027", "ended_on_year": "2028"}, "The date you started must be today or in the past"),
        ({"ended_on_day": "3", "ended_on_month": "3", "ended_on_year": "2026"}, "The date you left must be today or in the past"),
        ({"ended_on_day": "", "ended_on_month": "", "ended_on_year": ""}, "Enter the date you left this job, or tick that it is your current job"),
        ({"is_current": "on"}, "Leave the date you left empty if this is your current job"),
        ({"reason_for_leaving": ""}, "Enter why you left this job"),
        ({"started_on_day": "31", "started_on_month": "2"}, "Enter a real date"),
        ({"started_on_year": "18"}, "Year must include 4 numbers"),
        ({"started_on_month": ""}, "The date must include a month"),
        ({"started_on_day": "", "started_on_month": "", "started_on_year": ""}, "Enter the date you started this job"),
        ({"employer": ""}, "Enter the name of the employer"),
        ({"job_title": "x" * 201}, "Job title must be 200 characters or fewer"),
    ],
)
def test_employment_add_explains_what_to_fix(candidate_client, draft, changes, message):
    response = add_job(candidate_client, draft, JOB | changes)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Employment.objects.filter(application=draft).exists()


@time_machine.travel(TODAY, tick=False)
def test_employment_add_current_job_needs_no_end_or_reason(candidate_client, draft):
    add_job(candidate_client, draft, CURRENT_JOB)

    job = Employment.objects.get(application=draft)
    assert (job.is_current, job.ended_on, job.reason_for_leaving) == (True, None, "")


@time_machine.travel(TODAY, tick=False)
def test_employment_change_and_remove_a_job(candidate_client, draft):
    add_job(candidate_client, draft, JOB)
    job = Employment.objects.get(application=draft)

    candidate_client.post(f"/applications/{draft.pk}/employment-history/{job.pk}/", JOB | {"job_title": "Senior HCA"})
    confirm = candidate_client.get(f"/applications/{draft.pk}/employment-history/{job.pk}/remove/")
    job.refresh_from_db()
    assert job.job_title == "Senior HCA"
    assert "Are you sure you want to remove Senior HCA, Kidderminster Hospital?" in confirm.content.decode()

    candidate_client.post(f"/applications/{draft.pk}/employment-history/{job.pk}/remove/")

    assert not Employment.objects.filter(application=draft).exists()


@time_machine.travel(TODAY, tick=False)
def test_employment_history_lists_gaps_of_more_than_three_months_in_the_last_three_years(candidate_client, draft):
    add_job(candidate_client, draft, JOB)  # ended 31 August 2020, before the window
    add_job(candidate_client, draft, CURRENT_JOB)  # from 1 September 2023

    response = candidate_client.get(f"/applications/{draft.pk}/employment-history/")

    html = response.content.decode()
    assert response.context["gaps"] == [(datetime.date(2023, 3, 2), datetime.date(2023, 8, 31))]
    assert "2 March 2023 to 31 August 2023" in html


@time_machine.travel(TODAY, tick=False)
def test_employment_history_with_a_gap_cannot_be_completed_without_an_explanation(candidate_client, draft):
    add_job(candidate_client, draft, CURRENT_JOB)

    response = candidate_client.post(f"/applications/{draft.pk}/employment-history/", {"section_complete": "True"})

    assert response.status_code == 200
    assert "Explain the gaps in your employment history" in response.content.decode()
    assert SectionProgress.objects.get(application=draft, section=Section.EMPLOYMENT_HISTORY).completed_at is None


@time_machine.travel(TODAY, tick=False)
def test_employment_history_with_a_gap_explained_is_completed(candidate_client, draft):
    add_job(candidate_client, draft, CURRENT_JOB)

    response = candidate_client.post(
        f"/applications/{draft.pk}/employment-history/",
        {"section_complete": "True", "gaps_explanation": "Caring for my father."},
    )

    assert response["Location"] == f"/applications/{draft.pk}/"
    assert EmploymentHistory.objects.get(application=draft).gaps_explanation == "Caring for my father."
    assert SectionProgress.objects.get(application=draft, section=Section.EMPLOYMENT_HISTORY).completed_at == TODAY


@time_machine.travel(TODAY, tick=False)
def test_employment_history_gap_of_exactly_three_months_needs_no_explanation(candidate_client, draft):
    add_job(candidate_client, draft, JOB | {"ended_on_day": "28", "ended_on_month": "2", "ended_on_year": "2023"})
    # Out of work from 1 March to 31 May 2023: three months, not more.
    add_job(candidate_client, draft, CURRENT_JOB | {"started_on_day": "1", "started_on_month": "6", "started_on_year": "2023"})

    response = candidate_client.post(f"/applications/{draft.pk}/employment-history/", {"section_complete": "True"})

    assert response.status_code == 302
    assert SectionProgress.objects.get(application=draft, section=Section.EMPLOYMENT_HISTORY).completed_at == TODAY


@time_machine.travel(TODAY, tick=False)
def test_employment_history_with_no_jobs_must_explain_the_three_years(candidate_client, draft):
    response = candidate_client.post(f"/applications/{draft.pk}/employment-history/", {"section_complete": "True"})

    assert response.context["gaps"] == [(datetime.date(2023, 3, 2), datetime.date(2026, 3, 2))]
    assert "Explain the gaps in your employment history" in response.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_employment_history_saved_for_later_needs_no_explanation(candidate_client, draft):
    response = candidate_client.post(f"/applications/{draft.pk}/employment-history/", {"section_complete": "False"})

    assert response.status_code == 302
    assert SectionProgress.objects.get(application=draft, section=Section.EMPLOYMENT_HISTORY).completed_at is None
