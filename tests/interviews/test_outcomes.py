"""Interview outcomes and completing the interviews (interviews.scoring):
only the hiring manager or a recruiter of the trust decides; completing
needs an outcome for every interviewed candidate and one to appoint, moves
the applications in one go and queues the outcome e-mails to each contact
address; candidates then see their status."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import OutgoingEmail
from candidates.models import Application, ApplicationEvent
from candidates.services import withdraw_application
from interviews import scoring, services
from interviews.models import InterviewEvent, InterviewOutcome
from tests.factories import UserFactory
from vacancies.models import Vacancy

from . import scoring_support
from .conftest import shortlist
from .scoring_support import slots

booked = scoring_support.booked  # a fixture

pytestmark = pytest.mark.django_db

Status = Application.Status


@pytest.fixture
def third(vacancy, interview_round, recruiter):
    """A third candidate, invited and booked at 11:00."""
    application = shortlist(vacancy, UserFactory(full_name="Dina Doctor"), 3)
    services.invite(round_id=interview_round.pk, application_ids=[application.pk], actor=recruiter)
    services.book_slot(slot_id=slots(interview_round)[2].pk, application_id=application.pk, actor=recruiter,
                       on_behalf=True)
    return Application.objects.get(pk=application.pk)


def status(application):
    return Application.objects.get(pk=application.pk).status


# Recording outcomes ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["hiring_manager", "recruiter"])
def test_hiring_manager_or_recruiter_records_an_outcome_with_its_event(request, booked, who):
    application, _other = booked
    actor = request.getfixturevalue(who)

    scoring.record_outcome(application_id=application.pk, actor=actor, decision="appoint")
    scoring.record_outcome(application_id=application.pk, actor=actor, decision="reserve")

    outcome = InterviewOutcome.objects.get()
    assert (outcome.application, outcome.decision, outcome.decided_by) == (application, "reserve", actor)
    assert InterviewEvent.objects.filter(kind=InterviewEvent.Kind.OUTCOME_RECORDED, actor=actor).count() == 2
    assert status(application) == Status.INVITED_TO_INTERVIEW  # nothing moves until completion


@pytest.mark.parametrize("who", ["panel_member", "other_recruiter", "candidate"])
def test_nobody_else_records_an_outcome(request, booked, who):
    application, _other = booked

    with pytest.raises(PermissionDenied):
        scoring.record_outcome(application_id=application.pk, actor=request.getfixturevalue(who), decision="appoint")

    assert not InterviewOutcome.objects.exists()


def test_unsuccessful_needs_a_reason(booked, hiring_manager):
    application, _other = booked

    with pytest.raises(scoring.InterviewsRefused, match="Give the reason"):
        scoring.record_outcome(application_id=application.pk, actor=hiring_manager, decision="unsuccessful",
                               reason="   ")
    scoring.record_outcome(application_id=application.pk, actor=hiring_manager, decision="unsuccessful",
                           reason="Did not show the clinical judgement the post needs")

    assert InterviewOutcome.objects.get().reason == "Did not show the clinical judgement the post needs"


def test_the_database_refuses_an_unsuccessful_outcome_without_a_reason(booked, hiring_manager):
    application, _other = booked

    with pytest.raises(IntegrityError), transaction.atomic():
        InterviewOutcome.objects.create(application=application, decision="unsuccessful", decided_by=hiring_manager)


def test_no_outcome_for_a_candidate_not_interviewed(invited, hiring_manager):
    application, _other = invited  # invited, but never booked

    with pytest.raises(scoring.InterviewsRefused, match="has not been interviewed"):
        scoring.record_outcome(application_id=application.pk, actor=hiring_manager, decision="appoint")


# Completing ------------------------------------------------------------------------------------


def test_completing_moves_each_application_writes_the_event_and_queues_the_emails(
    vacancy, booked, third, hiring_manager
):
    application, other = booked
    scoring.record_outcome(application_id=application.pk, actor=hiring_manager, decision="appoint")
    scoring.record_outcome(application_id=other.pk, actor=hiring_manager, decision="reserve")
    scoring.record_outcome(application_id=third.pk, actor=hiring_manager, decision="unsuccessful",
                           reason="Less experience of acute medicine")
    OutgoingEmail.objects.all().delete()

    moved = scoring.complete_interviews(vacancy_id=vacancy.pk, actor=hiring_manager)

    assert len(moved) == 3
    assert [status(a) for a in (application, other, third)] == [
        Status.PREFERRED, Status.INTERVIEW_RESERVE, Status.UNSUCCESSFUL,
    ]
    assert Application.objects.get(pk=application.pk).preferred_at is not None
    assert Application.objects.get(pk=third.pk).unsuccessful_at is not None
    assert ApplicationEvent.objects.get(application=third, to_status=Status.UNSUCCESSFUL).note == (
        "Less experience of acute medicine"
    )
    completed = InterviewEvent.objects.filter(vacancy=vacancy, kind=InterviewEvent.Kind.COMPLETED)
    assert [event.actor for event in completed] == [hiring_manager]
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.INTERVIEWING
    emails = {email.to[0]: email for email in OutgoingEmail.objects.all()}
    assert sorted(emails) == ["contact1@example.org", "contact2@example.org", "contact3@example.org"]
    assert "you are our preferred candidate" in emails["contact1@example.org"].body
    assert "Dear Cara Candidate" in emails["contact1@example.org"].body
    assert "reserve list" in emails["contact2@example.org"].body
    assert "not been successful" in emails["contact3@example.org"].body
    # The reason is for the record, not for the e-mail.
    assert "acute medicine" not in emails["contact3@example.org"].body
    link = f"/applications/{application.pk}/"
    assert link in emails["contact1@example.org"].body


def test_completing_refuses_while_a_candidate_has_no_outcome(vacancy, booked, hiring_manager):
    application, other = booked
    scoring.record_outcome(application_id=application.pk, actor=hiring_manager, decision="appoint")

    with pytest.raises(scoring.InterviewsRefused, match="Still to decide: Colin Candidate"):
        scoring.complete_interviews(vacancy_id=vacancy.pk, actor=hiring_manager)

    assert status(application) == Status.INVITED_TO_INTERVIEW
    assert not OutgoingEmail.objects.filter(subject__contains="good news").exists()


def test_completing_refuses_without_anyone_to_appoint(vacancy, booked, hiring_manager):
    application, other = booked
    scoring.record_outcome(application_id=application.pk, actor=hiring_manager, decision="reserve")
    scoring.record_outcome(application_id=other.pk, actor=hiring_manager, decision="unsuccessful", reason="No")

    with pytest.raises(scoring.InterviewsRefused, match="at least one candidate to appoint"):
        scoring.complete_interviews(vacancy_id=vacancy.pk, actor=hiring_manager)

    assert not InterviewEvent.objects.filter(kind=InterviewEvent.Kind.COMPLETED).exists()


def test_completing_skips_a_candidate_who_withdrew(vacancy, booked, hiring_manager, candidate, other_candidate):
    application, other = booked
    scoring.record_outcome(application_id=application.pk, actor=hiring_manager, decision="appoint")
    withdraw_application(application_id=other.pk, actor=other_candidate)

    scoring.complete_interviews(vacancy_id=vacancy.pk, actor=hiring_manager)

    assert (status(application), status(other)) == (Status.PREFERRED, Status.WITHDRAWN)


def test_completing_twice_is_refused_and_changes_nothing(vacancy, booked, hiring_manager, recruiter):
    application, other = booked
    scoring.record_outcome(application_id=application.pk, actor=hiring_manager, decision="appoint")
    scoring.record_outcome(application_id=other.pk, actor=hiring_manager, decision="reserve")
    scoring.complete_interviews(vacancy_id=vacancy.pk, actor=hiring_manager)
    sent = OutgoingEmail.objects.count()

    with pytest.raises(scoring.InterviewsAlreadyComplete):
        scoring.complete_interviews(vacancy_id=vacancy.pk, actor=recruiter)
    with pytest.raises(scoring.InterviewsRefused, match="interviews are complete"):
        scoring.record_outcome(application_id=other.pk, actor=hiring_manager, decision="appoint")
    assert OutgoingEmail.objects.count() == sent


@pytest.mark.parametrize("who", ["panel_member", "other_recruiter"])
def test_only_the_hiring_manager_or_a_recruiter_completes(request, vacancy, booked, hiring_manager, who):
    application, other = booked
    scoring.record_outcome(application_id=application.pk, actor=hiring_manager, decision="appoint")
    scoring.record_outcome(application_id=other.pk, actor=hiring_manager, decision="reserve")

    with pytest.raises(PermissionDenied):
        scoring.complete_interviews(vacancy_id=vacancy.pk, actor=request.getfixturevalue(who))

    assert status(application) == Status.INVITED_TO_INTERVIEW


# What candidates see ---------------------------------------------------------------------------


def test_candidates_see_their_status_after_completion(client, vacancy, booked, third, hiring_manager, candidate):
    application, other = booked
    scoring.record_outcome(application_id=application.pk, actor=hiring_manager, decision="appoint")
    scoring.record_outcome(application_id=other.pk, actor=hiring_manager, decision="reserve")
    scoring.record_outcome(application_id=third.pk, actor=hiring_manager, decision="unsuccessful", reason="No")
    scoring.complete_interviews(vacancy_id=vacancy.pk, actor=hiring_manager)

    for application_of, tag, text in [
        (application, "nhsuk-tag--green", "Preferred candidate"),
        (other, "nhsuk-tag--yellow", "Reserve after interview"),
        (third, "nhsuk-tag--red", "Unsuccessful"),
    ]:
        client.force_login(application_of.candidate)
        page = client.get(reverse("candidates:application_list")).content.decode()
        assert f'<strong class="nhsuk-tag {tag}">{text}</strong>' in page
        detail = client.get(reverse("candidates:application_detail", kwargs={"application_id": application_of.pk}))
        assert text in detail.content.decode()
