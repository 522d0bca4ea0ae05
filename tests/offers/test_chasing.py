"""Beat chases unanswered reference requests after 3 and after 7 working
days (REFERENCE_CHASE_DAYS), once per step however often it runs, even two
runs at the same moment, and flags the request overdue at the last chase."""

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from accounts.models import OutgoingEmail
from offers import references, tasks
from offers.models import OfferEvent, ReferenceRequest, working_days_between

LONDON = ZoneInfo("Europe/London")
# A Monday morning.
SENT = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=LONDON)


def at(days, hour=10):
    return SENT + datetime.timedelta(days=days, hours=hour - 9)


def test_working_days_skip_weekends():
    assert working_days_between(SENT, at(3)) == 3  # Thursday
    assert working_days_between(SENT, at(4)) == 4  # Friday
    assert working_days_between(SENT, at(6)) == 4  # Sunday
    assert working_days_between(SENT, at(7)) == 5  # Monday
    assert working_days_between(at(4), at(7)) == 1  # Friday to Monday


@pytest.fixture
def request_sent(db, offer, recruiter, settings):
    settings.REFERENCE_CHASE_DAYS = [3, 7]
    referee = offer.application.referees.get(name="Rhiannon Referee")
    created = references.request_references(offer_id=offer.pk, referee_ids=[referee.pk], actor=recruiter, now=SENT)
    tasks.send_reference_email(reference_request_id=created[0].pk, step=0)
    return created[0]


@pytest.mark.django_db
def test_chased_after_3_and_7_working_days_once_each_then_overdue(request_sent, django_capture_on_commit_callbacks):
    assert references.chase_references(now=at(2)) == 0  # Wednesday: 2 working days

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert references.chase_references(now=at(3)) == 1  # Thursday
        assert references.chase_references(now=at(3, hour=11)) == 0
        assert references.chase_references(now=at(8)) == 0  # Tuesday: 6 working days
    assert len(callbacks) == 1
    tasks.send_reference_email(reference_request_id=request_sent.pk, step=1)
    reference = ReferenceRequest.objects.get(pk=request_sent.pk)
    assert (reference.chases_claimed, reference.emails_sent, reference.overdue_at) == (1, 2, None)

    assert references.chase_references(now=at(9)) == 1  # Wednesday: 7 working days
    assert references.chase_references(now=at(30)) == 0
    tasks.send_reference_email(reference_request_id=request_sent.pk, step=2)
    tasks.send_reference_email(reference_request_id=request_sent.pk, step=2)

    reference.refresh_from_db()
    assert (reference.chases_claimed, reference.emails_sent, reference.overdue_at) == (2, 3, at(9))
    subjects = list(OutgoingEmail.objects.order_by("pk").values_list("subject", flat=True))
    assert subjects == [
        "Reference request for Cara Candidate, Staff Nurse, Acute Medicine",
        "Reminder: Reference request for Cara Candidate, Staff Nurse, Acute Medicine",
        "Reminder: Reference request for Cara Candidate, Staff Nurse, Acute Medicine",
    ]
    assert list(OfferEvent.objects.filter(description__contains="chased").values_list("description", flat=True)) == [
        "Reference from Rhiannon Referee chased", "Reference from Rhiannon Referee chased and flagged overdue",
    ]


@pytest.mark.django_db
def test_an_answered_request_is_not_chased(request_sent):
    references.submit_reference(reference_id=request_sent.pk, token_key=request_sent.token_key, answers={})

    assert references.chase_references(now=at(30)) == 0
    assert tasks.send_reference_email(reference_request_id=request_sent.pk, step=1) is False


@pytest.mark.django_db
def test_the_recruiter_sees_an_overdue_request(client, request_sent, recruiter):
    references.chase_references(now=at(3))
    references.chase_references(now=at(9))
    client.force_login(recruiter)

    response = client.get(f"/manage/vacancies/{request_sent.offer.vacancy.reference}/offers/{request_sent.offer_id}/")

    assert "Overdue" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_beat_runs_at_the_same_moment_chase_once(request_sent):
    barrier = threading.Barrier(2)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(references.chase_references(now=at(3)))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [0, 1]
    assert ReferenceRequest.objects.get(pk=request_sent.pk).chases_claimed == 1
    assert OfferEvent.objects.filter(description__contains="chased").count() == 1
