"""The advert's text fields have limits with an NHS.UK character count, as
the candidates' fields do (issue 14, point 20): they used to take 2,000,000
characters."""

import datetime

import pytest
import time_machine

from tests.factories import VacancyFactory
from vacancies.forms.steps import VacancyDescriptionForm, VacancyRecruitmentForm
from vacancies.models import Vacancy

from .test_manage_vacancy_steps import error_summary, inline_errors, url

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)

LIMITS = {
    # field: (form, limit, what the error calls it)
    "job_summary": (VacancyDescriptionForm, 2000, "Job summary"),
    "main_duties": (VacancyDescriptionForm, 10000, "Main duties of the job"),
    "about_us": (VacancyDescriptionForm, 5000, "Working for our organisation"),
    "additional_information": (VacancyDescriptionForm, 5000, "Additional information"),
    "applicant_requirements": (VacancyDescriptionForm, 2000, "Applicant requirements"),
    "sponsorship_note": (VacancyRecruitmentForm, 1000, "About sponsorship"),
    "guaranteed_interview_note": (VacancyRecruitmentForm, 1000, "About the guaranteed interview schemes"),
}


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def draft(trust_a, recruiter):
    return VacancyFactory(
        organisation=trust_a, status=Vacancy.Status.DRAFT, created_by=recruiter,
        closing_at=NOW + datetime.timedelta(days=21),
    )


@pytest.mark.parametrize("field", LIMITS)
def test_vacancy_text_limits_refuse_one_character_too_many(draft, field):
    form_class, limit, name = LIMITS[field]

    at_limit = form_class({field: "a" * limit}, instance=draft)
    over = form_class({field: "a" * (limit + 1)}, instance=draft)

    at_limit.is_valid()
    over.is_valid()
    assert field not in at_limit.errors
    assert over.errors[field] == [f"{name} must be {limit:,} characters or fewer"]


@pytest.mark.parametrize("field", LIMITS)
def test_vacancy_text_limits_are_shown_with_a_character_count(client, recruiter, draft, field):
    form_class, limit, _name = LIMITS[field]
    page = "vacancy_edit_description" if form_class is VacancyDescriptionForm else "vacancy_edit_recruitment"
    client.force_login(recruiter)

    html = client.get(url(page, draft)).content.decode()

    field_html = html.split(f'id="id_{field}"')[0].rsplit('data-module="nhsuk-character-count"', 1)
    assert len(field_html) == 2
    assert field_html[1].startswith(f' data-maxlength="{limit}"')


def test_vacancy_text_limits_keep_the_text_and_say_so_next_to_the_field(client, recruiter, draft):
    client.force_login(recruiter)

    response = client.post(
        url("vacancy_edit_description", draft), {"job_summary": "a" * 2_000_000, "main_duties": "* Lead\n* Care"}
    )

    draft.refresh_from_db()
    assert error_summary(response) == ["Job summary must be 2,000 characters or fewer"]
    assert inline_errors(response)["id_job_summary_error"] == "Job summary must be 2,000 characters or fewer"
    assert draft.job_summary != "a" * 2_000_000
