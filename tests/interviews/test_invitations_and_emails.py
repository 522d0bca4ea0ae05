"""Invitations and the e-mails of a booking: the invitation moves the
application and writes to the contact address with a link to book; each
booking e-mail carries a calendar entry (parsed back with icalendar) whose
UID stays the same when the booking moves, so calendars update one entry."""

import datetime

import icalendar
import pytest
from django.db import transaction
from django.utils import timezone

from accounts.models import OutgoingEmail
from candidates.models import Application, ApplicationEvent
from candidates.services import TransitionNotAllowed
from interviews import services
from interviews.models import InterviewEvent, Invitation, Slot
from organisations.models import Membership
from tests.celery_worker import wait_until
from tests.factories import MembershipFactory, SiteFactory, UserFactory, VacancyFactory

from .conftest import make_round, shortlist

pytestmark = pytest.mark.django_db


def calendar_of(email):
    """The one calendar entry of an e-mail: (METHOD, its VEVENT)."""
    parts = [content for content, mimetype in email.alternatives if mimetype == "text/calendar"]
    assert len(parts) == 1
    calendar = icalendar.Calendar.from_ical(parts[0])
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return str(calendar["METHOD"]), events[0]


def slots(interview_round):
    return list(Slot.objects.filter(round=interview_round).order_by("starts_at"))


def test_invite_moves_shortlisted_applications_and_records_it(interview_round, application, other_application, recruiter):
    invitations = services.invite(
        round_id=interview_round.pk, application_ids=[application.pk, other_application.pk], actor=recruiter
    )

    assert [i.application_id for i in invitations] == [application.pk, other_application.pk]
    assert set(Application.objects.values_list("status", flat=True)) == {"invited_to_interview"}
    assert Invitation.objects.filter(round=interview_round, invited_by=recruiter).count() == 2
    event = ApplicationEvent.objects.get(application=application, to_status="invited_to_interview")
    assert (event.from_status, event.actor, event.note) == ("shortlisted", recruiter, "Invited to Interviews")
    assert InterviewEvent.objects.filter(kind=InterviewEvent.Kind.INVITED).count() == 2


def test_invite_emails_the_contact_address_a_link_to_book(interview_round, application, recruiter, candidate):
    services.invite(round_id=interview_round.pk, application_ids=[application.pk], actor=recruiter)

    email = OutgoingEmail.objects.get()
    assert email.to == ["contact1@example.org"]
    assert candidate.email not in email.to
    assert email.subject == "Book your interview for Staff Nurse, Acute Medicine"
    assert "Dear Cara Candidate," in email.body
    assert f"http://localhost:8000/applications/{application.pk}/interview/" in email.body
    assert "until 24 hours before the interview" in email.body
    assert f"Application reference: {application.reference}" in email.body
    assert [mimetype for _content, mimetype in email.alternatives] == ["text/html"]


def test_invite_of_an_application_not_shortlisted_changes_nothing(interview_round, application, vacancy, recruiter):
    withdrawn = shortlist(vacancy, None, 9)
    Application.objects.filter(pk=withdrawn.pk).update(status="withdrawn")

    with pytest.raises(TransitionNotAllowed):
        services.invite(round_id=interview_round.pk, application_ids=[application.pk, withdrawn.pk], actor=recruiter)

    assert Application.objects.get(pk=application.pk).status == "shortlisted"
    assert not Invitation.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_invite_ignores_applications_of_other_vacancies(interview_round, application, recruiter, trust_b):
    elsewhere = shortlist(VacancyFactory(organisation=trust_b, status="interviewing"), None, 3)

    services.invite(round_id=interview_round.pk, application_ids=[application.pk, elsewhere.pk], actor=recruiter)

    assert list(Invitation.objects.values_list("application_id", flat=True)) == [application.pk]
    assert Application.objects.get(pk=elsewhere.pk).status == "shortlisted"


