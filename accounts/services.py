"""Operations on accounts that change more than one row."""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OutgoingEmail
from .signals import account_deleting

logger = logging.getLogger(__name__)


@transaction.atomic
def delete_account(*, user):
    """Delete a candidate's account at their request.

    1. Send account_deleting, so the apps that keep data about the person
       deal with it first: candidates deletes their drafts and keeps the
       applications a trust received, detached from the account, until their
       retention ends (candidates.services.forget_candidate).
    2. Delete the user. Their e-mail addresses, authenticator apps and recovery
       codes (allauth) go with it.

    Staff accounts are closed by their trust, not here (accounts.views).
    """
    account_deleting.send(sender=user.__class__, user=user)
    user.delete()


# E-mail delivery -------------------------------------------------------------

# An e-mail left unsent this long after it was queued, or whose sending began
# this long ago without finishing, is sent again by the beat task.
EMAIL_RETRY_AFTER = datetime.timedelta(minutes=10)


def send_outgoing_email(*, email_id, now=None):
    """Deliver one queued e-mail, once.

    1. Claim it with a conditional UPDATE (unsent, and not being sent, or its
       sending went stale): two workers never both send it.
    2. Send it through settings.EMAIL_DELIVERY_BACKEND.
    3. Mark it sent and clear its body, which may hold a password-reset link.
    A failure records the error, releases the claim and re-raises, so the task
    retries.
    """
    now = now or timezone.now()
    claimed = (
        OutgoingEmail.objects.filter(pk=email_id, sent_at__isnull=True)
        .filter(Q(sending_since__isnull=True) | Q(sending_since__lt=now - EMAIL_RETRY_AFTER))
        .update(sending_since=now, attempts=F("attempts") + 1)
    )
    if claimed != 1:
        logger.info("E-mail %s already sent, being sent, or gone", email_id)
        return False
    outgoing = OutgoingEmail.objects.get(pk=email_id)
    message = EmailMultiAlternatives(
        subject=outgoing.subject,
        body=outgoing.body,
        from_email=outgoing.from_email,
        to=outgoing.to,
        cc=outgoing.cc,
        bcc=outgoing.bcc,
        reply_to=outgoing.reply_to,
        headers=outgoing.headers,
        alternatives=[tuple(pair) for pair in outgoing.alternatives],
        connection=get_connection(settings.EMAIL_DELIVERY_BACKEND),
    )
    try:
        message.send()
    except Exception as error:
        OutgoingEmail.objects.filter(pk=email_id).update(sending_since=None, last_error=repr(error)[:2000])
        raise
    OutgoingEmail.objects.filter(pk=email_id).update(
        sent_at=timezone.now(), sending_since=None, body="", alternatives=[], last_error=""
    )
    return True


def unsent_email_ids(*, now=None):
    """E-mails that should have gone by now: queued a while ago and not being sent."""
    now = now or timezone.now()
    stale = now - EMAIL_RETRY_AFTER
    return list(
        OutgoingEmail.objects.filter(sent_at__isnull=True, created_at__lt=stale)
        .filter(Q(sending_since__isnull=True) | Q(sending_since__lt=stale))
        .order_by("created_at")
        .values_list("pk", flat=True)[:1000]
    )
