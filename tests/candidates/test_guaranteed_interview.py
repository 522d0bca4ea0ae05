"""The guaranteed interview scheme: only the schemes the vacancy offers, asked by those they cover."""

import pytest

from candidates.models import GuaranteedInterview
from tests.factories import VacancyFactory

from .factories import DraftApplicationFactory


@pytest.fixture
def both_schemes(candidate):
    vacancy = VacancyFactory(offers_disability_confident=True, offers_expanded_guaranteed_interview=True)
    return DraftApplicationFactory(candidate=candidate, vacancy=vacancy)


@pytest.fixture
def disability_confident_only(candidate):
    return DraftApplicationFactory(candidate=candidate, vacancy=VacancyFactory(offers_disability_confident=True))


def post(client, application, data):
    return client.post(f"/applications/{application.pk}/guaranteed-interview/", data | {"section_complete": "True"})


def test_guaranteed_interview_is_not_found_when_the_vacancy_offers_no_scheme(candidate_client, draft):
    response = candidate_client.get(f"/applications/{draft.pk}/guaranteed-interview/")

    assert response.status_code == 404


def test_guaranteed_interview_offers_only_disability_grounds_for_disability_confident(
    candidate_client, disability_confident_only
):
    response = candidate_client.get(f"/applications/{disability_confident_only.pk}/guaranteed-interview/")

    form = response.context["form"]
    assert "scheme" not in form.fields
    assert [value for value, _label in form.fields["grounds"].choices] == ["is_disabled"]
    assert "Do you want to apply under the Disability Confident scheme?" in response.content.decode()


def test_guaranteed_interview_disability_confident_request_is_saved(candidate_client, disability_confident_only):
    post(candidate_client, disability_confident_only, {"requested": "True", "grounds": ["is_disabled"]})

    request = GuaranteedInterview.objects.get()
    assert (request.requested, request.scheme, request.is_disabled, request.is_bame) == (
        True, "disability_confident", True, False,
    )


def test_guaranteed_interview_disability_confident_refuses_other_grounds(candidate_client, both_schemes):
    response = post(
        candidate_client, both_schemes, {"requested": "True", "scheme": "disability_confident", "grounds": ["is_bame"]}
    )

    assert "The Disability Confident scheme is for disabled candidates only" in response.content.decode()
    assert not GuaranteedInterview.objects.exists()


def test_guaranteed_interview_expanded_scheme_covers_bame_and_lgbt_candidates(candidate_client, both_schemes):
    post(candidate_client, both_schemes, {"requested": "True", "scheme": "expanded", "grounds": ["is_bame", "is_lgbt"]})

    request = GuaranteedInterview.objects.get()
    assert (request.scheme, request.is_disabled, request.is_bame, request.is_lgbt) == ("expanded", False, True, True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"requested": "True", "grounds": ["is_disabled"]}, "Select the scheme you want to apply under"),
        ({"requested": "True", "scheme": "expanded"}, "Select which of these apply to you"),
        ({}, "Select yes if you want to apply under the guaranteed interview scheme"),
        ({"requested": "True", "scheme": "made_up", "grounds": ["is_disabled"]}, "Select one of the options"),
    ],
)
def test_guaranteed_interview_follow_up_questions_are_required(candidate_client, both_schemes, data, message):
    response = post(candidate_client, both_schemes, data)

    assert message in response.content.decode()
    assert not GuaranteedInterview.objects.exists()


def test_guaranteed_interview_grounds_the_offered_scheme_does_not_cover_are_refused(candidate_client, disability_confident_only):
    response = post(
        candidate_client, disability_confident_only,
        {"requested": "True", "scheme": "expanded", "grounds": ["is_lgbt"]},
    )

    assert "Select one of the options" in response.content.decode()


def test_guaranteed_interview_declined_keeps_no_grounds(candidate_client, both_schemes):
    post(candidate_client, both_schemes, {"requested": "False", "scheme": "expanded", "grounds": ["is_bame"]})

    request = GuaranteedInterview.objects.get()
    assert (request.requested, request.scheme, request.is_bame) == (False, "", False)
