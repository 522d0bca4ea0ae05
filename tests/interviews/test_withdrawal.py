"""A withdrawn candidate's slot frees at once: candidates sends
application_withdrawn inside the withdrawal, and interviews deletes the
booking with a FREED_ON_WITHDRAWAL event, so another candidate can book the
freed last place."""

import datetime

import pytest
from django.urls import reverse

from candidates.models import Application
from candidates.services import withdraw_application
from interviews import services
from interviews.models import Booking, InterviewEvent, Slot

from .conftest import make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_place_round(vacancy, recruiter, interview_day):
    """A round of one 45-minute slot."""
    return make_round(vacancy, recruiter, interview_day, start=(9, 0), end=(9, 45))


def test_withdrawing_deletes_the_booking_with_an_event(one_place_round, application, recruiter, candidate):
    services.invite(round_id=one_place_round.pk, application_ids=[application.pk], actor=recruiter)
    slot = Slot.objects.get(round=one_place_round)
    services.book_slot(slot_id=slot.pk, application_id=application.pk, actor=candidate)

    withdraw_application(application_id=application.pk, actor=candidate, reason="Took another job")

    assert not Booking.objects.exists()
    freed = InterviewEvent.objects.get(kind=InterviewEvent.Kind.FREED_ON_WITHDRAWAL)
    assert (freed.application_id, freed.slot_id, freed.round_id, freed.actor) == (
        application.pk, slot.pk, one_place_round.pk, candidate
    )
    assert freed.vacancy_id == one_place_round.vacancy_id


def test_after_withdrawing_another_candidate_books_the_freed_last_place(
    client, one_place_round, application, other_application, recruiter, candidate, other_candidate
):
    services.invite(
        round_id=one_place_round.pk, application_ids=[application.pk, other_application.pk], actor=recruiter
    )
    slot = Slot.objects.get(round=one_place_round)
    services.book_slot(slot_id=slot.pk, application_id=application.pk, actor=candidate)
    with pytest.raises(services.BookingRefused):
        services.book_slot(slot_id=slot.pk, application_id=other_application.pk, actor=other_candidate)
    client.force_login(candidate)
    client.post(reverse("candidates:application_withdraw", kwargs={"application_id": application.pk}),
                {"confirm": "yes", "reason": "Took another job"})
    assert Application.objects.get(pk=application.pk).status == Application.Status.WITHDRAWN
    assert Slot.objects.with_booked_count().get(pk=slot.pk).booked_count == 0

    client.force_login(other_candidate)
    client.post(
        reverse("interviews:candidate_book", kwargs={"application_id": other_application.pk, "round_id": one_place_round.pk}),
        {f"round-{one_place_round.pk}-slot": str(slot.pk)},
    )

    assert list(Booking.objects.values_list("application_id", flat=True)) == [other_application.pk]


def test_withdrawing_frees_the_bookings_of_every_round(
    vacancy, one_place_round, application, recruiter, candidate, interview_day
):
    second = make_round(vacancy, recruiter, interview_day + datetime.timedelta(days=1), start=(9, 0), end=(9, 45))
    services.invite(round_id=one_place_round.pk, application_ids=[application.pk], actor=recruiter)
    services.invite(round_id=second.pk, application_ids=[application.pk], actor=recruiter)
    for interview_round in (one_place_round, second):
        slot = Slot.objects.get(round=interview_round)
        services.book_slot(slot_id=slot.pk, application_id=application.pk, actor=candidate)

    withdraw_application(application_id=application.pk, actor=candidate)

    assert not Booking.objects.exists()
    assert InterviewEvent.objects.filter(kind=InterviewEvent.Kind.FREED_ON_WITHDRAWAL).count() == 2


def test_withdrawing_without_a_booking_frees_nothing(one_place_round, application, recruiter, candidate):
    services.invite(round_id=one_place_round.pk, application_ids=[application.pk], actor=recruiter)

    withdraw_application(application_id=application.pk, actor=candidate)

    assert not InterviewEvent.objects.filter(kind=InterviewEvent.Kind.FREED_ON_WITHDRAWAL).exists()
