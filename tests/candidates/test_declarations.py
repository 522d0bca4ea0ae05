"""Criminal record questions by the vacancy's DBS level; relationships to staff; adjustments for interview."""

import pytest

from candidates.models import Adjustments, Declarations
from tests.factories import VacancyFactory

from .factories import DraftApplicationFactory

BASIC_QUESTION = "Do you have any unspent convictions?"
SPENT_QUESTION = "Do you have any spent convictions, cautions, reprimands or final warnings that are not protected?"
BARRED_QUESTION = "Are you barred from working with children or adults?"


@pytest.mark.parametrize(
    ("dbs_level", "asked"),
    [
        ("none", [BASIC_QUESTION]),
        ("basic", [BASIC_QUESTION]),
        ("standard", [BASIC_QUESTION, SPENT_QUESTION]),
        ("enhanced", [BASIC_QUESTION, SPENT_QUESTION]),
        ("enhanced_barred", [BASIC_QUESTION, SPENT_QUESTION, BARRED_QUESTION]),
    ],
)
def test_declarations_ask_the_questions_of_the_vacancys_dbs_level(candidate_client, candidate, dbs_level, asked):
    application = DraftApplicationFactory(candidate=candidate, vacancy=VacancyFactory(dbs_level=dbs_level))

    response = candidate_client.get(f"/applications/{application.pk}/declarations/")

    html = response.content.decode()
    assert [q for q in (BASIC_QUESTION, SPENT_QUESTION, BARRED_QUESTION) if q in html] == asked


def test_declarations_for_an_enhanced_check_with_barred_lists_are_saved(candidate_client, candidate):
    application = DraftApplicationFactory(candidate=candidate, vacancy=VacancyFactory(dbs_level="enhanced_barred"))

    response = candidate_client.post(
        f"/applications/{application.pk}/declarations/",
        {
            "has_unspent_convictions": "False", "has_unfiltered_spent_convictions": "True", "is_barred": "False",
            "criminal_record_details": "Caution for shoplifting, 2015", "is_related_to_staff": "False",
            "section_complete": "True",
        },
    )

    assert response.status_code == 302
    answers = Declarations.objects.get(application=application)
    assert (
        answers.dbs_level, answers.has_unspent_convictions, answers.has_unfiltered_spent_convictions,
        answers.is_barred, answers.criminal_record_details,
    ) == ("enhanced_barred", False, True, False, "Caution for shoplifting, 2015")


def test_declarations_never_keep_a_question_the_dbs_level_may_not_ask(candidate_client, candidate):
    application = DraftApplicationFactory(candidate=candidate, vacancy=VacancyFactory(dbs_level="basic"))

    candidate_client.post(
        f"/applications/{application.pk}/declarations/",
        {
            "has_unspent_convictions": "False", "has_unfiltered_spent_convictions": "True", "is_barred": "True",
            "is_related_to_staff": "False", "section_complete": "True",
        },
    )

    answers = Declarations.objects.get(application=application)
    assert (answers.has_unfiltered_spent_convictions, answers.is_barred) == (None, None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"has_unspent_convictions": "True", "is_related_to_staff": "False"}, "Give details of your criminal record"),
        ({"has_unspent_convictions": "False", "is_related_to_staff": "True"}, "Say who you are related to and how"),
        ({"is_related_to_staff": "False"}, "Select yes if you have any unspent convictions"),
        ({"has_unspent_convictions": "False"}, "Select yes if you are related to anyone who works for this trust"),
        ({"has_unspent_convictions": "maybe", "is_related_to_staff": "False"}, "Select one of the options"),
    ],
)
def test_declarations_conditional_questions_are_required(candidate_client, draft, data, message):
    response = candidate_client.post(f"/applications/{draft.pk}/declarations/", data | {"section_complete": "True"})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Declarations.objects.exists()


def test_declarations_drop_details_when_the_answer_is_no(candidate_client, draft):
    candidate_client.post(
        f"/applications/{draft.pk}/declarations/",
        {
            "has_unspent_convictions": "False", "criminal_record_details": "left over",
            "is_related_to_staff": "False", "relationship_details": "left over", "section_complete": "True",
        },
    )

    answers = Declarations.objects.get()
    assert (answers.criminal_record_details, answers.relationship_details) == ("", "")


def test_adjustments_need_details_when_asked_for(candidate_client, draft):
    refused = candidate_client.post(
        f"/applications/{draft.pk}/adjustments/", {"needs_adjustments": "True", "section_complete": "True"}
    )
    saved = candidate_client.post(
        f"/applications/{draft.pk}/adjustments/",
        {"needs_adjustments": "True", "details": "A ground-floor room, please.", "section_complete": "True"},
    )

    assert "Say what adjustments you need" in refused.content.decode()
    assert saved.status_code == 302
    assert Adjustments.objects.get().details == "A ground-floor room, please."


def test_adjustments_refuse_an_answer_that_is_not_yes_or_no(candidate_client, draft):
    response = candidate_client.post(
        f"/applications/{draft.pk}/adjustments/", {"needs_adjustments": "perhaps", "section_complete": "True"}
    )

    assert "Select one of the options" in response.content.decode()
