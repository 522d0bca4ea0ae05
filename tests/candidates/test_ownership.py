"""Candidate A can neither read nor change candidate B's application, or its
jobs, qualifications and referees, by guessing ids: every answer is 404."""

import pytest
from django.urls import reverse

from candidates.models import Application, Employment, PersonalDetails
from tests.factories import VacancyFactory
from vacancies.models import Vacancy

from .factories import complete_draft

APPLICATION_PAGES = [
    "application_detail", "personal_details_edit", "right_to_work_edit", "employment_history", "employment_add",
    "qualifications", "qualification_add", "supporting_information_edit", "referees", "referee_add",
    "declarations_edit", "adjustments_edit", "guaranteed_interview_edit", "equality_monitoring_edit",
    "application_review", "application_submit", "application_confirmation", "application_withdraw",
]
ROW_PAGES = [
    ("employment_change", "employment_id", "employments"),
    ("employment_remove", "employment_id", "employments"),
    ("qualification_change", "qualification_id", "qualifications"),
    ("qualification_remove", "qualification_id", "qualifications"),
    ("referee_change", "referee_id", "referees"),
    ("referee_remove", "referee_id", "referees"),
]


@pytest.fixture
def others(other_candidate):
    """Candidate B's complete draft, on a vacancy that offers a guaranteed interview scheme."""
    return complete_draft(candidate=other_candidate, vacancy=VacancyFactory(offers_disability_confident=True))


@pytest.fixture
def mine(candidate):
    return complete_draft(candidate=candidate)


FORM_DATA = {
    "first_name": "Mallory", "employer": "Mallory", "title": "Mallory", "name": "Mallory", "text": "Mallory",
    "section_complete": "True", "confirm": "on", "reason": "Mallory",
}


@pytest.mark.parametrize("name", APPLICATION_PAGES)
def test_another_candidates_application_pages_are_not_found(candidate_client, others, name):
    url = reverse(f"candidates:{name}", kwargs={"application_id": others.pk})

    read = candidate_client.get(url)
    changed = candidate_client.post(url, FORM_DATA)

    # 405 only where the page never takes that method, as for one's own application.
    assert (read.status_code, changed.status_code) == {
        "application_detail": (404, 405),
        "application_review": (404, 405),
        "application_confirmation": (404, 405),
        "application_submit": (405, 404),
    }.get(name, (404, 404))
    assert Application.objects.get(pk=others.pk).status == "draft"
    assert PersonalDetails.objects.get(application=others).first_name == "Cara"


@pytest.mark.parametrize(("name", "id_name", "rows"), ROW_PAGES)
def test_another_candidates_rows_are_not_found_through_their_application(candidate_client, others, name, id_name, rows):
    row = getattr(others, rows).first()
    url = reverse(f"candidates:{name}", kwargs={"application_id": others.pk, id_name: row.pk})

    assert candidate_client.get(url).status_code == 404
    assert candidate_client.post(url, FORM_DATA).status_code == 404
    assert type(row).objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize(("name", "id_name", "rows"), ROW_PAGES)
def test_another_candidates_rows_are_not_found_through_my_application(
    candidate_client, mine, others, name, id_name, rows
):
    row = getattr(others, rows).first()
    url = reverse(f"candidates:{name}", kwargs={"application_id": mine.pk, id_name: row.pk})

    assert candidate_client.get(url).status_code == 404
    assert candidate_client.post(url, FORM_DATA).status_code == 404
    unchanged = type(row).objects.get(pk=row.pk)
    assert unchanged.application_id == others.pk
    assert str(unchanged) == str(row)


def test_another_candidates_application_is_not_in_my_list(candidate_client, mine, others):
    response = candidate_client.get("/applications/")

    assert [a.pk for a in response.context["applications"]] == [mine.pk]


def test_application_pages_ask_someone_signed_out_to_sign_in(client, others):
    response = client.get(f"/applications/{others.pk}/personal-details/")

    assert response.status_code == 302
    assert "next=/applications/" in response["Location"]


def _tell_apart(mine, others):
    """Give the two applications answers that appear nowhere else: the pages
    must show mine, and nothing of the other candidate's."""
    Vacancy.objects.filter(pk=mine.vacancy_id).update(title="Ward Sister, Cardiology")
    Vacancy.objects.filter(pk=others.vacancy_id).update(title="Theatre Practitioner, Orthopaedics")
    PersonalDetails.objects.filter(application=mine).update(
        first_name="Meera", last_name="Mine", email="meera.mine@example.org", phone="07700 900111"
    )
    PersonalDetails.objects.filter(application=others).update(
        first_name="Oscar", last_name="Otherson", email="oscar.otherson@example.org", phone="07700 900999"
    )
    Employment.objects.filter(application=mine).update(employer="Alexandra Hospital, Redditch")
    Employment.objects.filter(application=others).update(employer="Kidderminster Treatment Centre")
    return (
        ["Ward Sister, Cardiology", "Meera", "meera.mine@example.org", "07700 900111"],
        ["Theatre Practitioner, Orthopaedics", "Oscar", "Otherson", "oscar.otherson@example.org", "07700 900999",
         "Kidderminster Treatment Centre", f"/applications/{others.pk}/"],
    )


@pytest.mark.parametrize("name", ["application_detail", "personal_details_edit", "application_review"])
def test_my_own_pages_show_my_application_and_nothing_of_anothers(candidate_client, mine, others, name):
    shown, hidden = _tell_apart(mine, others)

    response = candidate_client.get(reverse(f"candidates:{name}", kwargs={"application_id": mine.pk}))

    assert response.status_code == 200
    assert response.context["application"].pk == mine.pk
    html = response.content.decode()
    expected = shown[:1] if name == "application_detail" else shown
    assert [value for value in expected if value not in html] == []
    assert [value for value in hidden if value in html] == []


def test_my_task_list_links_to_my_sections(candidate_client, mine, others):
    _tell_apart(mine, others)

    response = candidate_client.get(reverse("candidates:application_detail", kwargs={"application_id": mine.pk}))

    hrefs = [task["href"] for group in response.context["groups"] for task in group["tasks"]]
    assert hrefs and all(href.startswith(f"/applications/{mine.pk}/") for href in hrefs)
    assert reverse("candidates:personal_details_edit", kwargs={"application_id": mine.pk}) in hrefs


def test_my_check_your_answers_shows_my_jobs(candidate_client, mine, others):
    _tell_apart(mine, others)

    response = candidate_client.get(reverse("candidates:application_review", kwargs={"application_id": mine.pk}))

    answers = response.context["answers"]
    assert [job.employer for job in answers["employments"]] == ["Alexandra Hospital, Redditch"]
    assert answers["personal_details"].full_name == "Meera Mine"
    assert "Alexandra Hospital, Redditch" in response.content.decode()
