"""Closing day: many candidates submit at the same instant. Around the closing
time and around the cap, no application is accepted after either and none is
lost before; no two get the same code. The vacancy's row lock is held only for
that, and released before the confirmation e-mail is written. Run on
PostgreSQL as well as SQLite (DATABASE_URL)."""

import datetime
import threading
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from candidates import services
from candidates.models import Application, ApplicationEvent
from tests.factories import UserFactory, VacancyFactory
from vacancies.models import Vacancy, VacancyEvent

from .factories import complete_draft

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 12


@pytest.fixture
def slow_submissions(monkeypatch):
    """Make each submission take 50 ms between reading the count and the last
    code and committing, so that without the vacancy's row lock every thread
    would read the same figures: the cap would be overrun and codes repeated
    (the unique index then fails the others). With the lock they queue."""
    move = services._move_locked_application

    def slowly(*args, **kwargs):
        time.sleep(0.05)
        return move(*args, **kwargs)

    monkeypatch.setattr(services, "_move_locked_application", slowly)


def _confirmed():
    """Applications whose confirmation e-mail was written, once each submission committed."""
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


def test_submit_at_the_same_instant_around_the_cap_accepts_exactly_the_cap(slow_submissions):
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


def test_submit_at_the_same_instant_with_room_for_all_loses_none(slow_submissions):
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


def test_submit_at_the_same_instant_without_a_cap_gives_every_code_once(slow_submissions):
    vacancy = VacancyFactory(application_cap=None)
    applications = drafts_for(vacancy, THREADS)

    outcomes = submit_together(applications)

    assert sorted(outcome for outcome, _checked in outcomes.values()) == ["accepted"] * THREADS
    codes = sorted(Application.objects.filter(vacancy=vacancy).values_list("anonymous_number", flat=True))
    assert codes == list(range(1, THREADS + 1))
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.PUBLISHED
    assert _confirmed() == sorted(a.pk for a in applications)


class VacancyLockProbe(EmailBackend):
    """Delivers to mail.outbox; first notes whether another connection could
    take the vacancy's row lock at that moment, without waiting for it."""

    vacancy_id = None
    seen = []

    def send_messages(self, messages):
        def probe():
            try:
                with transaction.atomic():
                    Vacancy.objects.select_for_update(nowait=True).get(pk=self.vacancy_id)
                self.seen.append("free")
            except DatabaseError:
                self.seen.append("locked")
            finally:
                connection.close()

        thread = threading.Thread(target=probe)
        thread.start()
        thread.join(timeout=30)
        return super().send_messages(messages)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks (SELECT ... FOR UPDATE NOWAIT) need PostgreSQL")
def test_submit_releases_the_vacancy_lock_before_writing_the_confirmation(settings, monkeypatch):
    vacancy = VacancyFactory()
    application = complete_draft(vacancy=vacancy, candidate=UserFactory())
    settings.EMAIL_BACKEND = f"{__name__}.VacancyLockProbe"
    monkeypatch.setattr(VacancyLockProbe, "vacancy_id", vacancy.pk)
    monkeypatch.setattr(VacancyLockProbe, "seen", [])

    services.submit_application(application_id=application.pk, actor=application.candidate)

    assert VacancyLockProbe.seen == ["free"]
    assert [message.to for message in mail.outbox] == [[application.candidate.email]]
    assert Application.objects.get(pk=application.pk).confirmation_sent_at is not None
