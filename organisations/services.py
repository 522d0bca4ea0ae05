"""Operations that change a trust's settings. Each runs in one transaction and
writes an event row saying who did it and when."""

from django.db import transaction
from django.utils import timezone

from .models import EmailTemplate, EmailTemplateEvent


def save_email_template(*, organisation, email, subject, body, enabled=True, actor, now=None):
    """Keep a trust's wording of one e-mail to candidates.

    1. A subject or body the same as the default is stored blank, so the
       trust goes on following the default when the code's wording improves.
    2. `enabled` off is kept only for an e-mail that may be switched off.
    3. Write the row (one per trust and e-mail) and a 'saved' event.
    """
    now = now or timezone.now()
    # (Compared without the blank lines and spaces around them, which a form trims.)
    subject = "" if subject.strip() == str(email.subject).strip() else subject
    body = body.replace("\r\n", "\n")
    body = "" if body.strip() == str(email.body).strip() else body
    enabled = enabled or not email.can_switch_off
    with transaction.atomic():
        template, _created = EmailTemplate.objects.update_or_create(
            organisation=organisation,
            key=email.key,
            defaults={"subject": subject, "body": body, "enabled": enabled, "updated_by": actor, "updated_at": now},
        )
        EmailTemplateEvent.objects.create(
            organisation=organisation,
            key=email.key,
            kind=EmailTemplateEvent.Kind.SAVED,
            actor=actor,
            subject=subject,
            body=body,
            enabled=enabled,
            created_at=now,
        )
    return template


def reset_email_template(*, organisation, email, actor, now=None):
    """Go back to the default wording, sent: delete the trust's row and write
    a 'reset' event. Returns whether there was a row to delete."""
    now = now or timezone.now()
    with transaction.atomic():
        deleted, _by_model = EmailTemplate.objects.filter(organisation=organisation, key=email.key).delete()
        EmailTemplateEvent.objects.create(
            organisation=organisation, key=email.key, kind=EmailTemplateEvent.Kind.RESET, actor=actor, created_at=now
        )
    return bool(deleted)
