"""Rules: deleting an account removes its drafts and detaches what trusts
received; applications that ended without an appointment lose their personal
information 460 days after the closing date, keeping what reports count."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from accounts.services import delete_account
from candidates import services
from candidates.models import Application, EqualityMonitoring, PersonalDetails, Referee
from tests.factories import VacancyFactory

from .factories import complete_draft

pytestmark = pytest.mark.django_db

CLOSED = timezone.now() - datetime.timedelta(days=30)
RETENTION_ENDS = CLOSED + datetime.timedelta(days=460)


def received(status, **kwargs):
    application = complete_draft(vacancy=kwargs.pop("vacancy", None) or VacancyFactory(closing_at=CLOSED), **kwargs)
    Application.objects.filter(pk=application.pk).update(status=status, submitted_at=CLOSED, anonymous_number=1)
    EqualityMonitoring.objects.create(application=application, ethnicity="A")
    return Application.objects.get(pk=application.pk)


def test_forgetting_a_candidate_deletes_drafts_and_detaches_received_applications(candidate):
    draft = complete_draft(candidate=candidate)
    kept = received("submitted", candidate=candidate)

    assert services.forget_candidate(user=candidate) == (1, 1)

    assert not Application.objects.filter(pk=draft.pk).exists()
    kept.refresh_from_db()
    assert (kept.candidate, kept.status, kept.anonymised_at) == (None, "submitted", None)
    assert PersonalDetails.objects.filter(application=kept).exists()


def test_deleting_an_account_forgets_the_candidate_through_the_accounts_signal(candidate):
    # accounts knows nothing of applications: candidates connects to
    # account_deleting, and the deletion must still take the drafts with it.
    draft = complete_draft(candidate=candidate)
    kept = received("submitted", candidate=candidate)

    delete_account(user=candidate)

    assert not User.objects.filter(pk=candidate.pk).exists()
    assert not Application.objects.filter(pk=draft.pk).exists()
    kept.refresh_from_db()
    assert (kept.candidate, kept.status) == (None, "submitted")


@pytest.mark.parametrize("status", ["not_shortlisted", "unsuccessful", "withdrawn"])
def test_unsuccessful_applications_are_anonymised_once_retention_ends(status):
    application = received(status)

    assert services.anonymise_expired_applications(now=RETENTION_ENDS) == 0
    assert services.anonymise_expired_applications(now=RETENTION_ENDS + datetime.timedelta(seconds=1)) == 1

    application.refresh_from_db()
    assert application.candidate is None
    assert application.anonymised_at is not None
    assert (application.status, application.anonymous_code) == (status, "A0001")
    assert not PersonalDetails.objects.filter(application=application).exists()
    assert not Referee.objects.filter(application=application).exists()
    assert EqualityMonitoring.objects.filter(application=application).exists()


def test_appointed_candidates_keep_their_application_past_retention():
    application = received("appointed")

    assert services.anonymise_expired_applications(now=RETENTION_ENDS + datetime.timedelta(days=1)) == 0
    assert PersonalDetails.objects.filter(application=application).exists()


def test_applications_of_deleted_accounts_are_anonymised_once_retention_ends(candidate):
    application = received("submitted", candidate=candidate)
    services.forget_candidate(user=candidate)

    assert services.anonymise_expired_applications(now=RETENTION_ENDS + datetime.timedelta(days=1)) == 1
    assert not PersonalDetails.objects.filter(application=application).exists()


def test_anonymising_twice_changes_nothing_the_second_time():
    received("unsuccessful")
    later = RETENTION_ENDS + datetime.timedelta(days=1)

    assert services.anonymise_expired_applications(now=later) == 1
    assert services.anonymise_expired_applications(now=later) == 0
