"""Queued e-mail: Django's send_mail() writes a row; a Celery task delivers it."""

from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from .models import OutgoingEmail


class QueuedEmailBackend(BaseEmailBackend):
    """Store each message as an OutgoingEmail in the current transaction and
    enqueue its delivery once that transaction commits (nothing is sent for a
    request that rolls back). settings.EMAIL_DELIVERY_BACKEND does the sending."""

    def send_messages(self, email_messages):
        from .tasks import send_outgoing_email

        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            outgoing = OutgoingEmail.objects.create(
                from_email=message.from_email,
                to=list(message.to),
                cc=list(message.cc),
                bcc=list(message.bcc),
                reply_to=list(message.reply_to),
                subject=message.subject,
                body=message.body,
                alternatives=[[content, mimetype] for content, mimetype in getattr(message, "alternatives", [])],
                headers=dict(message.extra_headers),
            )
            transaction.on_commit(lambda email_id=outgoing.pk: send_outgoing_email.delay(email_id=email_id))
            count += 1
        return count
