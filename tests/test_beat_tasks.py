"""Every scheduled (beat) task runs on a real worker and does its work: the
schedule in settings names tasks that exist, and each changes the database."""

import datetime

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import OutgoingEmail
from candidates.models import Application
from recruitment.celery import app
from tests.candidates.factories import complete_draft
from tests.celery_worker import wait_until
from tests.factories import CriterionFactory, VacancyFactory
from vacancies.models import Vacancy


def test_every_scheduled_task_is_registered():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert scheduled - set(app.tasks) == set()


@pytest.mark.worker
def test_scheduled_tasks_do_their_work_on_a_real_worker(celery_worker_process):
    long_ago = timezone.now() - datetime.timedelta(days=600)
    due = VacancyFactory(status=Vacancy.Status.APPROVED, publish_at=timezone.now() - datetime.timedelta(minutes=1))
    CriterionFactory(vacancy=due, order=1)
    expired = complete_draft(vacancy=VacancyFactory(closing_at=long_ago, status=Vacancy.Status.CLOSED))
    Application.objects.filter(pk=expired.pk).update(status="unsuccessful", submitted_at=long_ago, anonymous_number=1)
    unsent = OutgoingEmail.objects.create(
        from_email="jobs@example.org", to=["cara@example.org"], subject="Lost", body="Lost message",
        created_at=timezone.now() - datetime.timedelta(hours=1),
    )

    with transaction.atomic():
        for name in [
            "vacancies.publish_scheduled_vacancies",
            "candidates.anonymise_expired_applications",
            "accounts.send_unsent_emails",
        ]:
            transaction.on_commit(lambda name=name: app.send_task(name))

    assert wait_until(lambda: Vacancy.objects.get(pk=due.pk).status == Vacancy.Status.PUBLISHED, 60), (
        celery_worker_process.log()
    )
    assert wait_until(lambda: Application.objects.get(pk=expired.pk).anonymised_at is not None, 60)
    assert wait_until(lambda: OutgoingEmail.objects.get(pk=unsent.pk).sent_at is not None, 60), (
        celery_worker_process.log()
    )
