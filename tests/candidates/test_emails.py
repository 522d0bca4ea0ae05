"""E-mails to candidates: written from ((placeholders)), sent to the address
the candidate gave in the application."""

import pytest
from django.core import mail
from django.utils import timezone

from candidates.emails import CandidateEmail, fill, register, send_to_candidate
from organisations.models import EmailTemplate

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


SWITCHABLE = CandidateEmail(
    key="tests.switchable",
    label="News a candidate can do without",
    subject="News about ((vacancy_title))",
    body="Dear ((candidate_name)),\n\nSome news.\n",
    can_switch_off=True,
)


def save_wording(vacancy, email, **fields):
    return EmailTemplate.objects.create(
        organisation=vacancy.organisation, key=email.key, updated_at=timezone.now(), **fields
    )


def test_an_e_mail_goes_in_the_trust_s_own_wording(candidate, vacancy):
    application = complete_draft(candidate=candidate, vacancy=vacancy)
    save_wording(vacancy, EXAMPLE, subject="Our news: ((reference))", body="Hello ((candidate_name)), ((detail)).")

    send_to_candidate(application=application, email=EXAMPLE, values={"detail": "see you soon"})

    (message,) = mail.outbox
    assert message.subject == f"Our news: {vacancy.reference}"
    assert message.body == f"Hello {application.personal_details.full_name}, see you soon."


def test_a_blank_subject_or_body_in_the_trust_s_wording_keeps_the_default(candidate, vacancy):
    application = complete_draft(candidate=candidate, vacancy=vacancy)
    save_wording(vacancy, EXAMPLE, subject="", body="Only the body is ours.")

    send_to_candidate(application=application, email=EXAMPLE, values={"detail": "x"})

    assert (mail.outbox[0].subject, mail.outbox[0].body) == (
        f"Staff Nurse – Acute Medicine {vacancy.reference}",
        "Only the body is ours.",
    )


def test_another_trust_s_wording_is_not_used(candidate, vacancy, trust_b):
    application = complete_draft(candidate=candidate, vacancy=vacancy)
    EmailTemplate.objects.create(
        organisation=trust_b, key=EXAMPLE.key, subject="Trust B says", body="B", updated_at=timezone.now()
    )

    send_to_candidate(application=application, email=EXAMPLE, values={"detail": "x"})

    assert mail.outbox[0].subject == f"Staff Nurse – Acute Medicine {vacancy.reference}"


def test_an_e_mail_has_an_html_part_made_from_the_same_text_with_values_escaped(candidate, vacancy):
    application = complete_draft(candidate=candidate, vacancy=vacancy)
    details = application.personal_details
    details.first_name, details.last_name = "<b>Ada", "O'Brien & Co"
    details.save()

    send_to_candidate(
        application=application, email=EXAMPLE, link="https://jobs.example.org/a/1", values={"detail": "x<y"}
    )

    message = mail.outbox[0]
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Dear <b>Ada O'Brien & Co," in message.body
    assert "<p>Dear &lt;b&gt;Ada O&#x27;Brien &amp; Co,</p>" in html
    assert "x&lt;y" in html and "x<y" not in html
    assert '<a href="https://jobs.example.org/a/1" rel="nofollow">https://jobs.example.org/a/1</a>' in html
    # The header: the trust's name on NHS blue.
    assert "#005eb8" in html and vacancy.organisation.name in html


def test_a_calendar_comes_after_the_html_part(candidate, vacancy):
    application = complete_draft(candidate=candidate, vacancy=vacancy)

    send_to_candidate(application=application, email=EXAMPLE, calendar=b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")

    assert [mimetype for _content, mimetype in mail.outbox[0].alternatives] == ["text/html", "text/calendar"]


def test_a_value_with_a_line_break_does_not_break_the_subject(candidate, vacancy):
    application = complete_draft(candidate=candidate, vacancy=vacancy)
    vacancy.title = "Nurse\nBcc: someone@example.com"

    send_to_candidate(application=application, email=EXAMPLE)

    assert mail.outbox[0].subject == f"Nurse Bcc: someone@example.com {vacancy.reference}"


def test_a_trust_that_switched_an_e_mail_off_sends_nothing(candidate, vacancy):
    application = complete_draft(candidate=candidate, vacancy=vacancy)
    save_wording(vacancy, SWITCHABLE, enabled=False)

    assert send_to_candidate(application=application, email=SWITCHABLE) is False

    assert mail.outbox == []


def test_an_e_mail_that_cannot_be_switched_off_is_sent_whatever_the_row_says(candidate, vacancy):
    application = complete_draft(candidate=candidate, vacancy=vacancy)
    save_wording(vacancy, EXAMPLE, enabled=False)

    assert send_to_candidate(application=application, email=EXAMPLE, values={"detail": "x"}) is True

    assert len(mail.outbox) == 1


def test_with_no_address_at_all_nothing_is_sent(vacancy, candidate):
    application = complete_draft(candidate=candidate, vacancy=vacancy)
    application.personal_details.email = ""
    application.personal_details.save()
    type(candidate).objects.filter(pk=candidate.pk).update(email="")
    application.candidate.email = ""

    assert send_to_candidate(application=application, email=EXAMPLE) is False
    assert mail.outbox == []
