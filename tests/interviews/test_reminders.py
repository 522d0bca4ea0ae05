"""The reminder the day before: a beat task claims each booking of a slot
starting tomorrow with a conditional UPDATE of reminder_sent_at, so it is
sent once even when beat runs twice at once, e-mails the reminder with the
booking's calendar entry and writes REMINDER_SENT."""

import datetime
import threading

import icalendar
import pytest
from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from accounts.models import OutgoingEmail
from interviews import services
from interviews.models import Booking, InterviewEvent, Slot
from organisations.models import Membership
from recruitment.celery import app
from tests.celery_worker import wait_until
from tests.factories import MembershipFactory, SiteFactory, UserFactory, VacancyFactory

from .conftest import make_round, shortlist

pytestmark = pytest.mark.django_db

REMINDER = "Reminder: your interview for Staff Nurse, Acute Medicine is tomorrow"


def slots(interview_round):
    return list(Slot.objects.filter(round=interview_round).order_by("starts_at"))


def at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def booked(interview_round, invited, candidate):
    application, _other = invited
    booking = services.book_slot(slot_id=slots(interview_round)[0].pk, application_id=application.pk, actor=candidate)
    OutgoingEmail.objects.all().delete()
    return booking


def reminders():
    return list(OutgoingEmail.objects.filter(subject=REMINDER))


def test_reminder_goes_the_day_before_with_the_calendar_entry(booked, interview_day):
    now = at(interview_day - datetime.timedelta(days=1), 10)

    assert services.send_interview_reminders(now=now) == 1

    (email,) = reminders()
    assert email.to == ["contact1@example.org"]
    assert "Dear Cara Candidate," in email.body
    assert "This is a reminder of your interview tomorrow for Staff Nurse, Acute Medicine" in email.body
    assert "Where: Seminar room 2, Worcestershire Royal Hospital" in email.body
    (calendar_part,) = [content for content, mimetype in email.alternatives if mimetype == "text/calendar"]
    calendar = icalendar.Calendar.from_ical(calendar_part)
    (event,) = calendar.walk("VEVENT")
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == booked.calendar_uid()
    assert event.decoded("DTSTART") == booked.slot.starts_at
    assert Booking.objects.get(pk=booked.pk).reminder_sent_at == now
    sent = InterviewEvent.objects.get(kind=InterviewEvent.Kind.REMINDER_SENT)
    assert (sent.application_id, sent.slot_id, sent.actor) == (booked.application_id, booked.slot_id, None)


@pytest.mark.parametrize(("days_before", "hour"), [(2, 23), (0, 7)])
def test_reminder_is_not_sent_on_other_days(booked, interview_day, days_before, hour):
    assert services.send_interview_reminders(now=at(interview_day - datetime.timedelta(days=days_before), hour)) == 0

    assert reminders() == []
    assert Booking.objects.get(pk=booked.pk).reminder_sent_at is None


def test_reminder_is_sent_once_when_the_task_runs_twice(booked, interview_day):
    now = at(interview_day - datetime.timedelta(days=1), 10)

    first = services.send_interview_reminders(now=now)
    second = services.send_interview_reminders(now=now + datetime.timedelta(hours=1))

    assert (first, second) == (1, 0)
    assert len(reminders()) == 1
    assert InterviewEvent.objects.filter(kind=InterviewEvent.Kind.REMINDER_SENT).count() == 1


def test_reminder_is_owed_again_when_the_booking_moves(booked, interview_round, interview_day, recruiter):
    now = at(interview_day - datetime.timedelta(days=1), 10)
    services.send_interview_reminders(now=now)

    services.move_booking(booking_id=booked.pk, to_slot_id=slots(interview_round)[2].pk, actor=recruiter, on_behalf=True)

    assert Booking.objects.get(pk=booked.pk).reminder_sent_at is None
    assert services.send_interview_reminders(now=now + datetime.timedelta(hours=1)) == 1
    assert len(reminders()) == 2


def test_reminder_is_not_sent_for_an_invited_candidate_who_has_not_booked(invited, interview_day):
    assert services.send_interview_reminders(now=at(interview_day - datetime.timedelta(days=1), 10)) == 0

    assert reminders() == []


@pytest.mark.django_db(transaction=True)
def test_reminder_claimed_by_two_runs_at_once_is_sent_once(booked, interview_day):
    if connection.vendor != "postgresql":
        pytest.skip("Two runs at once need PostgreSQL's row locks")
    now = at(interview_day - datetime.timedelta(days=1), 10)
    barrier = threading.Barrier(2)
    sent = []

    def run():
        try:
            barrier.wait(timeout=10)
            sent.append(services.send_interview_reminders(now=now))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(sent) == [0, 1]
    assert len(reminders()) == 1
    assert InterviewEvent.objects.filter(kind=InterviewEvent.Kind.REMINDER_SENT).count() == 1


def test_reminder_task_is_in_the_beat_schedule():
    tasks = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]

    assert "interviews.send_interview_reminders" in tasks


@pytest.mark.worker
def test_reminder_task_sends_the_reminder_on_a_real_worker(celery_worker_process, settings):
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"
    recruiter = MembershipFactory(role=Membership.Role.RECRUITER).user
    organisation = recruiter.memberships.get().organisation
    vacancy = VacancyFactory(organisation=organisation, status="interviewing", title="Staff Nurse, Acute Medicine",
                             sites=[SiteFactory(organisation=organisation)])
    application = shortlist(vacancy, UserFactory(), 1)
    interview_round = make_round(vacancy, recruiter, timezone.localdate() + datetime.timedelta(days=1))
    services.invite(round_id=interview_round.pk, application_ids=[application.pk], actor=recruiter)
    booking = services.book_slot(
        slot_id=slots(interview_round)[0].pk, application_id=application.pk, actor=recruiter, on_behalf=True
    )

    with transaction.atomic():
        transaction.on_commit(lambda: app.send_task("interviews.send_interview_reminders"))

    assert wait_until(lambda: Booking.objects.get(pk=booking.pk).reminder_sent_at is not None, 60), (
        celery_worker_process.log()
    )
    assert wait_until(lambda: len(reminders()) == 1, 30)
    assert "interviews.send_interview_reminders" in celery_worker_process.log()
