"""E-mails to candidates: written from ((placeholders)), sent to the address
the candidate gave in the application."""

import pytest
from django.core import mail

from candidates.emails import CandidateEmail, fill, register, send_to_candidate

from .factories import complete_draft

EXAMPLE = CandidateEmail(
    key="tests.example",
    label="An example",
    subject="((vacancy_title)) ((reference))",
    body="Dear ((candidate_name)),\n\n((trust)) writes about ((reference)): ((detail)). ((link))\n",
    placeholders=("detail",),
)


def test_placeholders_are_filled_and_an_unknown_one_shows_as_written():
    assert fill("Dear ((candidate_name)), ((nonsense))", {"candidate_name": "Ada"}) == "Dear Ada, ((nonsense))"


def test_an_e_mail_goes_to_the_address_given_in_the_application(candidate, vacancy):
    application = complete_draft(candidate=candidate, vacancy=vacancy)
    application.personal_details.email = "for-this-job@example.org"
    application.personal_details.save()

    assert send_to_candidate(application=application, email=EXAMPLE, link="https://x/1", values={"detail": "news"})

    (message,) = mail.outbox
    assert message.to == ["for-this-job@example.org"]
    assert message.subject == f"Staff Nurse – Acute Medicine {vacancy.reference}"
    name = application.personal_details.full_name
    assert message.body == f"Dear {name},\n\n{vacancy.organisation.name} writes about {vacancy.reference}: news. https://x/1\n"


def test_a_calendar_travels_as_a_text_calendar_part(candidate, vacancy):
    application = complete_draft(candidate=candidate, vacancy=vacancy)

    send_to_candidate(application=application, email=EXAMPLE, calendar=b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")

    assert mail.outbox[0].alternatives[-1] == ("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")


def test_the_same_key_cannot_name_two_different_e_mails():
    register(EXAMPLE)
    with pytest.raises(ValueError):
        register(CandidateEmail(key="tests.example", label="Other", subject="", body=""))
