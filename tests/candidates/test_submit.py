"""Submitting: refused while incomplete, after the closing time or once the cap
is reached (the draft stays); accepted with a code, an event and an e-mail after commit."""

import datetime

import pytest
import time_machine
from django.core import mail

from accounts.models import OutgoingEmail
from accounts.services import send_outgoing_email
from candidates import services
from candidates.models import Application, ApplicationEvent, PersonalDetails, Section, SectionProgress
from tests.factories import ApplicationFactory, VacancyFactory
from vacancies.models import Vacancy, VacancyEvent

from .factories import complete_draft, complete_sections

NOW = datetime.datetime(2026, 1, 19, 20, 0, tzinfo=datetime.UTC)
CLOSING = datetime.datetime(2026, 1, 19, 23, 59, tzinfo=datetime.UTC)


def submit(client, application, confirm="on"):
    return client.post(f"/applications/{application.pk}/submit/", {"confirm": confirm} if confirm else {})


@pytest.fixture
def ready(candidate, vacancy):
    return complete_draft(candidate=candidate, vacancy=vacancy)


def test_submit_accepts_a_complete_application(candidate_client, candidate, ready):
    response = submit(candidate_client, ready)

    assert response["Location"] == f"/applications/{ready.pk}/submitted/"
    ready.refresh_from_db()
    assert (ready.status, ready.anonymous_code) == ("submitted", "A0001")
    assert ready.submitted_at is not None
    event = ApplicationEvent.objects.get(application=ready)
    assert (event.actor, event.from_status, event.to_status, event.created_at) == (
        candidate, "draft", "submitted", ready.submitted_at,
    )
    assert len(mail.outbox) == 1


def test_submit_confirmation_page_shows_the_reference(candidate_client, ready):
    submit(candidate_client, ready)

    response = candidate_client.get(f"/applications/{ready.pk}/submitted/")

    assert f'<strong id="application-reference">APP-{ready.pk:07d}</strong>' in response.content.decode()


def test_submit_queues_the_confirmation_email_to_go_out_after_commit(
    candidate_client, ready, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks() as callbacks:
        submit(candidate_client, ready)

    outgoing = OutgoingEmail.objects.get()
    assert mail.outbox == []  # nothing delivered in the request
    assert len(callbacks) == 1  # the delivery task, enqueued after commit
    send_outgoing_email(email_id=outgoing.pk)  # what that task does

    ready.refresh_from_db()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [PersonalDetails.objects.get(application=ready).email]
    assert message.subject == f"Application received: Staff Nurse – Acute Medicine (APP-{ready.pk:07d})"
    assert "Dear Cara Candidate," in message.body
    assert f"Application reference: APP-{ready.pk:07d}" in message.body
    assert "Vacancy reference: C9365-25-0300" in message.body
    assert "http://localhost:8000/applications/" in message.body
    assert ready.confirmation_sent_at is not None


def test_submit_gives_codes_in_order_per_vacancy(vacancy, candidate, other_candidate):
    first = complete_draft(candidate=candidate, vacancy=vacancy)
    second = complete_draft(candidate=other_candidate, vacancy=vacancy)
    elsewhere = complete_draft(candidate=candidate)

    for application in (first, second, elsewhere):
        services.submit_application(application_id=application.pk, actor=application.candidate)

    codes = {a.pk: a.anonymous_code for a in Application.objects.all()}
    assert (codes[first.pk], codes[second.pk], codes[elsewhere.pk]) == ("A0001", "A0002", "A0001")


def test_submit_refused_while_sections_are_incomplete_lists_them(candidate_client, draft):
    complete_sections(draft)
    SectionProgress.objects.filter(application=draft, section__in=[Section.REFERENCES, Section.RIGHT_TO_WORK]).update(
        completed_at=None
    )

    response = submit(candidate_client, draft)
    page = candidate_client.get(response["Location"])

    assert response["Location"] == f"/applications/{draft.pk}/check-your-answers/"
    assert (
        "Complete every section before you submit. Still to complete: Right to work and sponsorship, References."
        in page.content.decode()
    )
    draft.refresh_from_db()
    assert (draft.status, draft.submitted_at, draft.anonymous_number) == ("draft", None, None)
    assert not ApplicationEvent.objects.exists()


def test_check_your_answers_lists_incomplete_sections_and_offers_no_submit(candidate_client, draft):
    response = candidate_client.get(f"/applications/{draft.pk}/check-your-answers/")

    html = response.content.decode()
    assert "You cannot submit yet" in html
    assert f'<a href="/applications/{draft.pk}/references/">References</a>' in html
    assert "Submit application" not in html


def test_submit_needs_the_declaration(candidate_client, ready):
    response = submit(candidate_client, ready, confirm="")

    assert response.status_code == 200
    assert "Confirm that the information you have given is true and complete" in response.content.decode()
    assert Application.objects.get(pk=ready.pk).status == "draft"


def test_submit_refused_after_the_closing_time_keeps_the_draft(candidate_client, candidate):
    vacancy = VacancyFactory(closing_at=CLOSING)
    with time_machine.travel(NOW, tick=False):
        application = complete_draft(candidate=candidate, vacancy=vacancy)

    with time_machine.travel(CLOSING, tick=False):
        response = submit(candidate_client, application)
        page = candidate_client.get(response["Location"])

    assert response["Location"] == f"/applications/{application.pk}/"
    assert (
        "This vacancy closed on 19 January 2026 at 11:59pm. Your application has not been submitted. "
        "We have kept your answers." in page.content.decode()
    )
    application.refresh_from_db()
    assert application.status == "draft"
    assert PersonalDetails.objects.get(application=application).first_name == "Cara"


def test_submit_one_second_before_the_closing_time_is_accepted(candidate):
    vacancy = VacancyFactory(closing_at=CLOSING)
    with time_machine.travel(NOW, tick=False):
        application = complete_draft(candidate=candidate, vacancy=vacancy)

    with time_machine.travel(CLOSING - datetime.timedelta(seconds=1), tick=False):
        services.submit_application(application_id=application.pk, actor=candidate)

    assert Application.objects.get(pk=application.pk).submitted_at == CLOSING - datetime.timedelta(seconds=1)


def test_submit_that_reaches_the_cap_closes_the_vacancy(candidate, other_candidate):
    vacancy = VacancyFactory(application_cap=2, may_close_early=True)
    ApplicationFactory(vacancy=vacancy)
    last = complete_draft(candidate=candidate, vacancy=vacancy)

    services.submit_application(application_id=last.pk, actor=candidate)

    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.CLOSED
    assert VacancyEvent.objects.get(vacancy=vacancy).note == "Closed on reaching its cap of 2 applications"


def test_submit_refused_once_the_vacancy_closed_for_its_cap(candidate_client, candidate, other_candidate):
    vacancy = VacancyFactory(application_cap=1, may_close_early=True)
    first = complete_draft(candidate=other_candidate, vacancy=vacancy)
    late = complete_draft(candidate=candidate, vacancy=vacancy)
    services.submit_application(application_id=first.pk, actor=other_candidate)

    response = submit(candidate_client, late)
    page = candidate_client.get(response["Location"])

    assert (
        "This vacancy closed early because it received as many applications as it needed. "
        "Your application has not been submitted. We have kept your answers." in page.content.decode()
    )
    assert Application.objects.get(pk=late.pk).status == "draft"


def test_submit_refused_when_the_vacancy_was_closed_early_by_hand(candidate, ready, vacancy):
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.CLOSED)

    with pytest.raises(services.SubmissionRefused) as refusal:
        services.submit_application(application_id=ready.pk, actor=candidate)

    assert refusal.value.reason == "closed"
    assert str(refusal.value).startswith("This vacancy is no longer accepting applications.")


