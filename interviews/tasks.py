"""Celery tasks for interviews: thin, each calls one service. Late
acknowledgement and the soft and hard time limits come from
recruitment/settings.py. A reminder is claimed by a conditional UPDATE
(services.send_reminder), so a beat run repeated, or two at once, send each
reminder once; a run that fails leaves the rest for the next hour's run,
which is its retry."""

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(name="interviews.send_interview_reminders")
def send_interview_reminders():
    """Beat task: e-mail each candidate with an interview tomorrow a reminder
    with its calendar entry, once."""
    sent = services.send_interview_reminders()
    logger.info("Sent %s interview reminders", sent)
    return sent
