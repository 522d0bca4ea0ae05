"""Rule (DESIGN.md): e-mails go out from tasks, after commit. Every message is
queued as a row in the request's transaction and a worker delivers it once."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.utils import timezone

from accounts import services
from accounts.models import OutgoingEmail
from tests.celery_worker import wait_until

QUEUED = "accounts.mail.QueuedEmailBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def queued(settings):
    settings.EMAIL_BACKEND = QUEUED
    settings.EMAIL_DELIVERY_BACKEND = LOCMEM


@pytest.mark.django_db
def test_sending_mail_queues_a_row_and_delivers_only_after_commit(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        message = EmailMultiAlternatives("Your application", "Thank you.", "jobs@example.org", ["cara@example.org"])
        message.attach_alternative("<p>Thank you.</p>", "text/html")
        message.send()

    outgoing = OutgoingEmail.objects.get()
    assert (outgoing.subject, outgoing.to, outgoing.body, outgoing.sent_at) == (
        "Your application", ["cara@example.org"], "Thank you.", None,
    )
    assert mail.outbox == []
    assert len(callbacks) == 1

    assert services.send_outgoing_email(email_id=outgoing.pk) is True

    assert [(m.subject, m.to, m.alternatives[0][0]) for m in mail.outbox] == [
        ("Your application", ["cara@example.org"], "<p>Thank you.</p>")
    ]
    outgoing.refresh_from_db()
    assert outgoing.sent_at is not None
    assert (outgoing.body, outgoing.alternatives, outgoing.attempts) == ("", [], 1)


@pytest.mark.django_db
def test_mail_in_a_rolled_back_request_is_never_sent(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            send_mail("Reset your password", "Link", "jobs@example.org", ["cara@example.org"])
            raise RuntimeError("the request failed")

    assert not OutgoingEmail.objects.exists()
    assert callbacks == []


@pytest.mark.django_db
def test_an_email_is_delivered_once_however_often_its_task_runs(queued):
    send_mail("Interview invitation", "Come on Monday", "jobs@example.org", ["cara@example.org"])
    email_id = OutgoingEmail.objects.get().pk

    first = services.send_outgoing_email(email_id=email_id)
    second = services.send_outgoing_email(email_id=email_id)

    assert (first, second, len(mail.outbox)) == (True, False, 1)


@pytest.mark.django_db
def test_a_failed_delivery_keeps_the_email_for_the_beat_task(queued, settings):
    settings.EMAIL_DELIVERY_BACKEND = "tests.accounts.test_outgoing_email.BrokenBackend"
    send_mail("Interview invitation", "Come on Monday", "jobs@example.org", ["cara@example.org"])
    outgoing = OutgoingEmail.objects.get()

    with pytest.raises(smtplib.SMTPServerDisconnected):
        services.send_outgoing_email(email_id=outgoing.pk)

    outgoing.refresh_from_db()
    assert (outgoing.sent_at, outgoing.sending_since, outgoing.body) == (None, None, "Come on Monday")
    assert "Connection unexpectedly closed" in outgoing.last_error
    assert services.unsent_email_ids() == []
    later = timezone.now() + datetime.timedelta(minutes=11)
    assert services.unsent_email_ids(now=later) == [outgoing.pk]


@pytest.mark.django_db
def test_an_email_whose_worker_died_mid_send_is_sent_again_later(queued):
    send_mail("Interview invitation", "Come on Monday", "jobs@example.org", ["cara@example.org"])
    outgoing = OutgoingEmail.objects.get()
    OutgoingEmail.objects.filter(pk=outgoing.pk).update(sending_since=timezone.now())

    assert services.send_outgoing_email(email_id=outgoing.pk) is False
    later = timezone.now() + datetime.timedelta(minutes=11)
    assert services.unsent_email_ids(now=later) == [outgoing.pk]
    assert services.send_outgoing_email(email_id=outgoing.pk, now=later) is True
    assert len(mail.outbox) == 1


@pytest.mark.worker
def test_a_real_worker_delivers_a_queued_email(celery_worker_process, queued, tmp_path):
    # The worker is another process: it delivers to files we can read.
    celery_worker_process.stop()
    celery_worker_process.start(extra_env={
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
    })

    with transaction.atomic():
        send_mail("Your application was received", "Reference A0007", "jobs@example.org", ["cara@example.org"])

    outgoing = OutgoingEmail.objects.get()
    assert wait_until(lambda: OutgoingEmail.objects.get(pk=outgoing.pk).sent_at is not None, timeout=60), (
        celery_worker_process.log()
    )
    written = "".join(path.read_text() for path in (tmp_path / "mail").iterdir())
    assert "Subject: Your application was received" in written
    assert "Reference A0007" in written
