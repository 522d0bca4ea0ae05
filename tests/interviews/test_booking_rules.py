"""Booking rules: nobody books a full slot (even racing for the last place),
one booking per candidate per round (the database says so too), candidates
only until the cut-off, and a withdrawn candidate's place is freed."""

import datetime
import threading

import pytest
from django.db import IntegrityError, close_old_connections, connection, transaction

from candidates.models import Application
from candidates.services import withdraw_application
from interviews import services
from interviews.models import Booking, InterviewEvent, Slot
from tests.factories import UserFactory

from .conftest import make_round, shortlist

pytestmark = pytest.mark.django_db

FULL = "This interview slot is full: choose another."


def slots(interview_round):
    return list(Slot.objects.filter(round=interview_round).order_by("starts_at"))


def test_booking_a_slot_writes_the_booking_and_its_event(interview_round, invited, candidate):
    application, _other = invited
    first = slots(interview_round)[0]

    booking = services.book_slot(slot_id=first.pk, application_id=application.pk, actor=candidate)

    assert Booking.objects.get() == booking
    assert (booking.round_id, booking.slot_id, booking.application_id, booking.sequence) == (
        interview_round.pk, first.pk, application.pk, 0,
    )
    event = InterviewEvent.objects.get(kind=InterviewEvent.Kind.BOOKED)
    assert (event.actor, event.application_id, event.slot_id) == (candidate, application.pk, first.pk)


def test_booking_a_full_slot_is_refused(interview_round, invited, candidate, other_candidate):
    application, other = invited
    first = slots(interview_round)[0]
    services.book_slot(slot_id=first.pk, application_id=application.pk, actor=candidate)

    with pytest.raises(services.BookingRefused, match=FULL):
        services.book_slot(slot_id=first.pk, application_id=other.pk, actor=other_candidate)

    assert list(Booking.objects.values_list("application_id", flat=True)) == [application.pk]


def test_booking_a_group_slot_takes_up_to_its_capacity(vacancy, recruiter, interview_day):
    group = make_round(vacancy, recruiter, interview_day, start=(14, 0), end=(15, 0), length=60, capacity=2)
    applications = [shortlist(vacancy, UserFactory(), number) for number in (11, 12, 13)]
    services.invite(round_id=group.pk, application_ids=[a.pk for a in applications], actor=recruiter)
    slot = slots(group)[0]

    for application in applications[:2]:
        services.book_slot(slot_id=slot.pk, application_id=application.pk, actor=recruiter)
    with pytest.raises(services.BookingRefused, match=FULL):
        services.book_slot(slot_id=slot.pk, application_id=applications[2].pk, actor=recruiter)

    assert Booking.objects.filter(slot=slot).count() == 2


def test_booking_twice_in_a_round_is_refused(interview_round, invited, candidate):
    application, _other = invited
    first, second, _third = slots(interview_round)
    services.book_slot(slot_id=first.pk, application_id=application.pk, actor=candidate)

    with pytest.raises(services.BookingRefused, match="You already have an interview booked in this round"):
        services.book_slot(slot_id=second.pk, application_id=application.pk, actor=candidate)

    assert list(Booking.objects.values_list("slot_id", flat=True)) == [first.pk]


def test_booking_twice_in_a_round_is_refused_by_the_database(interview_round, invited):
    application, _other = invited
    first, second, _third = slots(interview_round)
    Booking.objects.create(round=interview_round, slot=first, application=application)

    # PostgreSQL names the constraint; SQLite names its columns.
    refused = "booking_one_per_application_per_round|interviews_booking.round_id, interviews_booking.application_id"
    with pytest.raises(IntegrityError, match=refused), transaction.atomic():
        Booking.objects.create(round=interview_round, slot=second, application=application)


def test_booking_by_an_application_not_invited_is_refused(interview_round, vacancy, other_candidate):
    not_invited = shortlist(vacancy, other_candidate, 5)

    with pytest.raises(services.BookingRefused, match="not invited to book a slot in this round"):
        services.book_slot(slot_id=slots(interview_round)[0].pk, application_id=not_invited.pk, actor=other_candidate)

    assert not Booking.objects.exists()


def test_booking_by_the_candidate_after_the_cutoff_is_refused(interview_round, invited, candidate, settings):
    settings.INTERVIEW_BOOKING_CUTOFF_HOURS = 24
    application, _other = invited
    first = slots(interview_round)[0]
    too_late = first.starts_at - datetime.timedelta(hours=23)

    with pytest.raises(services.BookingRefused, match="less than 24 hours before this interview"):
        services.book_slot(slot_id=first.pk, application_id=application.pk, actor=candidate, now=too_late)

    assert not Booking.objects.exists()


def test_booking_by_the_candidate_just_before_the_cutoff_is_made(interview_round, invited, candidate):
    application, _other = invited
    first = slots(interview_round)[0]
    in_time = first.starts_at - datetime.timedelta(hours=24, minutes=1)

    services.book_slot(slot_id=first.pk, application_id=application.pk, actor=candidate, now=in_time)

    assert Booking.objects.get().slot == first


