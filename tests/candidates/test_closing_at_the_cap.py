"""The application cap, as candidates meet it: the advert and the task list say
how many applications close the vacancy early, and when a submission reaches
the cap, every candidate with a draft for it is e-mailed, once, after commit,
that it closed and their draft is kept."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.models import OutgoingEmail
from candidates import services, tasks
from candidates.models import Application
from tests.factories import ApplicationFactory, UserFactory, VacancyFactory
from vacancies import services as vacancy_services
from vacancies.models import Vacancy

from .factories import DraftApplicationFactory, PersonalDetailsFactory, complete_draft

CAP_LINE = "This vacancy may close early when it has {cap} applications."
FLAG_LINE = "This vacancy may close early if it receives many applications."


@pytest.mark.parametrize(
    ("fields", "shown", "not_shown"),
    [
        ({"may_close_early": True, "application_cap": 50}, CAP_LINE.format(cap=50), FLAG_LINE),
        ({"may_close_early": True, "application_cap": 1},
         "This vacancy may close early when it has 1 application.", FLAG_LINE),
        ({"may_close_early": True, "application_cap": None}, FLAG_LINE, "when it has"),
    ],
)
def test_advert_and_task_list_say_when_the_vacancy_may_close_early(
    client, candidate_client, candidate, fields, shown, not_shown
):
    vacancy = VacancyFactory(**fields)
    draft = DraftApplicationFactory(candidate=candidate, vacancy=vacancy)

    advert = client.get(vacancy.get_absolute_url()).content.decode()
    task_list = candidate_client.get(f"/applications/{draft.pk}/").content.decode()

    for page in (advert, task_list):
        assert shown in page
        assert not_shown not in page


def test_advert_and_task_list_say_nothing_of_closing_early_without_a_cap_or_the_flag(candidate_client, candidate):
    vacancy = VacancyFactory(may_close_early=False, application_cap=None)
    draft = DraftApplicationFactory(candidate=candidate, vacancy=vacancy)

    advert = candidate_client.get(vacancy.get_absolute_url()).content.decode()
    task_list = candidate_client.get(f"/applications/{draft.pk}/").content.decode()

    for page in (advert, task_list):
        assert "may close early" not in page


@pytest.fixture
def queued_email(settings):
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"
    settings.SITE_URL = "https://jobs.example.org"


@pytest.fixture
def capped(db):
    """A vacancy with a cap of 2 that already has one application, a complete
    draft that will reach the cap, two other drafts, and a draft for another
    vacancy."""
    vacancy = VacancyFactory(
        title="Staff Nurse – Acute Medicine", reference="C9365-25-0300", application_cap=2, may_close_early=True,
        closing_at=timezone.now() + datetime.timedelta(days=7),
    )
    ApplicationFactory(vacancy=vacancy, candidate=UserFactory(email="early@example.org"))
    last = complete_draft(vacancy=vacancy, candidate=UserFactory(email="last@example.org"))
    with_details = DraftApplicationFactory(vacancy=vacancy, candidate=UserFactory(email="account@example.org"))
    PersonalDetailsFactory(application=with_details, first_name="Dana", last_name="Draft", email="dana@example.org")
    without_details = DraftApplicationFactory(
        vacancy=vacancy, candidate=UserFactory(email="eve@example.org", full_name="Eve Started")
    )
    DraftApplicationFactory(candidate=UserFactory(email="elsewhere@example.org"))
    return {"vacancy": vacancy, "last": last, "with_details": with_details, "without_details": without_details}


def closed_notices():
    return list(
        OutgoingEmail.objects.filter(subject__startswith="Vacancy closed").order_by("to").values_list("to", flat=True)
    )


def test_submit_that_reaches_the_cap_tells_each_draft_after_commit(
    queued_email, capped, django_capture_on_commit_callbacks, monkeypatch
):
    enqueued = []
    monkeypatch.setattr(tasks.tell_drafts_closed_at_cap, "delay", lambda **kwargs: enqueued.append(kwargs))
    monkeypatch.setattr("accounts.tasks.send_outgoing_email.delay", lambda **kwargs: None)
    last = capped["last"]

    with django_capture_on_commit_callbacks() as callbacks:
        services.submit_application(application_id=last.pk, actor=last.candidate)
        assert closed_notices() == []  # nothing before commit
    for callback in callbacks:
        callback()
    assert enqueued == [{"vacancy_id": capped["vacancy"].pk}]

    told = tasks.tell_drafts_closed_at_cap(vacancy_id=capped["vacancy"].pk)

    assert told == 2
    assert closed_notices() == [["dana@example.org"], ["eve@example.org"]]
    email = OutgoingEmail.objects.get(to=["dana@example.org"])
    assert email.subject == "Vacancy closed: Staff Nurse – Acute Medicine (C9365-25-0300)"
    assert email.body.startswith("Dear Dana Draft,\n\n")
    assert (
        "Staff Nurse – Acute Medicine at Test Hospitals NHS Trust" in email.body
        and "has closed early because it received as many applications as it needed." in email.body
    )
    assert "You can no longer submit your application for it. We have kept your draft and your answers." in email.body
    assert f"https://jobs.example.org/applications/{capped['with_details'].pk}/" in email.body
    assert "Dear Eve Started," in OutgoingEmail.objects.get(to=["eve@example.org"]).body
    marked = Application.objects.filter(closed_notice_sent_at__isnull=False)
    assert set(marked.values_list("pk", flat=True)) == {capped["with_details"].pk, capped["without_details"].pk}


def test_submit_below_the_cap_tells_nobody(queued_email, capped, django_capture_on_commit_callbacks, monkeypatch):
    enqueued = []
    monkeypatch.setattr(tasks.tell_drafts_closed_at_cap, "delay", lambda **kwargs: enqueued.append(kwargs))
    monkeypatch.setattr("accounts.tasks.send_outgoing_email.delay", lambda **kwargs: None)
    Vacancy.objects.filter(pk=capped["vacancy"].pk).update(application_cap=3)
    last = capped["last"]

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(application_id=last.pk, actor=last.candidate)

    assert enqueued == []
    assert Vacancy.objects.get(pk=capped["vacancy"].pk).status == Vacancy.Status.PUBLISHED
    assert closed_notices() == []


def test_closed_notice_goes_once_however_often_the_task_runs(queued_email, capped):
    last = capped["last"]
    services.submit_application(application_id=last.pk, actor=last.candidate)

    first = tasks.tell_drafts_closed_at_cap(vacancy_id=capped["vacancy"].pk)
    again = tasks.tell_drafts_closed_at_cap(vacancy_id=capped["vacancy"].pk)

    assert (first, again) == (2, 0)
    assert closed_notices() == [["dana@example.org"], ["eve@example.org"]]


def test_closed_notice_is_not_sent_once_the_vacancy_has_reopened(queued_email, capped, recruiter):
    last = capped["last"]
    services.submit_application(application_id=last.pk, actor=last.candidate)
    Vacancy.objects.filter(pk=capped["vacancy"].pk).update(application_cap=10)
    vacancy_services.reopen_vacancy(
        vacancy_id=capped["vacancy"].pk, actor=recruiter, closing_at=timezone.now() + datetime.timedelta(days=14)
    )

    told = tasks.tell_drafts_closed_at_cap(vacancy_id=capped["vacancy"].pk)

    assert told == 0
    assert closed_notices() == []


def test_closed_notice_task_returns_quietly_when_the_vacancy_is_gone(db):
    assert tasks.tell_drafts_closed_at_cap(vacancy_id=987654) is False


@pytest.mark.worker
def test_closed_notices_are_sent_by_a_real_worker(celery_worker_process, queued_email, capped):
    from tests.celery_worker import wait_until

    last = capped["last"]
    with transaction.atomic():
        services.submit_application(application_id=last.pk, actor=last.candidate)

    assert wait_until(lambda: len(closed_notices()) == 2, timeout=60), celery_worker_process.log()
    assert wait_until(
        lambda: OutgoingEmail.objects.filter(subject__startswith="Vacancy closed", sent_at__isnull=False).count() == 2,
        60,
    ), celery_worker_process.log()
