"""Issue 17: the beat task, on a real worker on Redis, finds the due alerts,
sends them in batches, and the e-mails are delivered (to files here)."""

import datetime
import email
import email.policy

import pytest
from django.utils import timezone

from accounts.models import OutgoingEmail
from alerts.models import JobAlert
from alerts.tasks import send_due_alerts
from tests.celery_worker import wait_until
from tests.factories import VacancyFactory

from .factories import JobAlertFactory


@pytest.mark.worker
def test_a_real_worker_sends_due_alerts_by_email(celery_worker_process, trust_a, tmp_path, settings):
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"
    celery_worker_process.stop()
    celery_worker_process.start(extra_env={
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "SITE_URL": "https://jobs.example.org",
    })
    now = timezone.now()
    vacancy = VacancyFactory(
        organisation=trust_a, title="Staff Nurse", published_at=now - datetime.timedelta(hours=1), date_posted=now.date()
    )
    JobAlertFactory(user__email="cara@example.org", query="keywords=nurse", name="nurse")
    JobAlertFactory(user__email="pete@example.org", query="keywords=porter", name="porter")  # nothing new
    JobAlertFactory(user=None, email="visitor@example.org", confirmed_at=None)  # unconfirmed

    send_due_alerts.delay()

    assert wait_until(
        lambda: OutgoingEmail.objects.filter(sent_at__isnull=False).count() == 1
        and not JobAlert.objects.filter(name="porter", next_run_at__lte=now).exists(),
        timeout=60,
    ), celery_worker_process.log()
    files = list((tmp_path / "mail").iterdir())
    messages = [email.message_from_string(path.read_text(), policy=email.policy.default) for path in files]
    assert [message["To"] for message in messages] == ["cara@example.org"]
    message = messages[0]
    assert message["Subject"] == "New job for your alert: nurse"
    assert message["List-Unsubscribe"].strip().startswith("<https://jobs.example.org/alerts/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"https://jobs.example.org/jobs/{vacancy.reference}/" in message.get_content()
