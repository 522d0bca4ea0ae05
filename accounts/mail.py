"""Queued e-mail: Django's send_mail() writes a row; a Celery task delivers it.
Without a mail server, the worker prints it (ConsoleEmailBackend)."""

import sys
import threading

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


class ConsoleEmailBackend(BaseEmailBackend):
    """Development delivery (no EMAIL_HOST): print each e-mail as a person reads
    it, From, To, Cc, Reply-To, the subject as written and the body, to
    standard output, which `make run` shows under worker.1. Django's console
    backend prints the raw MIME message instead, with its headers and a
    non-ASCII subject RFC 2047-encoded."""

    RULE = "----------------------------"

    def __init__(self, *args, stream=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.stream = stream or sys.stdout
        self._lock = threading.RLock()

    def send_messages(self, email_messages):
        count = 0
        with self._lock:
            for message in email_messages:
                self.stream.write(self.format(message))
                self.stream.flush()
                count += 1
        return count

    def format(self, message):
        headers = [("From", message.from_email), ("To", ", ".join(message.to)), ("Cc", ", ".join(message.cc)),
                   ("Bcc", ", ".join(message.bcc)), ("Reply-To", ", ".join(message.reply_to)),
                   ("Subject", message.subject)]
        lines = ["", "---------- E-mail ----------"]
        lines += [f"{name}: {value}" for name, value in headers if value]
        lines += ["", message.body.rstrip("\n")]
        if getattr(message, "alternatives", None):
            lines += ["", f"(Also sent as {', '.join(mimetype for _content, mimetype in message.alternatives)}.)"]
        lines.append(self.RULE)
        return "\n".join(lines) + "\n"
