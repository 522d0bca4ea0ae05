"""Celery tasks for offers: thin, each fetches its row (or logs and returns
when it is gone) and calls one function, which claims its work with a
conditional UPDATE or a unique row, so a task run twice does it once. Late
acknowledgement and the time limits come from recruitment/settings.py."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from candidates.models import Application

from . import references, services
from .models import ReferenceRequest

logger = logging.getLogger(__name__)

# The database failing over or a dropped connection: tried again after 10, 20
# and 40 seconds, as the shortlisting tasks are (a failover is over in about a
# minute). The e-mail's claim rolled back with the failure, so a retry, or the
# next chase, writes it.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
MAX_RETRIES = 3
FIRST_RETRY_AFTER = 10


@shared_task(bind=True, name="offers.send_reference_email", max_retries=MAX_RETRIES)
def send_reference_email(self, *, reference_request_id, step):
    """Write the request (step 0) or a chase to a referee."""
    reference_request = (
        ReferenceRequest.objects.select_related("referee", "offer__vacancy__organisation", "offer__application")
        .filter(pk=reference_request_id).first()
    )
    if reference_request is None:
        logger.warning("Reference request %s is gone: no e-mail", reference_request_id)
        return False
    try:
        return references.send_reference_email(reference_request=reference_request, step=step)
    except TRANSIENT_ERRORS as error:
        raise self.retry(exc=error, countdown=FIRST_RETRY_AFTER * 2**self.request.retries)


@shared_task(bind=True, name="offers.send_candidate_notice", max_retries=MAX_RETRIES)
def send_candidate_notice(self, *, application_id, kind):
    """Write one of the offers' e-mails to a candidate (services.NOTICES)."""
    application = Application.objects.select_related("vacancy__organisation", "candidate").filter(
        pk=application_id
    ).first()
    if application is None:
        logger.warning("Application %s is gone: no %s e-mail", application_id, kind)
        return False
    try:
        return services.send_candidate_notice(application=application, kind=kind)
    except TRANSIENT_ERRORS as error:
        raise self.retry(exc=error, countdown=FIRST_RETRY_AFTER * 2**self.request.retries)


@shared_task(name="offers.chase_references")
def chase_references():
    """Beat task: chase unanswered reference requests and flag overdue ones."""
    return references.chase_references()
