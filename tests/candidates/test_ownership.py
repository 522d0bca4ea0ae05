"""Candidate A can neither read nor change candidate B's application, or its
jobs, qualifications and referees, by guessing ids: every answer is 404."""

import pytest
from django.urls import reverse

from candidates.models import Application, PersonalDetails
from tests.factories import VacancyFactory

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


def test_my_own_pages_answer(candidate_client, mine):
    for name in ("application_detail", "personal_details_edit", "application_review"):
        assert candidate_client.get(reverse(f"candidates:{name}", kwargs={"application_id": mine.pk})).status_code == 200
