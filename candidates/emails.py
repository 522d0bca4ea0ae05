"""E-mails to candidates, written from templates with ((placeholders)), the
way GOV.UK Notify writes them, so a trust can reword them without touching code.

Each app declares its e-mails with `register(CandidateEmail(...))` at import
time (the module that sends them) and sends one with `send_to_candidate`.
An e-mail goes to the address in the application's personal details, which
the candidate gave for this job, else to their account's.
"""

import re
from dataclasses import dataclass

from django.core.mail import EmailMultiAlternatives

from .models import PersonalDetails

# Every e-mail can use these; an e-mail may declare more (its `placeholders`).
COMMON_PLACEHOLDERS = ("candidate_name", "vacancy_title", "reference", "trust", "link")

PLACEHOLDER = re.compile(r"\(\(\s*([a-z_]+)\s*\)\)")


@dataclass(frozen=True)
class CandidateEmail:
    """One kind of e-mail to candidates and its default wording.

    `key` is "<app>.<name>", `label` names it to the recruiters who edit it,
    `subject` and `body` are the default text with ((placeholders)), and
    `placeholders` adds to COMMON_PLACEHOLDERS the ones this e-mail fills in."""

    key: str
    label: str
    subject: str
    body: str
    placeholders: tuple = ()

    @property
    def all_placeholders(self):
        return COMMON_PLACEHOLDERS + tuple(self.placeholders)


REGISTRY = {}


def register(email):
    """Declare an e-mail (once per key); returns it, to keep as a module constant."""
    existing = REGISTRY.get(email.key)
    if existing is not None and existing != email:
        raise ValueError(f"Two different e-mails registered as {email.key!r}")
    REGISTRY[email.key] = email
    return email


def fill(text, values):
    """Put the values in the ((placeholders)); an unknown one is left as written,
    so a typing mistake in a trust's template shows, rather than vanishing."""
    return PLACEHOLDER.sub(lambda match: str(values.get(match.group(1), match.group(0))), text)


def contact_email(application):
    """Where to write to the candidate: the e-mail in their application's
    personal details, else their account's; "" when there is neither."""
    details = PersonalDetails.objects.filter(application=application).only("email").first()
    if details and details.email:
        return details.email
    return application.candidate.email if application.candidate else ""


def candidate_name(application):
    """The name the candidate gave in this application, else their account's."""
    details = PersonalDetails.objects.filter(application=application).only("first_name", "last_name").first()
    if details and details.full_name:
        return details.full_name
    return application.candidate.get_full_name() if application.candidate else ""


def send_to_candidate(*, application, email, link="", values=None, calendar=None):
    """Write one e-mail to the candidate; returns whether there was anyone to write to.

    1. Find the address (contact_email); nobody to write to, nothing sent.
    2. Fill the e-mail's subject and body with the common placeholders and `values`.
    3. Send it (with the queued backend: a row in this transaction, delivered
       after commit), with `calendar`, an .ics as bytes, as a text/calendar part.
    """
    recipient = contact_email(application)
    if not recipient:
        return False
    vacancy = application.vacancy
    filled = {
        "candidate_name": candidate_name(application),
        "vacancy_title": vacancy.title,
        "reference": vacancy.reference,
        "trust": vacancy.organisation.name,
        "link": link,
        **(values or {}),
    }
    message = EmailMultiAlternatives(
        fill(email.subject, filled).strip(), fill(email.body, filled), None, [recipient]
    )
    if calendar is not None:
        # accounts.mail.QueuedEmailBackend keeps alternatives, not attachments:
        # calendar clients read a text/calendar part as the invitation.
        message.attach_alternative(calendar.decode() if isinstance(calendar, bytes) else calendar, "text/calendar")
    message.send()
    return True
