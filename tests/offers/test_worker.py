"""The real thing: the offer's e-mail, the reference requests and the
chaser run on a real Celery worker process on the configured broker (Redis
in CI), against the test database."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import OutgoingEmail
from offers import references, tasks
from offers.models import ReferenceRequest
from tests.celery_worker import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

OFFER_SUBJECT = "We would like to offer you the job of Staff Nurse, Acute Medicine"
REQUEST_SUBJECT = "Reference request for Cara Candidate, Staff Nurse, Acute Medicine"


def sent(subject):
    return OutgoingEmail.objects.filter(subject=subject).count()


def test_offer_email_reference_requests_and_chases_go_through_a_real_worker(
    celery_worker_process, offer, recruiter, settings
):
    settings.REFERENCE_CHASE_DAYS = [3, 7]
    assert wait_until(lambda: sent(OFFER_SUBJECT) == 1), celery_worker_process.log()
    assert OutgoingEmail.objects.get(subject=OFFER_SUBJECT).to == ["contact1@example.org"]

    referee_ids = list(offer.application.referees.values_list("pk", flat=True))
    references.request_references(offer_id=offer.pk, referee_ids=referee_ids, actor=recruiter)
    assert wait_until(lambda: sent(REQUEST_SUBJECT) == 2), celery_worker_process.log()

    # A week (5 working days) unanswered: the first chase is due, and beat
    # running twice chases once.
    ReferenceRequest.objects.update(requested_at=timezone.now() - datetime.timedelta(days=7))
    first, second = tasks.chase_references.delay(), tasks.chase_references.delay()
    assert wait_until(lambda: all(f"{result.id}] succeeded" in celery_worker_process.log()
                                  for result in (first, second))), celery_worker_process.log()
    assert wait_until(lambda: set(ReferenceRequest.objects.values_list("emails_sent", flat=True)) == {2})
    assert sent(f"Reminder: {REQUEST_SUBJECT}") == 2
    # Two weeks: the last chase, and the requests are flagged overdue.
    ReferenceRequest.objects.update(requested_at=timezone.now() - datetime.timedelta(days=14))
    tasks.chase_references.delay()
    assert wait_until(lambda: sent(f"Reminder: {REQUEST_SUBJECT}") == 4), celery_worker_process.log()
    assert wait_until(lambda: ReferenceRequest.objects.filter(overdue_at__isnull=False).count() == 2)

    # Nothing is left to chase: a last run sends nothing more.
    result = tasks.chase_references.delay()
    assert wait_until(lambda: f"{result.id}] succeeded" in celery_worker_process.log()), celery_worker_process.log()
    finished = next(line for line in celery_worker_process.log().splitlines() if f"{result.id}] succeeded" in line)
    assert finished.endswith(": 0")
    assert set(ReferenceRequest.objects.values_list("chases_claimed", "emails_sent")) == {(2, 3)}
    assert sorted(email.to[0] for email in OutgoingEmail.objects.filter(subject__contains=REQUEST_SUBJECT)) == [
        "rhiannon@example.org", "rhiannon@example.org", "rhiannon@example.org",
        "sam@example.org", "sam@example.org", "sam@example.org",
    ]