def test_submit_twice_is_refused_the_second_time(candidate, ready):
    services.submit_application(application_id=ready.pk, actor=candidate)

    with pytest.raises(services.SubmissionRefused) as refusal:
        services.submit_application(application_id=ready.pk, actor=candidate)

    assert refusal.value.reason == "not_draft"
    assert ApplicationEvent.objects.filter(application=ready).count() == 1


@pytest.mark.parametrize(
    "path",
    [
        "personal-details/", "right-to-work/", "employment-history/", "employment-history/add/", "qualifications/",
        "qualifications/add/", "supporting-information/", "references/", "references/add/", "declarations/",
        "adjustments/", "equality-monitoring/",
    ],
)
def test_submitted_application_cannot_be_changed(candidate_client, candidate, ready, path):
    services.submit_application(application_id=ready.pk, actor=candidate)

    response = candidate_client.post(
        f"/applications/{ready.pk}/{path}",
        {"first_name": "Changed", "text": "Changed", "section_complete": "True", "employer": "Changed"},
        follow=True,
    )

    assert response.redirect_chain == [(f"/applications/{ready.pk}/", 302)]
    assert "You cannot change an application after you have submitted it." in response.content.decode()
    assert PersonalDetails.objects.get(application=ready).first_name == "Cara"
    assert Application.objects.get(pk=ready.pk).progress.filter(completed_at=None).count() == 0


def test_submitted_application_has_no_check_your_answers_page(candidate_client, candidate, ready):
    services.submit_application(application_id=ready.pk, actor=candidate)

    response = candidate_client.get(f"/applications/{ready.pk}/check-your-answers/")

    assert response["Location"] == f"/applications/{ready.pk}/"


def test_submitted_application_rows_cannot_be_changed_or_removed(candidate_client, candidate, ready):
    services.submit_application(application_id=ready.pk, actor=candidate)
    job = ready.employments.get()

    changed = candidate_client.post(f"/applications/{ready.pk}/employment-history/{job.pk}/", {"employer": "X"})
    removed = candidate_client.post(f"/applications/{ready.pk}/employment-history/{job.pk}/remove/")

    assert changed["Location"] == removed["Location"] == f"/applications/{ready.pk}/"
    assert ready.employments.get().employer == "Worcestershire Royal Hospital"


