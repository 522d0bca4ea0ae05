"""E-mails to candidates, written from templates with ((placeholders)), the
way GOV.UK Notify writes them, so a trust can reword them without touching code.

Each app declares its e-mails with `register(CandidateEmail(...))` at import
time (the module that sends them) and sends one with `send_to_candidate`.
The kinds of e-mail and a trust's wording of them live in organisations
(organisations.emails, EmailTemplate), where the trust's pages edit them.
An e-mail goes to the address in the application's personal details, which
the candidate gave for this job, else to their account's.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from nhsuk.formats import nhs_time
from organisations.emails import (
    COMMON_PLACEHOLDERS,
    PLACEHOLDER,
    REGISTRY,
    CandidateEmail,
    fill,
    register,
    wording_for,
)

from .models import PersonalDetails

__all__ = [
    "COMMON_PLACEHOLDERS", "PLACEHOLDER", "REGISTRY", "CandidateEmail", "candidate_name", "contact_email", "fill",
    "register", "render_html", "send_to_candidate",
]


_NO_DETAILS = object()


def _details(application):
    return PersonalDetails.objects.filter(application=application).only("email", "first_name", "last_name").first()


def contact_email(application, details=_NO_DETAILS):
    """Where to write to the candidate: the e-mail in their application's
    personal details, else their account's; "" when there is neither.
    `details`: the application's PersonalDetails (or None), if already read."""
    details = _details(application) if details is _NO_DETAILS else details
    if details and details.email:
        return details.email
    return application.candidate.email if application.candidate else ""


def candidate_name(application, details=_NO_DETAILS):
    """The name the candidate gave in this application, else their account's."""
    details = _details(application) if details is _NO_DETAILS else details
    if details and details.full_name:
        return details.full_name
    return application.candidate.get_full_name() if application.candidate else ""


def render_html(text, *, trust):
    """The HTML part of an e-mail, from the same filled text as the plain one:
    escaped (a candidate's name or a trust's wording can hold < or &), a
    paragraph per blank line, web addresses made links, under a header in
    NHS blue with the trust's name."""
    # urlize escapes the text around the links it makes; linebreaks then only
    # adds <p> and <br>, so the whole is safe to mark so.
    body = mark_safe(linebreaks(urlize(text, nofollow=True, autoescape=True), autoescape=False))
    return render_to_string("candidates/email/message.html", {"body": body, "trust": trust})


def send_to_candidate(*, application, email, link="", values=None, calendar=None):
    """Write one e-mail to the candidate; returns whether it was written.

    1. Take the trust's wording of the e-mail, else the default; a trust
       that switched it off (an e-mail that may be) sends nothing.
    2. Find the address (contact_email); nobody to write to, nothing sent.
    3. Fill the subject and body with the common placeholders and `values`.
    4. Send it as plain text with an HTML alternative (with the queued backend:
       a row in this transaction, delivered after commit), with `calendar`,
       an .ics as bytes, as a text/calendar part.
    """
    vacancy = application.vacancy
    wording = wording_for(organisation=vacancy.organisation_id, email=email)
    if not wording.enabled:
        return False
    details = _details(application)  # one read for the address and the name
    recipient = contact_email(application, details)
    if not recipient:
        return False
    trust = vacancy.organisation.name
    filled = {
        "candidate_name": candidate_name(application, details),
        "vacancy_title": vacancy.title,
        "reference": vacancy.reference,
        "trust": trust,
        "link": link,
        **(values or {}),
    }
    # A subject is one line: a value with a line break in it must not add a header.
    subject = " ".join(fill(wording.subject, filled).split())
    body = fill(wording.body, filled)
    message = EmailMultiAlternatives(subject, body, None, [recipient])
    message.attach_alternative(render_html(body, trust=trust), "text/html")
    if calendar is not None:
        # accounts.mail.QueuedEmailBackend keeps alternatives, not attachments:
        # calendar clients read a text/calendar part as the invitation.
        message.attach_alternative(calendar.decode() if isinstance(calendar, bytes) else calendar, "text/calendar")
    message.send()
    return True


def site_link(viewname, **kwargs):
    """A full address on this service, for the ((link)) of an e-mail."""
    return settings.SITE_URL.rstrip("/") + reverse(viewname, kwargs=kwargs or None)


def local_date_and_time(moment):
    """("9 February 2026", "11:59pm") for a placeholder: NHS.UK style."""
    local = timezone.localtime(moment)
    return date_format(local, "j F Y"), nhs_time(local)


# The candidates app's own e-mails -------------------------------------------------------

SUBMISSION_CONFIRMATION = register(
    CandidateEmail(
        key="candidates.submission_confirmation",
        label=_("Application received"),
        subject=_("Application received: ((vacancy_title)) (((application_reference)))"),
        body=_(
            "Dear ((candidate_name)),\n\n"
            "We have received your application for ((vacancy_title)) at ((trust)).\n\n"
            "Application reference: ((application_reference))\n"
            "Vacancy reference: ((reference))\n"
            "Submitted: ((submitted))\n\n"
            "After the closing date, a panel will read applications without seeing names and decide who to "
            "invite to interview. We will email you when there is news.\n\n"
            "You can see your applications, or withdraw this one, at ((link))\n\n"
            "((trust))\n"
        ),
        placeholders=("application_reference", "submitted"),
        examples=(("application_reference", "C9365-26-0001-A0007"), ("submitted", "9 February 2026, 3:15pm")),
    )
)

CLOSED_AT_CAP = register(
    CandidateEmail(
        key="candidates.closed_at_cap",
        label=_("Vacancy closed early, to candidates with a draft"),
        subject=_("Vacancy closed: ((vacancy_title)) (((reference)))"),
        body=_(
            "Dear ((candidate_name)),\n\n"
            "((vacancy_title)) at ((trust)) has closed early because it received as many applications as it "
            "needed.\n\n"
            "You can no longer submit your application for it. We have kept your draft and your answers.\n\n"
            "Vacancy reference: ((reference))\n\n"
            "You can see your draft at ((link))\n\n"
            "((trust))\n"
        ),
    )
)

CLOSING_TIME_CHANGED = register(
    CandidateEmail(
        key="candidates.closing_time_changed",
        label=_("More time to apply, to candidates with a draft"),
        subject=_("More time to apply: ((vacancy_title))"),
        body=_(
            "Dear ((candidate_name)),\n\n"
            "You have started an application for ((vacancy_title)) at ((trust)). The closing date has changed.\n\n"
            "You now have until ((closing_time)) on ((closing_date)) to submit your application.\n\n"
            "Vacancy reference: ((reference))\n\n"
            "Your answers are saved. Continue your application at ((link))\n\n"
            "((trust))\n"
        ),
        placeholders=("closing_date", "closing_time"),
        examples=(("closing_date", "23 February 2026"), ("closing_time", "11:59pm")),
    )
)
