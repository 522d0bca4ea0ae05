"""Completing the interviews decides every candidate still invited: one who
never booked a place (or whose booking went) was not interviewed, so has no
outcome to record and no row on the overview; completion makes them
unsuccessful, with the reason, and tells them in words that do not thank
them for coming. The completion page says who they are before it is done."""

import pytest
from django.urls import reverse

from accounts.models import OutgoingEmail
from candidates.models import Application, ApplicationEvent
from candidates.services import withdraw_application
from interviews import scoring, services
from interviews.models import InterviewEvent
from tests.factories import UserFactory

from . import scoring_support
from .conftest import shortlist

booked = scoring_support.booked  # a fixture

pytestmark = pytest.mark.django_db

Status = Application.Status


@pytest.fixture
def not_booked(vacancy, interview_round, recruiter):
    """Dina Doctor, invited to the round, who never booked a place."""
    application = shortlist(vacancy, UserFactory(full_name="Dina Doctor"), 3)
    services.invite(round_id=interview_round.pk, application_ids=[application.pk], actor=recruiter)
    return Application.objects.get(pk=application.pk)


@pytest.fixture
def decided(booked, hiring_manager):
    application, other = booked
    scoring.record_outcome(application_id=application.pk, actor=hiring_manager, decision="appoint")
    scoring.record_outcome(application_id=other.pk, actor=hiring_manager, decision="reserve")
    return booked


def test_completing_makes_a_candidate_who_never_booked_unsuccessful_and_tells_them(
    vacancy, decided, not_booked, hiring_manager
):
    OutgoingEmail.objects.all().delete()

    moved = scoring.complete_interviews(vacancy_id=vacancy.pk, actor=hiring_manager)

    assert not_booked.pk in [application.pk for application in moved]
    application = Application.objects.get(pk=not_booked.pk)
    assert application.status == Status.UNSUCCESSFUL
    assert application.unsuccessful_at is not None
    event = ApplicationEvent.objects.get(application=not_booked, to_status=Status.UNSUCCESSFUL)
    assert (event.actor, event.note) == (hiring_manager, "Did not book an interview")
    email = OutgoingEmail.objects.get(to__contains="contact3@example.org")
    assert "Dear Dina Doctor" in email.body
    assert "did not book an interview" in email.body
    assert "Thank you for coming to interview" not in email.body
    assert f"/applications/{not_booked.pk}/" in email.body
    completed = InterviewEvent.objects.get(vacancy=vacancy, kind=InterviewEvent.Kind.COMPLETED)
    assert completed.note == "3 candidates told their outcome"


def test_a_refused_completion_leaves_the_candidate_who_never_booked_invited(
    vacancy, booked, not_booked, hiring_manager
):
    application, _other = booked
    scoring.record_outcome(application_id=application.pk, actor=hiring_manager, decision="appoint")
    sent = OutgoingEmail.objects.count()

    with pytest.raises(scoring.InterviewsRefused, match="Still to decide: Colin Candidate"):
        scoring.complete_interviews(vacancy_id=vacancy.pk, actor=hiring_manager)

    assert Application.objects.get(pk=not_booked.pk).status == Status.INVITED_TO_INTERVIEW
    assert OutgoingEmail.objects.count() == sent


def test_a_candidate_who_withdrew_without_booking_stays_withdrawn(vacancy, decided, not_booked, hiring_manager):
    withdraw_application(application_id=not_booked.pk, actor=not_booked.candidate)

    moved = scoring.complete_interviews(vacancy_id=vacancy.pk, actor=hiring_manager)

    assert len(moved) == 2
    assert Application.objects.get(pk=not_booked.pk).status == Status.WITHDRAWN


def test_the_completion_page_names_who_did_not_book(client, vacancy, decided, not_booked, hiring_manager):
    client.force_login(hiring_manager)

    page = client.get(reverse("interviews:interviews_complete", kwargs={"reference": vacancy.reference}))

    html = page.content.decode()
    assert page.context["not_booked"] == ["Dina Doctor"]
    assert "Did not book an interview" in html
    assert "Dina Doctor" in html
