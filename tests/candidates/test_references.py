"""References: at least two referees who between them cover the last three years."""

import datetime

import pytest
import time_machine

from candidates.models import Referee, Section, SectionProgress

from .factories import RefereeFactory

TODAY = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
REFEREE = {
    "name": "Rhiannon Jones",
    "job_title": "Ward Manager",
    "organisation": "Worcestershire Acute Hospitals NHS Trust",
    "email": "rhiannon.jones@example.org",
    "phone": "01905 763333",
    "relationship": "Line manager",
    "known_from_day": "1", "known_from_month": "9", "known_from_year": "2020",
}


def complete(client, application):
    return client.post(f"/applications/{application.pk}/references/", {"section_complete": "True"})


@time_machine.travel(TODAY, tick=False)
def test_referee_add_saves_a_referee(candidate_client, draft):
    response = candidate_client.post(f"/applications/{draft.pk}/references/add/", REFEREE)

    assert response["Location"] == f"/applications/{draft.pk}/references/"
    referee = Referee.objects.get(application=draft)
    assert (referee.name, referee.known_from, referee.known_to) == ("Rhiannon Jones", datetime.date(2020, 9, 1), None)


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"known_to_day": "1", "known_to_month": "1", "known_to_year": "2020"}, "The date they knew you until must be the same as or after the date since"),
        ({"known_from_year": "2027"}, "The date they have known you since must be today or in the past"),
        ({"known_to_day": "1", "known_to_month": "4", "known_to_year": "2026"}, "The date they knew you until must be today or in the past"),
        ({"email": "not-an-email"}, "Enter an email address in the correct format, like name@example.com"),
        ({"phone": ""}, "Enter your referee&#x27;s telephone number"),
        ({"name": ""}, "Enter your referee&#x27;s full name"),
        ({"relationship": ""}, "Enter how your referee knows you"),
    ],
)
def test_referee_add_explains_what_to_fix(candidate_client, draft, changes, message):
    response = candidate_client.post(f"/applications/{draft.pk}/references/add/", REFEREE | changes)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Referee.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_referee_cannot_be_the_candidate(candidate_client, draft, candidate):
    response = candidate_client.post(
        f"/applications/{draft.pk}/references/add/", REFEREE | {"email": candidate.email.upper()}
    )

    assert "Enter your referee&#x27;s email address, not your own" in response.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_references_need_two_referees(candidate_client, draft):
    RefereeFactory(application=draft, known_from=datetime.date(2019, 1, 1))

    response = complete(candidate_client, draft)

    assert "Add at least 2 referees before you complete this section. You have added 1" in response.content.decode()
    assert SectionProgress.objects.filter(application=draft, section=Section.REFERENCES).count() == 0


@time_machine.travel(TODAY, tick=False)
def test_references_must_cover_the_last_three_years(candidate_client, draft):
    RefereeFactory(application=draft, known_from=datetime.date(2019, 1, 1), known_to=datetime.date(2023, 9, 30))
    RefereeFactory(application=draft, known_from=datetime.date(2024, 6, 1))

    response = complete(candidate_client, draft)

    assert (
        "Your referees must cover the last 3 years. Add a referee who knew you between 1 October 2023 and 31 May 2024"
        in response.content.decode()
    )


@time_machine.travel(TODAY, tick=False)
def test_references_covering_the_last_three_years_are_completed(candidate_client, draft):
    RefereeFactory(application=draft, known_from=datetime.date(2019, 1, 1), known_to=datetime.date(2023, 9, 30))
    RefereeFactory(application=draft, known_from=datetime.date(2023, 10, 1))

    response = complete(candidate_client, draft)

    assert response["Location"] == f"/applications/{draft.pk}/"
    assert SectionProgress.objects.get(application=draft, section=Section.REFERENCES).completed_at == TODAY
