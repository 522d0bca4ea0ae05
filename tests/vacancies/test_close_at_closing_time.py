"""Rule: a published vacancy closes by itself once its closing time has passed."""

import datetime

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from tests.celery_worker import wait_until
from tests.factories import VacancyFactory
from vacancies.models import Vacancy, VacancyEvent
from vacancies.services import close_vacancies_past_closing_time
from vacancies.tasks import close_vacancies_past_closing_time as close_task

CLOSING = datetime.datetime(2026, 1, 19, 23, 59, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_close_vacancies_closes_only_those_past_their_closing_time():
    due = VacancyFactory(closing_at=CLOSING)
    later = VacancyFactory(closing_at=CLOSING + datetime.timedelta(minutes=1))
    draft = VacancyFactory(closing_at=CLOSING, status=Vacancy.Status.DRAFT)

    with time_machine.travel(CLOSING, tick=False):
        closed = close_vacancies_past_closing_time()

    assert closed == [due.reference]
    due.refresh_from_db()
    assert due.status == Vacancy.Status.CLOSED
    assert due.closed_at == CLOSING
    assert Vacancy.objects.get(pk=later.pk).status == Vacancy.Status.PUBLISHED
    assert Vacancy.objects.get(pk=draft.pk).status == Vacancy.Status.DRAFT
    event = VacancyEvent.objects.get(vacancy=due)
    assert (event.from_status, event.to_status, event.actor, event.note) == (
        "published", "closed", None, "Closing time reached",
    )


@pytest.mark.django_db
def test_close_vacancies_twice_changes_nothing_the_second_time():
    vacancy = VacancyFactory(closing_at=CLOSING)

    with time_machine.travel(CLOSING + datetime.timedelta(hours=1), tick=False):
        first = close_vacancies_past_closing_time()
        second = close_vacancies_past_closing_time()

    assert first == [vacancy.reference]
    assert second == []
    assert VacancyEvent.objects.filter(vacancy=vacancy).count() == 1


@pytest.mark.worker
def test_close_task_runs_on_a_real_worker_and_closes_the_vacancy(celery_worker_process):
    vacancy = VacancyFactory(closing_at=timezone.now() - datetime.timedelta(minutes=5))

    with transaction.atomic():
        transaction.on_commit(lambda: close_task.delay())

    assert wait_until(lambda: Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.CLOSED, timeout=60), (
        celery_worker_process.log()
    )
    assert VacancyEvent.objects.filter(vacancy=vacancy, to_status="closed").count() == 1
    assert "vacancies.close_vacancies_past_closing_time" in celery_worker_process.log()
