import logging

from celery import shared_task
from django.utils import timezone

from . import services

logger = logging.getLogger(__name__)


@shared_task(name="alerts.send_due_alerts")
def send_due_alerts():
    """Beat task: send a batch task for every BATCH_SIZE due alerts, read in
    batches so memory stays flat however many there are. An alert sent twice
    (this task running twice at once) is claimed once (services.send_alert)."""
    now = timezone.now()
    after = ("", 0)
    while after is not None:
        ids, after = services.due_alert_ids(now=now, after=after)
        if ids:
            send_alert_batch.delay(alert_ids=ids)


# The project's time limits apply: a batch stopped part way rolls back only
# the alert it was on, and the next beat sends the rest.
@shared_task(name="alerts.send_alert_batch")
def send_alert_batch(*, alert_ids):
    sent = services.send_alert_batch(alert_ids=alert_ids)
    logger.info("Job alerts: %s of %s sent an e-mail", sent, len(alert_ids))


@shared_task(name="alerts.remove_lapsed_alerts")
def remove_lapsed_alerts():
    services.remove_lapsed_alerts()
