"""Interview questions and interview scores (interviews.scoring): who may
write and score, what may be scored, and when nothing may change any more."""

import pytest
from django.core.exceptions import PermissionDenied

from interviews import scoring
from interviews.models import InterviewEvent, InterviewQuestion, InterviewScore
from organisations.models import Membership
from tests.factories import CriterionFactory, MembershipFactory, UserFactory, VacancyFactory

from . import scoring_support
from .conftest import shortlist

booked, criteria = scoring_support.booked, scoring_support.criteria  # fixtures

pytestmark = pytest.mark.django_db

Kind = InterviewEvent.Kind


def texts(vacancy):
    questions = InterviewQuestion.objects.filter(vacancy=vacancy).order_by("order", "id")
    return list(questions.values_list("text", flat=True))


# Questions ---------------------------------------------------------------------------------


def test_recruiter_and_hiring_manager_add_questions_in_order_with_events(vacancy, recruiter, hiring_manager):
    scoring.add_question(vacancy_id=vacancy.pk, actor=recruiter, text="Tell us about a time you escalated a concern.")
    scoring.add_question(vacancy_id=vacancy.pk, actor=hiring_manager, text="How do you prioritise a busy shift?")

    assert texts(vacancy) == ["Tell us about a time you escalated a concern.", "How do you prioritise a busy shift?"]
    events = InterviewEvent.objects.filter(vacancy=vacancy, kind=Kind.QUESTION_CHANGED)
    assert [(e.actor, e.round) for e in events] == [(recruiter, None), (hiring_manager, None)]


@pytest.mark.parametrize("who", ["panel_member", "other_recruiter"])
def test_only_those_who_run_the_interviews_write_questions(request, vacancy, interview_round, who):
    with pytest.raises(PermissionDenied):
        scoring.add_question(vacancy_id=vacancy.pk, actor=request.getfixturevalue(who), text="Why us?")

    assert not InterviewQuestion.objects.exists()


def test_questions_are_changed_reordered_and_removed(vacancy, recruiter):
    first = scoring.add_question(vacancy_id=vacancy.pk, actor=recruiter, text="One")
    second = scoring.add_question(vacancy_id=vacancy.pk, actor=recruiter, text="Two")
    third = scoring.add_question(vacancy_id=vacancy.pk, actor=recruiter, text="Three")

    scoring.change_question(question_id=second.pk, actor=recruiter, text="Two, reworded")
    scoring.move_question(question_id=third.pk, actor=recruiter, up=True)
    scoring.move_question(question_id=first.pk, actor=recruiter, up=True)  # already first: nothing moves
    scoring.remove_question(question_id=first.pk, actor=recruiter)

    assert texts(vacancy) == ["Three", "Two, reworded"]
    assert InterviewEvent.objects.filter(kind=Kind.QUESTION_CHANGED).count() == 6


def test_a_scored_question_cannot_be_changed_or_removed_but_can_move(
    vacancy, recruiter, hiring_manager, booked
):
    application, _other = booked
    scored = scoring.add_question(vacancy_id=vacancy.pk, actor=recruiter, text="Scored")
    unscored = scoring.add_question(vacancy_id=vacancy.pk, actor=recruiter, text="Unscored")
    scoring.record_interview_scores(application_id=application.pk, panel_member=hiring_manager,
                                    questions={scored.pk: (2, "")})

    with pytest.raises(scoring.InterviewsRefused, match="has been scored"):
        scoring.change_question(question_id=scored.pk, actor=recruiter, text="Changed")
    with pytest.raises(scoring.InterviewsRefused, match="has been scored"):
        scoring.remove_question(question_id=scored.pk, actor=recruiter)
    scoring.move_question(question_id=unscored.pk, actor=recruiter, up=True)

    assert texts(vacancy) == ["Unscored", "Scored"]


# Scores -------------------------------------------------------------------------------------


def test_panel_member_scores_criteria_assessed_at_interview_and_questions(
    vacancy, recruiter, panel_member, booked, criteria
):
    application, _other = booked
    communication, judgement, _degree = criteria
    question = scoring.add_question(vacancy_id=vacancy.pk, actor=recruiter, text="Why this ward?")

    saved = scoring.record_interview_scores(
        application_id=application.pk, panel_member=panel_member,
        criteria={communication.pk: (3, "Clear and kind"), judgement.pk: (1, "")},
        questions={question.pk: (2, "Good answer")},
    )

    assert saved == 3
    given = InterviewScore.objects.values_list("criterion__text", "question__text", "score", "note")
    assert sorted(given, key=str) == sorted(
        [
            ("Communicates clearly", None, 3, "Clear and kind"), ("Sound clinical judgement", None, 1, ""),
            (None, "Why this ward?", 2, "Good answer"),
        ],
        key=str,
    )
    event = InterviewEvent.objects.get(kind=Kind.SCORED)
    assert (event.actor, event.application, event.vacancy) == (panel_member, application, vacancy)


def test_saving_again_updates_the_scores_and_counts_only_changes(panel_member, booked, criteria):
    application, _other = booked
    communication, judgement, _degree = criteria
    grid = {communication.pk: (2, ""), judgement.pk: (2, "")}
    scoring.record_interview_scores(application_id=application.pk, panel_member=panel_member, criteria=grid)

    again = scoring.record_interview_scores(application_id=application.pk, panel_member=panel_member, criteria=grid)
    changed = scoring.record_interview_scores(
        application_id=application.pk, panel_member=panel_member, criteria={**grid, judgement.pk: (0, "Unsafe")}
    )

    assert (again, changed) == (0, 1)
    assert InterviewScore.objects.get(criterion=judgement).note == "Unsafe"
    assert InterviewScore.objects.count() == 2
    assert InterviewEvent.objects.filter(kind=Kind.SCORED).count() == 2


