import logging
import smtplib

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


# A mail server that is down or refuses for a moment: try again after 30 s,
# 1, 2, 4 and 8 minutes (about a quarter of an hour), then leave the row for
# the beat task, which tries again every 10 minutes.
@shared_task(
    name="accounts.send_outgoing_email",
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=480,
    max_retries=5,
)
def send_outgoing_email(*, email_id):
    services.send_outgoing_email(email_id=email_id)


@shared_task(name="accounts.send_unsent_emails")
def send_unsent_emails():
    """Beat task: enqueue e-mails whose message was lost or whose worker died."""
    for email_id in services.unsent_email_ids():
        send_outgoing_email.delay(email_id=email_id)
