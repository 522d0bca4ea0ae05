"""A booking deadline per round, the invited candidates who have not booked
(before the deadline "not booked yet", after it "not booked by the
deadline"), and chasing them: an e-mail, Invitation.chased_at and a CHASED event."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import OutgoingEmail
from candidates.services import withdraw_application
from interviews import services
from interviews.models import InterviewEvent, InterviewRound, Invitation, Slot
from organisations.models import Membership
from tests.factories import MembershipFactory

from .conftest import make_round
from .test_pages import round_form

pytestmark = pytest.mark.django_db


def chase_url(vacancy, interview_round, application):
    return reverse(
        "interviews:invitation_chase",
        kwargs={"reference": vacancy.reference, "round_id": interview_round.pk, "application_id": application.pk},
    )


def detail_url(vacancy, interview_round):
    return reverse("interviews:round_detail", kwargs={"reference": vacancy.reference, "round_id": interview_round.pk})


def first_slot(interview_round):
    return Slot.objects.filter(round=interview_round).order_by("starts_at").first()


# The deadline -----------------------------------------------------------------------------------


def test_round_create_page_keeps_the_booking_deadline_as_the_end_of_that_day(client, vacancy, recruiter, interview_day):
    deadline = interview_day - datetime.timedelta(days=2)
    client.force_login(recruiter)

    client.post(reverse("interviews:round_create", kwargs={"reference": vacancy.reference}), round_form(
        interview_day, booking_deadline_day=str(deadline.day), booking_deadline_month=str(deadline.month),
        booking_deadline_year=str(deadline.year),
    ))

    local = timezone.localtime(InterviewRound.objects.get().booking_deadline)
    assert (local.date(), local.hour, local.minute) == (deadline, 23, 59)


def test_round_create_page_without_a_deadline_makes_a_round_without_one(client, vacancy, recruiter, interview_day):
    client.force_login(recruiter)

    client.post(reverse("interviews:round_create", kwargs={"reference": vacancy.reference}), round_form(interview_day))

    assert InterviewRound.objects.get().booking_deadline is None


@pytest.mark.parametrize("days_from_interviews", [1, -8])
def test_round_create_page_refuses_a_deadline_after_the_interviews_or_in_the_past(
    client, vacancy, recruiter, interview_day, days_from_interviews
):
    deadline = interview_day + datetime.timedelta(days=days_from_interviews)
    client.force_login(recruiter)

    response = client.post(reverse("interviews:round_create", kwargs={"reference": vacancy.reference}), round_form(
        interview_day, booking_deadline_day=str(deadline.day), booking_deadline_month=str(deadline.month),
        booking_deadline_year=str(deadline.year),
    ))

    assert response.status_code == 200
    assert response.context["form"].errors["booking_deadline"] == [
        "The deadline to book must be after now and before the last interview starts."
    ]
    assert response.context["form"]["name"].value() == "First interviews"
    assert not InterviewRound.objects.exists()


# Who has not booked -----------------------------------------------------------------------------


def test_round_page_lists_the_not_booked_as_not_booked_yet_before_the_deadline(
    client, vacancy, interview_round, invited, recruiter, candidate
):
    application, other = invited
    InterviewRound.objects.filter(pk=interview_round.pk).update(booking_deadline=timezone.now() + datetime.timedelta(days=2))
    services.book_slot(slot_id=first_slot(interview_round).pk, application_id=application.pk, actor=candidate)
    client.force_login(recruiter)

    response = client.get(detail_url(vacancy, interview_round))

    content = response.content.decode()
    assert [entry["application"] for entry in response.context["not_booked"]] == [other]
    assert "Invited, not booked yet" in content
    assert "Not booked by the deadline" not in content
    assert 'id="booking-deadline"' in content
    assert chase_url(vacancy, interview_round, other) in content
    assert chase_url(vacancy, interview_round, application) not in content


def test_round_page_lists_the_not_booked_by_the_deadline_once_it_has_passed(
    client, vacancy, interview_round, invited, recruiter
):
    InterviewRound.objects.filter(pk=interview_round.pk).update(booking_deadline=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(recruiter)

    response = client.get(detail_url(vacancy, interview_round))

    assert response.context["deadline_passed"] is True
    assert "Not booked by the deadline" in response.content.decode()
    assert len(response.context["not_booked"]) == 2


# Chasing ----------------------------------------------------------------------------------------


def test_chase_emails_the_candidate_and_records_it(interview_round, invited, recruiter):
    application, _other = invited
    deadline = timezone.make_aware(datetime.datetime(2030, 3, 8, 23, 59))
    InterviewRound.objects.filter(pk=interview_round.pk).update(booking_deadline=deadline)
    OutgoingEmail.objects.all().delete()
    now = timezone.now()

    services.chase(round_id=interview_round.pk, application_id=application.pk, actor=recruiter, now=now)

    assert Invitation.objects.get(application=application).chased_at == now
    event = InterviewEvent.objects.get(kind=InterviewEvent.Kind.CHASED)
    assert (event.application, event.actor, event.round, event.vacancy_id) == (
        application, recruiter, interview_round, interview_round.vacancy_id
    )
    email = OutgoingEmail.objects.get()
    assert email.to == ["contact1@example.org"]
    assert email.subject == "Choose a time for your interview for Staff Nurse, Acute Medicine"
    assert "Dear Cara Candidate," in email.body
    assert "Please choose a time by Friday 8 March 2030, 11:59pm at http://localhost:8000/applications/" in email.body


def test_chase_without_a_deadline_asks_as_soon_as_they_can(interview_round, invited, recruiter):
    application, _other = invited
    OutgoingEmail.objects.all().delete()

    services.chase(round_id=interview_round.pk, application_id=application.pk, actor=recruiter)

    assert "Please choose a time as soon as you can at" in OutgoingEmail.objects.get().body


def test_chase_of_a_candidate_who_booked_is_refused(interview_round, invited, recruiter, candidate):
    application, _other = invited
    services.book_slot(slot_id=first_slot(interview_round).pk, application_id=application.pk, actor=candidate)
    before = OutgoingEmail.objects.count()

    with pytest.raises(services.ChaseRefused, match="has booked a time already"):
        services.chase(round_id=interview_round.pk, application_id=application.pk, actor=recruiter)

    assert Invitation.objects.get(application=application).chased_at is None
    assert OutgoingEmail.objects.count() == before
    assert not InterviewEvent.objects.filter(kind=InterviewEvent.Kind.CHASED).exists()


def test_chase_of_a_withdrawn_candidate_is_refused(interview_round, invited, recruiter, candidate):
    application, _other = invited
    withdraw_application(application_id=application.pk, actor=candidate)

    with pytest.raises(services.ChaseRefused, match="no longer invited"):
        services.chase(round_id=interview_round.pk, application_id=application.pk, actor=recruiter)


def test_chase_button_chases_and_the_round_page_says_when(client, vacancy, interview_round, invited, recruiter):
    application, _other = invited
    client.force_login(recruiter)

    response = client.post(chase_url(vacancy, interview_round, application), follow=True)

    content = response.content.decode()
    assert response.redirect_chain[-1][0] == detail_url(vacancy, interview_round)
    assert "Cara Candidate has been e-mailed a reminder to book." in content
    assert "(reminded " in content
    assert Invitation.objects.get(application=application).chased_at is not None
    assert OutgoingEmail.objects.filter(subject__startswith="Choose a time").count() == 1


def test_chase_button_for_a_booked_candidate_says_why_not(client, vacancy, interview_round, invited, recruiter, candidate):
    application, _other = invited
    services.book_slot(slot_id=first_slot(interview_round).pk, application_id=application.pk, actor=candidate)
    client.force_login(recruiter)

    response = client.post(chase_url(vacancy, interview_round, application), follow=True)

    assert "This candidate has booked a time already." in response.content.decode()
    assert Invitation.objects.get(application=application).chased_at is None


@pytest.fixture
def staff_not_on_the_round(trust_a):
    return MembershipFactory(organisation=trust_a, role=Membership.Role.HIRING_MANAGER,
                             user__full_name="Nina Notonit").user


@pytest.mark.parametrize("who", ["other_recruiter", "candidate", "other_candidate", "panel_member",
                                 "staff_not_on_the_round"])
def test_chase_is_404_to_those_who_do_not_run_the_interviews(client, request, vacancy, interview_round, invited, who):
    application, _other = invited
    client.force_login(request.getfixturevalue(who))

    assert client.post(chase_url(vacancy, interview_round, application)).status_code == 404
    assert client.get(chase_url(vacancy, interview_round, application)).status_code in (404, 405)
    assert Invitation.objects.get(application=application).chased_at is None


def test_chase_of_an_application_not_invited_to_the_round_is_404(
    client, vacancy, interview_round, invited, recruiter, interview_day
):
    application, _other = invited
    other_round = make_round(vacancy, recruiter, interview_day, start=(14, 0), end=(15, 0))
    client.force_login(recruiter)

    assert client.post(chase_url(vacancy, other_round, application)).status_code == 404


def test_chase_by_an_anonymous_visitor_sends_nothing(client, vacancy, interview_round, invited):
    application, _other = invited

    response = client.post(chase_url(vacancy, interview_round, application))

    assert response.status_code == 302
    assert Invitation.objects.get(application=application).chased_at is None