def test_a_criterion_assessed_only_from_the_application_is_refused(panel_member, booked, criteria):
    application, _other = booked
    communication, _judgement, degree = criteria

    with pytest.raises(scoring.InterviewsRefused, match="“Nursing degree” is not assessed at interview"):
        scoring.record_interview_scores(
            application_id=application.pk, panel_member=panel_member,
            criteria={communication.pk: (2, ""), degree.pk: (3, "")},
        )

    assert not InterviewScore.objects.exists()


def test_a_criterion_or_question_of_another_vacancy_is_refused(trust_a, recruiter, panel_member, booked):
    application, _other = booked
    elsewhere = VacancyFactory(organisation=trust_a, status="interviewing")
    criterion = CriterionFactory(vacancy=elsewhere, assessed_at_interview=True)
    question = InterviewQuestion.objects.create(vacancy=elsewhere, text="Elsewhere")

    with pytest.raises(scoring.InterviewsRefused, match="not in this vacancy's person specification"):
        scoring.record_interview_scores(application_id=application.pk, panel_member=panel_member,
                                        criteria={criterion.pk: (2, "")})
    with pytest.raises(scoring.InterviewsRefused, match="not one of this vacancy's interview questions"):
        scoring.record_interview_scores(application_id=application.pk, panel_member=panel_member,
                                        questions={question.pk: (2, "")})
    assert not InterviewScore.objects.exists()


def test_a_score_outside_0_to_3_is_refused(panel_member, booked, criteria):
    application, _other = booked

    with pytest.raises(scoring.InterviewsRefused, match="from 0 to 3"):
        scoring.record_interview_scores(application_id=application.pk, panel_member=panel_member,
                                        criteria={criteria[0].pk: (4, "")})


@pytest.mark.parametrize("who", ["recruiter", "other_recruiter", "staff_of_the_trust"])
def test_only_the_interview_panel_and_the_hiring_manager_score(request, trust_a, booked, criteria, who):
    application, _other = booked
    if who == "staff_of_the_trust":
        # On the vacancy's shortlisting panel, but on no interview panel.
        user = MembershipFactory(organisation=trust_a, role=Membership.Role.HIRING_MANAGER).user
        application.vacancy.panel_members.add(user)
    else:
        user = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        scoring.record_interview_scores(application_id=application.pk, panel_member=user,
                                        criteria={criteria[0].pk: (2, "")})


def test_the_hiring_manager_scores_without_sitting_on_a_slot(hiring_manager, booked, criteria):
    application, _other = booked

    assert scoring.record_interview_scores(
        application_id=application.pk, panel_member=hiring_manager, criteria={criteria[0].pk: (2, "")}
    ) == 1


def test_candidates_without_a_booking_are_not_scored(vacancy, panel_member, invited, criteria):
    application, _other = invited
    not_invited = shortlist(vacancy, UserFactory(), 9)

    for unbooked in (application, not_invited):
        with pytest.raises(scoring.InterviewsRefused, match="has not been interviewed"):
            scoring.record_interview_scores(application_id=unbooked.pk, panel_member=panel_member,
                                            criteria={criteria[0].pk: (2, "")})


def test_no_scores_once_the_interviews_are_complete(vacancy, hiring_manager, panel_member, booked, criteria):
    application, other = booked
    scoring.record_outcome(application_id=application.pk, actor=hiring_manager, decision="appoint")
    scoring.record_outcome(application_id=other.pk, actor=hiring_manager, decision="reserve")
    scoring.complete_interviews(vacancy_id=vacancy.pk, actor=hiring_manager)

    with pytest.raises(scoring.InterviewsRefused, match="interviews are complete"):
        scoring.record_interview_scores(application_id=application.pk, panel_member=panel_member,
                                        criteria={criteria[0].pk: (2, "")})
    with pytest.raises(scoring.InterviewsRefused, match="interviews are complete"):
        scoring.add_question(vacancy_id=vacancy.pk, actor=hiring_manager, text="Too late")
    assert not InterviewScore.objects.exists()


# The overview --------------------------------------------------------------------------------


def test_overview_shows_members_side_by_side_with_totals_and_disagreements(
    vacancy, recruiter, hiring_manager, panel_member, booked, criteria
):
    application, other = booked
    communication, judgement, _degree = criteria
    question = scoring.add_question(vacancy_id=vacancy.pk, actor=recruiter, text="Why this ward?")
    scoring.record_interview_scores(
        application_id=application.pk, panel_member=hiring_manager,
        criteria={communication.pk: (3, ""), judgement.pk: (1, "")}, questions={question.pk: (2, "")},
    )
    scoring.record_interview_scores(
        application_id=application.pk, panel_member=panel_member,
        criteria={communication.pk: (2, ""), judgement.pk: (3, "")},
    )

    members, rows = scoring.overview(vacancy=vacancy)

    assert [m.get_full_name() for m in members] == ["Harry Manager", "Penny Panel"]
    first, second = rows
    assert first.application == application and first.name == "Cara Candidate"
    assert [(line.text, line.scores, line.disagreement) for line in first.lines] == [
        ("Communicates clearly", [3, 2], False),
        ("Sound clinical judgement", [1, 3], True),
        ("Why this ward?", [2, None], False),
    ]
    assert first.member_totals == [6, 5]
    assert (first.total, first.mean_total) == (11, 5.5)
    assert [line.text for line in first.disagreements] == ["Sound clinical judgement"]
    assert second.application == other and second.member_totals == [None, None] and second.total is None
