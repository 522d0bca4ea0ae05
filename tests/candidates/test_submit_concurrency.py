"""Closing day: many candidates submit at the same instant. Around the closing
time and around the cap, no application is accepted after either and none is
lost before. Run on PostgreSQL as well as SQLite (DATABASE_URL)."""

import datetime
import threading
import time

import pytest
from django.db import connection
from django.utils import timezone

from candidates import services
from candidates.models import Application, ApplicationEvent
from tests.factories import UserFactory, VacancyFactory
from vacancies.models import Vacancy, VacancyEvent

from .factories import complete_draft

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 12


def _confirmed():
    """Applications whose confirmation e-mail was written, in their transaction."""
    return sorted(Application.objects.filter(confirmation_sent_at__isnull=False).values_list("pk", flat=True))


def drafts_for(vacancy, count):
    return [complete_draft(vacancy=vacancy, candidate=UserFactory()) for _ in range(count)]


def submit_together(applications, *, start_at=None, stagger=datetime.timedelta(0)):
    """Submit each application from its own thread, released together by a
    barrier; with start_at, thread i waits until start_at + i * stagger.
    Returns {application id: (outcome, time checked)}."""
    barrier = threading.Barrier(len(applications))
    outcomes = {}

    def run(index, application):
        try:
            barrier.wait()
            if start_at is not None:
                delay = (start_at + index * stagger - timezone.now()).total_seconds()
                time.sleep(max(delay, 0))
            try:
                submitted = services.submit_application(application_id=application.pk, actor=application.candidate)
                outcomes[application.pk] = ("accepted", submitted.submitted_at)
            except services.SubmissionRefused as refusal:
                outcomes[application.pk] = (refusal.reason, refusal.checked_at)
            except Exception as error:  # a deadlock or a lock timeout would be a lost submission
                outcomes[application.pk] = ("error", repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(applications)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def test_submit_at_the_same_instant_around_the_cap_accepts_exactly_the_cap():
    vacancy = VacancyFactory(application_cap=5, may_close_early=True)
    applications = drafts_for(vacancy, THREADS)

    outcomes = submit_together(applications)

    results = sorted(outcome for outcome, _checked in outcomes.values())
    assert results == ["accepted"] * 5 + ["cap"] * (THREADS - 5)
    accepted = Application.objects.filter(vacancy=vacancy, status="submitted")
    assert sorted(a.anonymous_code for a in accepted) == ["A0001", "A0002", "A0003", "A0004", "A0005"]
    assert Application.objects.filter(vacancy=vacancy, status="draft").count() == THREADS - 5
    assert ApplicationEvent.objects.filter(application__vacancy=vacancy).count() == 5
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.CLOSED
    assert list(VacancyEvent.objects.filter(vacancy=vacancy).values_list("to_status", flat=True)) == ["closed"]
    assert _confirmed() == sorted(a.pk for a in accepted)


def test_submit_at_the_same_instant_with_room_for_all_loses_none():
    vacancy = VacancyFactory(application_cap=THREADS, may_close_early=True)
    applications = drafts_for(vacancy, THREADS)

    outcomes = submit_together(applications)

    assert [outcome for outcome, _checked in outcomes.values()] == ["accepted"] * THREADS
    codes = sorted(Application.objects.filter(vacancy=vacancy).values_list("anonymous_number", flat=True))
    assert codes == list(range(1, THREADS + 1))
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.CLOSED
    assert len(_confirmed()) == THREADS


def test_submit_around_the_closing_time_accepts_exactly_those_before_it():
    vacancy = VacancyFactory(closing_at=timezone.now() + datetime.timedelta(days=1))
    applications = drafts_for(vacancy, THREADS)
    # Close a moment from now; the threads arrive from 0.6 s before it to 0.5 s after.
    closing_at = timezone.now() + datetime.timedelta(seconds=2)
    Vacancy.objects.filter(pk=vacancy.pk).update(closing_at=closing_at)

    outcomes = submit_together(
        applications, start_at=closing_at - datetime.timedelta(seconds=0.6), stagger=datetime.timedelta(seconds=0.1)
    )

    assert [o for o in outcomes.values() if o[0] not in ("accepted", "closing_time")] == []
    accepted = {pk: checked for pk, (outcome, checked) in outcomes.items() if outcome == "accepted"}
    refused = {pk: checked for pk, (outcome, checked) in outcomes.items() if outcome == "closing_time"}
    assert accepted and refused
    assert all(checked < closing_at for checked in accepted.values())
    assert all(checked >= closing_at for checked in refused.values())
    in_database = Application.objects.filter(vacancy=vacancy)
    assert sorted(in_database.filter(status="submitted").values_list("pk", flat=True)) == sorted(accepted)
    assert sorted(in_database.filter(status="draft").values_list("pk", flat=True)) == sorted(refused)
    assert all(a.submitted_at < closing_at for a in in_database.filter(status="submitted"))
    assert _confirmed() == sorted(accepted)
