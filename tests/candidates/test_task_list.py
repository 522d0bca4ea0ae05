"""The task list: each section's status, saving a section and coming back to it."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from candidates.models import PersonalDetails, Section, SectionProgress
from tests.factories import VacancyFactory
from vacancies.models import Vacancy

from .factories import DraftApplicationFactory, EmploymentFactory, mark_complete


def statuses(response):
    """{section label: status tag text} as the task list shows them."""
    html = response.content.decode()
    items = re.findall(
        r'<a class="nhsuk-link nhsuk-task-list__link"[^>]*>([^<]+)</a>.*?<strong class="nhsuk-tag[^"]*">([^<]+)</strong>',
        html,
        re.S,
    )
    return {name.strip(): status.strip() for name, status in items}


PERSONAL_DETAILS = {
    "first_name": "Cara",
    "last_name": "Candidate",
    "email": "cara@example.org",
    "phone": "07700 900982",
    "address_line_1": "1 High Street",
    "town": "Worcester",
    "postcode": "wr1 2ab",
    "country": "United Kingdom",
}


def test_task_list_shows_every_section_not_started(candidate_client, draft):
    response = candidate_client.get(f"/applications/{draft.pk}/")

    assert statuses(response) == {
        "Personal details": "Not started",
        "Right to work and sponsorship": "Not started",
        "Employment history": "Not started",
        "Education and qualifications": "Not started",
        "Supporting information": "Not started",
        "References": "Not started",
        "Criminal record and relationships": "Not started",
        "Adjustments for interview": "Not started",
        "Equality monitoring": "Not started",
    }
    html = response.content.decode()
    assert "Guaranteed interview scheme" not in html
    assert "Cannot start yet" in html
    assert "You have completed 0 of 8 sections." in html


def test_task_list_shows_the_guaranteed_interview_section_when_the_vacancy_offers_a_scheme(candidate_client, candidate):
    vacancy = VacancyFactory(offers_disability_confident=True)
    application = DraftApplicationFactory(candidate=candidate, vacancy=vacancy)

    response = candidate_client.get(f"/applications/{application.pk}/")

    assert statuses(response)["Guaranteed interview scheme"] == "Not started"
    assert "You have completed 0 of 9 sections." in response.content.decode()


def test_section_saved_as_complete_is_marked_completed(candidate_client, draft):
    response = candidate_client.post(
        f"/applications/{draft.pk}/personal-details/", PERSONAL_DETAILS | {"section_complete": "True"}
    )

    assert response["Location"] == f"/applications/{draft.pk}/"
    details = PersonalDetails.objects.get(application=draft)
    assert (details.full_name, details.postcode) == ("Cara Candidate", "WR1 2AB")
    task_list = candidate_client.get(f"/applications/{draft.pk}/")
    assert statuses(task_list)["Personal details"] == "Completed"
    assert "You have completed 1 of 8 sections." in task_list.content.decode()


def test_section_saved_for_later_keeps_partial_answers_and_is_incomplete(candidate_client, draft):
    response = candidate_client.post(
        f"/applications/{draft.pk}/personal-details/", {"first_name": "Cara", "section_complete": "False"}
    )

    assert response.status_code == 302
    details = PersonalDetails.objects.get(application=draft)
    assert (details.first_name, details.last_name, details.email) == ("Cara", "", "")
    assert SectionProgress.objects.get(application=draft, section=Section.PERSONAL_DETAILS).completed_at is None
    assert statuses(candidate_client.get(f"/applications/{draft.pk}/"))["Personal details"] == "Incomplete"


def test_coming_back_to_a_section_shows_the_saved_answers(candidate_client, draft):
    candidate_client.post(f"/applications/{draft.pk}/personal-details/", {"first_name": "Cara", "section_complete": "False"})

    response = candidate_client.get(f"/applications/{draft.pk}/personal-details/")

    html = response.content.decode()
    assert 'name="first_name" value="Cara"' in html
    assert re.search(r'<input[^>]*value="False"[^>]*checked', html)


def test_section_marked_complete_with_answers_missing_is_refused_and_keeps_what_was_typed(candidate_client, draft):
    response = candidate_client.post(
        f"/applications/{draft.pk}/personal-details/",
        {"first_name": "Siân", "last_name": "", "section_complete": "True"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter your last name" in html
    assert 'value="Siân"' in html
    assert not PersonalDetails.objects.filter(application=draft).exists()


def test_section_without_an_answer_to_complete_is_refused(candidate_client, draft):
    response = candidate_client.post(f"/applications/{draft.pk}/personal-details/", PERSONAL_DETAILS)

    assert response.status_code == 200
    assert "Select whether you have completed this section" in response.content.decode()
    assert not PersonalDetails.objects.filter(application=draft).exists()


def test_adding_a_job_makes_a_completed_section_incomplete_again(candidate_client, draft):
    mark_complete(draft, Section.EMPLOYMENT_HISTORY)

    candidate_client.post(
        f"/applications/{draft.pk}/employment-history/add/",
        {
            "employer": "Kidderminster Hospital", "job_title": "Healthcare Assistant",
            "started_on_day": "1", "started_on_month": "9", "started_on_year": "2018",
            "ended_on_day": "31", "ended_on_month": "8", "ended_on_year": "2020", "reason_for_leaving": "Nurse training",
        },
    )

    assert SectionProgress.objects.get(application=draft, section=Section.EMPLOYMENT_HISTORY).completed_at is None


def test_task_list_says_when_the_vacancy_has_closed(candidate_client, draft, vacancy):
    Vacancy.objects.filter(pk=vacancy.pk).update(closing_at=vacancy.closing_at - datetime.timedelta(days=30))

    response = candidate_client.get(f"/applications/{draft.pk}/")

    html = response.content.decode()
    assert "This vacancy has closed" in html
    assert "You can no longer submit this application. We have kept your answers." in html


def test_task_list_declarations_answered_for_another_dbs_level_are_incomplete(candidate_client, draft, vacancy):
    from .factories import DeclarationsFactory

    DeclarationsFactory(application=draft, dbs_level="basic")
    mark_complete(draft, Section.DECLARATIONS)
    Vacancy.objects.filter(pk=vacancy.pk).update(dbs_level="enhanced")

    response = candidate_client.get(f"/applications/{draft.pk}/")

    assert statuses(response)["Criminal record and relationships"] == "Incomplete"


def test_task_list_query_count_does_not_grow_with_answers(candidate_client, candidate):
    few = DraftApplicationFactory(candidate=candidate)
    many = DraftApplicationFactory(candidate=candidate)
    EmploymentFactory(application=few)
    for _ in range(15):
        EmploymentFactory(application=many)
    mark_complete(many, *Section)

    with CaptureQueriesContext(connection) as few_queries:
        candidate_client.get(f"/applications/{few.pk}/")
    with CaptureQueriesContext(connection) as many_queries:
        candidate_client.get(f"/applications/{many.pk}/")

    assert len(many_queries) == len(few_queries)
    assert len(few_queries) <= 6
