"""The candidates app's own e-mails (received, closed at the cap, more time
to apply) come from templates a trust can reword, with their own placeholders,
and go to the address given in the application."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from candidates.services import send_submission_confirmation, tell_drafts_closing_time_changed
from organisations.models import EmailTemplate

from .factories import complete_draft

pytestmark = pytest.mark.django_db


def reword(vacancy, key, subject, body):
    EmailTemplate.objects.create(
        organisation=vacancy.organisation, key=key, subject=subject, body=body, updated_at=timezone.now()
    )


def test_the_confirmation_is_in_the_trust_s_wording_with_its_own_placeholders(candidate, vacancy):
    application = complete_draft(candidate=candidate, vacancy=vacancy)
    application.status = "submitted"
    application.submitted_at = datetime.datetime(2026, 2, 9, 15, 15, tzinfo=datetime.UTC)
    application.save()
    application.personal_details.email = "given@example.org"
    application.personal_details.save()
    reword(
        vacancy, "candidates.submission_confirmation", "Got it: ((application_reference))",
        "Received ((submitted)). See ((link))",
    )

    assert send_submission_confirmation(application=application) is True

    (message,) = mail.outbox
    assert message.to == ["given@example.org"]
    assert message.subject == f"Got it: {application.reference}"
    assert message.body == "Received 9 February 2026, 3:15pm. See http://localhost:8000/applications/"


def test_more_time_to_apply_fills_in_the_new_closing_date_and_time(candidate, vacancy):
    application = complete_draft(candidate=candidate, vacancy=vacancy)
    reword(vacancy, "candidates.closing_time_changed", "Later: ((closing_date))", "Until ((closing_time)). ((link))")
    new_closing = datetime.datetime(2026, 3, 30, 16, 0, tzinfo=datetime.UTC)  # 5pm BST

    sent = tell_drafts_closing_time_changed(
        vacancy_id=vacancy.pk, old_closing_at=vacancy.closing_at, new_closing_at=new_closing
    )

    assert sent == 1
    (message,) = mail.outbox
    assert (message.subject, message.body) == (
        "Later: 30 March 2026",
        f"Until 5pm. http://localhost:8000/applications/{application.pk}/",
    )
    assert message.alternatives[0][1] == "text/html"