def test_submitted_application_page_shows_status_and_answers_without_change_links(candidate_client, candidate, ready):
    services.submit_application(application_id=ready.pk, actor=candidate)

    response = candidate_client.get(f"/applications/{ready.pk}/")

    html = response.content.decode()
    assert '<strong class="nhsuk-tag nhsuk-tag--blue">Submitted</strong>' in html
    assert "I have led a ward team for five years." in html
    assert "?from=review" not in html


def test_confirmation_is_written_once_however_often_it_is_asked_for(candidate, ready):
    services.submit_application(application_id=ready.pk, actor=candidate)

    again = services.send_submission_confirmation(application=Application.objects.get(pk=ready.pk))

    assert again is False
    assert len(mail.outbox) == 1


@pytest.mark.worker
def test_confirmation_email_is_sent_by_a_real_worker(celery_worker_process, candidate, settings):
    """Submitting queues the e-mail; after commit a worker process sends it
    (with no SMTP server configured, Django prints it to the worker's log)."""
    from django.db import transaction

    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"

    from tests.celery_worker import wait_until

    application = complete_draft(candidate=candidate)
    with transaction.atomic():
        services.submit_application(application_id=application.pk, actor=candidate)

    assert wait_until(
        lambda: Application.objects.get(pk=application.pk).confirmation_sent_at is not None, timeout=60
    ), celery_worker_process.log()
    assert wait_until(lambda: OutgoingEmail.objects.filter(sent_at__isnull=False).count() == 1, 60), (
        celery_worker_process.log()
    )
    assert wait_until(lambda: f"Application reference: APP-{application.pk:07d}" in celery_worker_process.log(), 10)
    assert f"To: {PersonalDetails.objects.get(application=application).email}" in celery_worker_process.log()


def test_vacancy_closed_for_its_cap_stays_readable(client, candidate):
    vacancy = VacancyFactory(application_cap=1, may_close_early=True)
    application = complete_draft(candidate=candidate, vacancy=vacancy)
    services.submit_application(application_id=application.pk, actor=candidate)

    response = client.get(vacancy.get_absolute_url())

    assert response.status_code == 200
    assert "This vacancy has closed" in response.content.decode()


# The confirmation after the submission's commit (issue 14, point 23) ------------------------


def test_submit_keeps_the_submission_when_the_confirmation_cannot_be_written(
    candidate_client, candidate, ready, monkeypatch
):
    def mail_server_gone(*args, **kwargs):
        raise ConnectionError("mail queue unavailable")

    monkeypatch.setattr(services.emails, "send_to_candidate", mail_server_gone)

    response = submit(candidate_client, ready)

    assert response["Location"] == f"/applications/{ready.pk}/submitted/"
    ready.refresh_from_db()
    assert (ready.status, ready.anonymous_code, ready.confirmation_sent_at) == ("submitted", "A0001", None)
    assert ApplicationEvent.objects.get(application=ready).to_status == "submitted"
    assert mail.outbox == []


def test_missing_confirmations_are_sent_by_the_beat_task(candidate, other_candidate, vacancy):
    """A submission committed, then its process died before the confirmation
    was written: the beat task writes it, once, and leaves alone those the
    request is still writing, those sent, and those too old to be news."""
    from candidates.tasks import send_missing_confirmations

    owed = complete_draft(candidate=candidate, vacancy=vacancy)
    just_now = complete_draft(candidate=other_candidate, vacancy=vacancy)
    sent = ApplicationFactory(vacancy=vacancy, confirmation_sent_at=NOW - datetime.timedelta(minutes=10))
    too_old = ApplicationFactory(vacancy=vacancy)
    Application.objects.filter(pk=owed.pk).update(
        status="submitted", anonymous_number=1, submitted_at=NOW - datetime.timedelta(minutes=10)
    )
    Application.objects.filter(pk=just_now.pk).update(
        status="submitted", anonymous_number=2, submitted_at=NOW - datetime.timedelta(seconds=30)
    )
    Application.objects.filter(pk=sent.pk).update(submitted_at=NOW - datetime.timedelta(minutes=10))
    Application.objects.filter(pk=too_old.pk).update(submitted_at=NOW - datetime.timedelta(days=2))

    with time_machine.travel(NOW, tick=False):
        first = send_missing_confirmations()
        second = send_missing_confirmations()

    assert (first, second) == (1, 0)
    assert [message.to for message in mail.outbox] == [[PersonalDetails.objects.get(application=owed).email]]
    assert mail.outbox[0].subject == f"Application received: Staff Nurse – Acute Medicine (APP-{owed.pk:07d})"
    confirmed = dict(Application.objects.filter(vacancy=vacancy).values_list("pk", "confirmation_sent_at"))
    assert confirmed == {
        owed.pk: NOW, just_now.pk: None, sent.pk: NOW - datetime.timedelta(minutes=10), too_old.pk: None,
    }


def test_submit_reports_how_long_it_held_the_vacancy_lock(candidate, ready, monkeypatch):
    held = []
    monkeypatch.setattr(services, "vacancy_lock_held", held.append)

    services.submit_application(application_id=ready.pk, actor=candidate)

    assert len(held) == 1
    assert 0 < held[0] < 5_000
