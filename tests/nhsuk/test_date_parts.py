"""NHS.UK date fields (nhsuk.widgets.NHSDateField) refuse parts out of range
with a message on the field, never a 500 (issue 14, point 18): a day of
2147483648 or more used to raise OverflowError from datetime.date. Tried on
the field, then once in every form that has a date field."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from candidates.forms.experience import EmploymentForm, RefereeForm
from candidates.forms.personal import RightToWorkForm
from nhsuk.widgets import NHSDateField
from tests.candidates.factories import DraftApplicationFactory
from tests.factories import VacancyFactory
from vacancies.forms.lifecycle import PublishForm, ReopenForm
from vacancies.forms.steps import VacancyRecruitmentForm

HUGE = "2147483648"
HUGER = "9" * 40


def refusal(day, month, year):
    with pytest.raises(ValidationError) as refused:
        NHSDateField().clean([day, month, year])
    error = refused.value.error_list[0]
    return error.code, error.params["parts"], error.message % error.params


@pytest.mark.parametrize("day", [HUGE, HUGER, "32", "0", "00"])
def test_date_field_refuses_a_day_out_of_range(day):
    assert refusal(day, "3", "2026") == ("invalid", ("day",), "Enter a real date")


@pytest.mark.parametrize("month", [HUGE, HUGER, "13", "0"])
def test_date_field_refuses_a_month_out_of_range(month):
    assert refusal("1", month, "2026") == ("invalid", ("month",), "Enter a real date")


def test_date_field_refuses_year_nought():
    assert refusal("1", "1", "0000") == ("invalid", ("year",), "Enter a real date")


@pytest.mark.parametrize("year", [HUGE, HUGER])
def test_date_field_refuses_a_year_of_more_than_4_digits(year):
    assert refusal("1", "1", year) == ("year_digits", ("year",), "Year must include 4 numbers")


def test_date_field_still_takes_real_dates():
    assert NHSDateField().clean(["29", "2", "2028"]) == datetime.date(2028, 2, 29)
    assert refusal("29", "2", "2027") == ("invalid", ("day",), "Enter a real date")


def date_data(prefix, day=HUGE):
    return {f"{prefix}_day": day, f"{prefix}_month": "3", f"{prefix}_year": "2030"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make_form", "field"),
    [
        (lambda data: PublishForm({"when": "later", "publish_time": "9am", **data}), "publish_date"),
        (lambda data: ReopenForm({"closing_time": "5pm", **data}), "closing_date"),
        (lambda data: EmploymentForm({"employer": "NHS", "job_title": "Nurse", "duties": "Care", **data}), "started_on"),
        (lambda data: RefereeForm({"name": "Rhiannon Refereeson", "email": "r@example.org", **data}), "known_from"),
        (
            lambda data: RightToWorkForm({"status": "visa", **data}, application=DraftApplicationFactory()),
            "visa_expires_on",
        ),
    ],
    ids=["publish", "reopen", "employment", "referee", "right-to-work"],
)
def test_date_field_overflow_is_a_message_in_every_form(make_form, field):
    form = make_form(date_data(field))

    assert not form.is_valid()
    assert form.errors[field] == ["Enter a real date"]


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["closing_date", "interview_date"])
def test_date_field_overflow_is_a_message_in_the_vacancy_recruitment_form(field):
    vacancy = VacancyFactory()
    data = {**date_data("closing_date", "27"), "closing_time": "5pm", "dbs_level": "none", **date_data(field)}

    form = VacancyRecruitmentForm(data, instance=vacancy)

    assert not form.is_valid()
    assert form.errors[field] == ["Enter a real date"]