def test_booking_changes_by_the_candidate_after_the_cutoff_are_refused(interview_round, invited, candidate):
    application, _other = invited
    first, second, _third = slots(interview_round)
    booking = services.book_slot(slot_id=first.pk, application_id=application.pk, actor=candidate)
    too_late = first.starts_at - datetime.timedelta(hours=2)

    with pytest.raises(services.BookingRefused, match="less than 24 hours"):
        services.move_booking(booking_id=booking.pk, to_slot_id=second.pk, actor=candidate, now=too_late)
    with pytest.raises(services.BookingRefused, match="less than 24 hours"):
        services.cancel_booking(booking_id=booking.pk, actor=candidate, now=too_late)

    assert Booking.objects.get().slot == first


def test_booking_by_a_recruiter_after_the_cutoff_is_made(interview_round, invited, recruiter):
    application, _other = invited
    first, second, _third = slots(interview_round)
    too_late_for_candidates = first.starts_at - datetime.timedelta(hours=2)

    booking = services.book_slot(
        slot_id=first.pk, application_id=application.pk, actor=recruiter, on_behalf=True, now=too_late_for_candidates
    )
    services.move_booking(
        booking_id=booking.pk, to_slot_id=second.pk, actor=recruiter, on_behalf=True, now=too_late_for_candidates
    )

    assert Booking.objects.get().slot == second
    assert InterviewEvent.objects.get(kind=InterviewEvent.Kind.BOOKED).note == "Booked on the candidate's behalf"


def test_booking_moved_into_a_full_slot_is_refused(interview_round, invited, candidate, other_candidate):
    application, other = invited
    first, second, _third = slots(interview_round)
    services.book_slot(slot_id=first.pk, application_id=application.pk, actor=candidate)
    mine = services.book_slot(slot_id=second.pk, application_id=other.pk, actor=other_candidate)

    with pytest.raises(services.BookingRefused, match=FULL):
        services.move_booking(booking_id=mine.pk, to_slot_id=first.pk, actor=other_candidate)

    assert Booking.objects.get(pk=mine.pk).slot == second


def test_booking_cancelled_frees_the_place(interview_round, invited, candidate, other_candidate):
    application, other = invited
    first = slots(interview_round)[0]
    booking = services.book_slot(slot_id=first.pk, application_id=application.pk, actor=candidate)

    services.cancel_booking(booking_id=booking.pk, actor=candidate)
    services.book_slot(slot_id=first.pk, application_id=other.pk, actor=other_candidate)

    assert list(Booking.objects.values_list("application_id", flat=True)) == [other.pk]
    assert InterviewEvent.objects.filter(kind=InterviewEvent.Kind.CANCELLED, application=application).count() == 1


def test_booking_of_a_withdrawn_candidate_frees_the_slot(interview_round, invited, candidate, other_candidate):
    application, other = invited
    first = slots(interview_round)[0]
    services.book_slot(slot_id=first.pk, application_id=application.pk, actor=candidate)
    withdraw_application(application_id=application.pk, actor=candidate)

    services.book_slot(slot_id=first.pk, application_id=other.pk, actor=other_candidate)

    assert list(Booking.objects.values_list("application_id", flat=True)) == [other.pk]
    freed = InterviewEvent.objects.get(kind=InterviewEvent.Kind.FREED_ON_WITHDRAWAL)
    assert (freed.application_id, freed.slot_id) == (application.pk, first.pk)
    assert Slot.objects.with_booked_count().get(pk=first.pk).booked_count == 1


def test_booking_of_a_withdrawn_candidate_is_not_counted_as_taken(interview_round, invited, candidate):
    application, _other = invited
    first = slots(interview_round)[0]
    services.book_slot(slot_id=first.pk, application_id=application.pk, actor=candidate)

    withdraw_application(application_id=application.pk, actor=candidate)

    assert Application.objects.get(pk=application.pk).status == Application.Status.WITHDRAWN
    assert Slot.objects.with_booked_count().get(pk=first.pk).booked_count == 0


@pytest.mark.django_db(transaction=True)
def test_booking_two_candidates_racing_for_the_last_place_get_one_booking(
    interview_round, invited, candidate, other_candidate
):
    if connection.vendor != "postgresql":
        pytest.skip("The race needs PostgreSQL's row locks")
    application, other = invited
    last = slots(interview_round)[0]
    barrier = threading.Barrier(2)
    outcomes = {}

    def book(application_id, actor):
        try:
            barrier.wait(timeout=10)
            services.book_slot(slot_id=last.pk, application_id=application_id, actor=actor)
            outcomes[application_id] = "booked"
        except services.BookingRefused as refusal:
            outcomes[application_id] = str(refusal)
        finally:
            close_old_connections()
            connection.close()

    threads = [
        threading.Thread(target=book, args=(application.pk, candidate)),
        threading.Thread(target=book, args=(other.pk, other_candidate)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == sorted(["booked", FULL])
    assert Booking.objects.filter(slot=last).count() == 1
    winner = next(pk for pk, outcome in outcomes.items() if outcome == "booked")
    assert Booking.objects.get(slot=last).application_id == winner