def test_booking_confirmation_carries_a_calendar_entry(interview_round, invited, candidate):
    application, _other = invited
    OutgoingEmail.objects.all().delete()
    first = slots(interview_round)[0]

    booking = services.book_slot(slot_id=first.pk, application_id=application.pk, actor=candidate)

    email = OutgoingEmail.objects.get()
    assert email.to == ["contact1@example.org"]
    assert email.subject == "Your interview for Staff Nurse, Acute Medicine is booked"
    assert "Where: Seminar room 2, Worcestershire Royal Hospital, Infirmary Lane, Testford, Testshire, WR5 1DD" in email.body
    assert "Questions: Rita Recruiter recruitment@example.org" in email.body
    method, event = calendar_of(email)
    assert method == "REQUEST"
    assert str(event["UID"]) == booking.calendar_uid()
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == first.starts_at
    assert event.decoded("DTEND") == first.ends_at
    assert str(event["LOCATION"]).startswith("Seminar room 2, Worcestershire Royal Hospital")
    assert str(event["SUMMARY"]) == f"Interview: Staff Nurse, Acute Medicine ({interview_round.vacancy.organisation.name})"


def test_booking_moved_updates_the_same_calendar_entry(interview_round, invited, candidate):
    application, _other = invited
    first, second, _third = slots(interview_round)
    booking = services.book_slot(slot_id=first.pk, application_id=application.pk, actor=candidate)

    services.move_booking(booking_id=booking.pk, to_slot_id=second.pk, actor=candidate)

    confirmation, change = [email for email in OutgoingEmail.objects.order_by("pk") if "Your interview" in email.subject]
    assert change.subject == "Your interview for Staff Nurse, Acute Medicine has changed"
    _method, booked = calendar_of(confirmation)
    method, moved = calendar_of(change)
    assert method == "REQUEST"
    assert str(moved["UID"]) == str(booked["UID"])
    assert moved["SEQUENCE"] == 1
    assert moved.decoded("DTSTART") == second.starts_at
    local = timezone.localtime(first.starts_at)
    assert InterviewEvent.objects.get(kind=InterviewEvent.Kind.MOVED).note == f"Moved from {local:%d/%m/%Y %H:%M}"


def test_booking_cancelled_cancels_the_calendar_entry(interview_round, invited, candidate):
    application, _other = invited
    booking = services.book_slot(slot_id=slots(interview_round)[0].pk, application_id=application.pk, actor=candidate)

    services.cancel_booking(booking_id=booking.pk, actor=candidate)

    email = OutgoingEmail.objects.order_by("pk").last()
    assert email.subject == "Your interview for Staff Nurse, Acute Medicine is cancelled"
    method, event = calendar_of(email)
    assert method == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == booking.calendar_uid()
    assert event["SEQUENCE"] == 1


def test_booking_e_mail_is_not_written_when_the_booking_fails(interview_round, invited, candidate, other_candidate):
    application, other = invited
    first = slots(interview_round)[0]
    services.book_slot(slot_id=first.pk, application_id=application.pk, actor=candidate)
    before = OutgoingEmail.objects.count()

    with pytest.raises(services.BookingRefused):
        services.book_slot(slot_id=first.pk, application_id=other.pk, actor=other_candidate)

    assert OutgoingEmail.objects.count() == before


def test_invite_enqueues_the_email_only_on_commit(interview_round, application, recruiter,
                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        services.invite(round_id=interview_round.pk, application_ids=[application.pk], actor=recruiter)

    assert len(callbacks) == 1
    assert OutgoingEmail.objects.get().sent_at is None


@pytest.mark.worker
def test_invitation_email_is_delivered_by_a_real_worker(celery_worker_process, settings):
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"
    recruiter = MembershipFactory(role=Membership.Role.RECRUITER).user
    organisation = recruiter.memberships.get().organisation
    vacancy = VacancyFactory(organisation=organisation, status="interviewing",
                             sites=[SiteFactory(organisation=organisation)])
    application = shortlist(vacancy, UserFactory(), 1)
    interview_round = make_round(vacancy, recruiter, timezone.localdate() + datetime.timedelta(days=7))

    with transaction.atomic():
        services.invite(round_id=interview_round.pk, application_ids=[application.pk], actor=recruiter)

    email = OutgoingEmail.objects.get()
    assert wait_until(lambda: OutgoingEmail.objects.get(pk=email.pk).sent_at is not None, timeout=60), (
        celery_worker_process.log()
    )
    assert "accounts.send_outgoing_email" in celery_worker_process.log()
