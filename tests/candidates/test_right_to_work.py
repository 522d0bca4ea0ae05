"""Right to work and sponsorship: visa questions only for visa holders."""

import datetime

import pytest
import time_machine

from candidates.models import RightToWork

TODAY = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)


def post(client, application, data):
    return client.post(f"/applications/{application.pk}/right-to-work/", data | {"section_complete": "True"})


def test_right_to_work_for_a_british_citizen(candidate_client, draft):
    response = post(candidate_client, draft, {"status": "british_or_irish", "needs_sponsorship": "False"})

    assert response.status_code == 302
    answer = RightToWork.objects.get(application=draft)
    assert (answer.status, answer.needs_sponsorship, answer.visa_type) == ("british_or_irish", False, "")


@time_machine.travel(TODAY, tick=False)
def test_right_to_work_with_a_visa_needs_its_type_and_end_date(candidate_client, draft):
    response = post(candidate_client, draft, {"status": "visa", "needs_sponsorship": "True"})

    html = response.content.decode()
    assert "Enter the type of visa you have" in html
    assert "Enter the date your visa ends" in html
    assert not RightToWork.objects.filter(application=draft).exists()


@time_machine.travel(TODAY, tick=False)
def test_right_to_work_refuses_a_visa_that_has_ended(candidate_client, draft):
    response = post(
        candidate_client,
        draft,
        {
            "status": "visa", "visa_type": "Skilled Worker", "needs_sponsorship": "True",
            "visa_expires_on_day": "1", "visa_expires_on_month": "3", "visa_expires_on_year": "2026",
        },
    )

    assert "The date your visa ends must be today or in the future" in response.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_right_to_work_keeps_a_visa_that_ends_today(candidate_client, draft):
    post(
        candidate_client,
        draft,
        {
            "status": "visa", "visa_type": "Health and Care Worker", "needs_sponsorship": "True",
            "visa_expires_on_day": "2", "visa_expires_on_month": "3", "visa_expires_on_year": "2026",
        },
    )

    answer = RightToWork.objects.get(application=draft)
    assert (answer.visa_type, answer.visa_expires_on) == ("Health and Care Worker", datetime.date(2026, 3, 2))


def test_right_to_work_drops_visa_answers_for_a_citizen(candidate_client, draft):
    post(
        candidate_client,
        draft,
        {
            "status": "british_or_irish", "visa_type": "Graduate", "needs_sponsorship": "False",
            "visa_expires_on_day": "1", "visa_expires_on_month": "1", "visa_expires_on_year": "2030",
        },
    )

    answer = RightToWork.objects.get(application=draft)
    assert (answer.visa_type, answer.visa_expires_on) == ("", None)


@pytest.mark.parametrize(
    ("status", "needs_sponsorship", "message"),
    [
        ("settled", "True", "Select no: British and Irish citizens and people with settled status do not need sponsorship"),
        ("none", "False", "Select yes: without the right to work in the UK you will need sponsorship"),
        ("", "", "Select whether you have the right to work in the UK"),
        ("martian", "False", "Select one of the options"),
    ],
)
def test_right_to_work_answers_must_agree(candidate_client, draft, status, needs_sponsorship, message):
    response = post(candidate_client, draft, {"status": status, "needs_sponsorship": needs_sponsorship})

    assert message in response.content.decode()
    assert not RightToWork.objects.filter(application=draft).exists()


def test_right_to_work_says_whether_the_vacancy_offers_sponsorship(candidate_client, draft, vacancy):
    vacancy.sponsorship_offered = True
    vacancy.save(update_fields=["sponsorship_offered"])

    response = candidate_client.get(f"/applications/{draft.pk}/right-to-work/")

    assert "This job can be sponsored for a Skilled Worker visa." in response.content.decode()
