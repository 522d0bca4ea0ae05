"""Without a mail server (`make run`), the worker prints each e-mail as a
person reads it: From, To, the subject as written (not RFC 2047-encoded) and
the body, once, on its own lines."""

import io

from django.core.mail import EmailMessage, get_connection

from accounts.models import OutgoingEmail
from accounts.services import send_outgoing_email


def test_console_email_prints_a_readable_message():
    stream = io.StringIO()
    connection = get_connection("accounts.mail.ConsoleEmailBackend", stream=stream)
    message = EmailMessage(
        subject="Application received: Staff Nurse – Acute Medicine (APP-0000042)",
        body="Dear Cara Candidate,\n\nWe have received your application.\n",
        from_email="NHS Recruitment <no-reply@example.org>",
        to=["cara@example.org"],
        connection=connection,
    )

    sent = message.send()

    assert sent == 1
    assert stream.getvalue() == (
        "\n"
        "---------- E-mail ----------\n"
        "From: NHS Recruitment <no-reply@example.org>\n"
        "To: cara@example.org\n"
        "Subject: Application received: Staff Nurse – Acute Medicine (APP-0000042)\n"
        "\n"
        "Dear Cara Candidate,\n"
        "\n"
        "We have received your application.\n"
        "----------------------------\n"
    )


def test_console_email_is_what_a_queued_email_is_delivered_through_without_a_mail_server(db, settings, capsys):
    """The development default: no EMAIL_HOST, so the worker prints it."""
    from recruitment import settings as project_settings

    settings.EMAIL_DELIVERY_BACKEND = project_settings.EMAIL_DELIVERY_BACKEND
    outgoing = OutgoingEmail.objects.create(
        from_email="NHS Recruitment <no-reply@example.org>", to=["cara@example.org"], cc=["hr@example.org"],
        subject="Reset your password – Recruitment", body="Follow the link.\n",
    )

    send_outgoing_email(email_id=outgoing.pk)

    printed = capsys.readouterr().out
    assert project_settings.EMAIL_HOST == ""
    assert printed.count("---------- E-mail ----------") == 1
    assert "To: cara@example.org\nCc: hr@example.org\nSubject: Reset your password – Recruitment\n" in printed
    assert "=?utf-8?" not in printed
    assert OutgoingEmail.objects.get(pk=outgoing.pk).sent_at is not None
