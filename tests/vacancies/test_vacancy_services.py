"""Rules of the vacancy lifecycle beyond the transition table: approval,
rejection, publishing now or later, closing early, withdrawing, reopening,
references and re-adverts."""

import datetime
import threading

import pytest
import time_machine
from django.db import connections
from django.utils import timezone

from tests.factories import CriterionFactory, OrganisationFactory, SiteFactory, VacancyFactory
from vacancies import services
from vacancies.models import Vacancy, VacancyEvent

S = Vacancy.Status
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
LATER = NOW + datetime.timedelta(days=3)


def ready_vacancy(**kwargs):
    vacancy = VacancyFactory(closing_at=NOW + datetime.timedelta(days=14), **kwargs)
    CriterionFactory(vacancy=vacancy, order=1)
    return vacancy


@pytest.mark.django_db
def test_submit_for_approval_records_who_sent_it(recruiter):
    vacancy = ready_vacancy(status=S.DRAFT, created_by=recruiter)

    services.submit_for_approval(vacancy_id=vacancy.pk, actor=recruiter, now=NOW)

    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.submitted_by) == (S.AWAITING_APPROVAL, recruiter)


@pytest.mark.django_db
def test_submit_for_approval_refuses_an_incomplete_vacancy_and_says_why(recruiter):
    vacancy = VacancyFactory(status=S.DRAFT, sites=[], closing_at=NOW - datetime.timedelta(days=1))

    with pytest.raises(services.TransitionNotAllowed) as refused:
        services.submit_for_approval(vacancy_id=vacancy.pk, actor=recruiter, now=NOW)

    assert str(refused.value) == (
        "Choose at least one job location. Add at least one essential criterion to the person specification. "
        "Set a closing time in the future."
    )
    assert Vacancy.objects.get(pk=vacancy.pk).status == S.DRAFT
    assert not VacancyEvent.objects.exists()


@pytest.mark.django_db
def test_approver_cannot_approve_a_vacancy_they_sent_for_approval(recruiter):
    vacancy = ready_vacancy(status=S.AWAITING_APPROVAL, submitted_by=recruiter)

    with pytest.raises(services.TransitionNotAllowed, match="cannot approve a vacancy you created or sent"):
        services.approve_vacancy(vacancy_id=vacancy.pk, actor=recruiter, now=NOW)

    assert Vacancy.objects.get(pk=vacancy.pk).status == S.AWAITING_APPROVAL
    assert not VacancyEvent.objects.exists()


@pytest.mark.django_db
def test_approver_cannot_approve_a_vacancy_they_created(recruiter, hiring_manager):
    vacancy = ready_vacancy(status=S.AWAITING_APPROVAL, created_by=recruiter, submitted_by=hiring_manager)

    with pytest.raises(services.TransitionNotAllowed):
        services.approve_vacancy(vacancy_id=vacancy.pk, actor=recruiter, now=NOW)


@pytest.mark.django_db
def test_second_recruiter_approves(recruiter, trust_a):
    from tests.factories import MembershipFactory

    approver = MembershipFactory(organisation=trust_a).user
    vacancy = ready_vacancy(status=S.AWAITING_APPROVAL, created_by=recruiter, submitted_by=recruiter)

    services.approve_vacancy(vacancy_id=vacancy.pk, actor=approver, now=NOW)

    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.approved_by) == (S.APPROVED, approver)
    assert VacancyEvent.objects.get(vacancy=vacancy).actor == approver


@pytest.mark.django_db
def test_vacancy_may_be_approved_by_anyone_but_who_wrote_or_sent_it(recruiter, hiring_manager, trust_a):
    from tests.factories import MembershipFactory

    colleague = MembershipFactory(organisation=trust_a).user
    vacancy = ready_vacancy(status=S.AWAITING_APPROVAL, created_by=recruiter, submitted_by=hiring_manager)

    assert [vacancy.may_be_approved_by(user) for user in (recruiter, hiring_manager, colleague)] == [False, False, True]


@pytest.mark.django_db
def test_vacancy_may_be_approved_by_is_the_rule_the_approval_service_applies(recruiter, trust_a, monkeypatch):
    # The service asks the model, not a rule of its own: were the rule to let
    # the author approve, the service would too.
    vacancy = ready_vacancy(status=S.AWAITING_APPROVAL, created_by=recruiter, submitted_by=recruiter)
    monkeypatch.setattr(Vacancy, "may_be_approved_by", lambda self, user: True)

    services.approve_vacancy(vacancy_id=vacancy.pk, actor=recruiter, now=NOW)

    assert Vacancy.objects.get(pk=vacancy.pk).status == S.APPROVED


# Which statuses each action starts from ------------------------------------------------------

# The status each action of the staff pages moves a vacancy to.
ACTION_LEADS_TO = {
    "submit": S.AWAITING_APPROVAL,
    "approve": S.APPROVED,
    "reject": S.DRAFT,
    "publish": S.PUBLISHED,
    "close": S.CLOSED,
    "reopen": S.PUBLISHED,
    "withdraw": S.WITHDRAWN,
}


@pytest.mark.parametrize("action", ACTION_LEADS_TO)
def test_vacancy_actions_start_only_where_the_transition_table_allows_their_move(action):
    to_status = ACTION_LEADS_TO[action]

    refused = [status for status in Vacancy.ACTIONS_FROM[action] if to_status not in Vacancy.TRANSITIONS[status]]

    assert refused == []


def test_vacancy_withdraw_is_allowed_from_every_status_that_may_become_withdrawn():
    assert Vacancy.ACTIONS_FROM["withdraw"] == {
        status for status, moves in Vacancy.TRANSITIONS.items() if S.WITHDRAWN in moves
    }


def test_vacancy_allows_reopening_only_a_closed_vacancy_though_approved_may_also_become_published():
    assert [status for status in S if Vacancy(status=status).allows("reopen")] == [S.CLOSED]
    assert [status for status in S if Vacancy(status=status).allows("publish")] == [S.APPROVED]


def test_vacancy_allows_advertising_again_once_it_has_been_out():
    assert {status for status in S if Vacancy(status=status).allows("readvert")} == {
        S.PUBLISHED, S.CLOSED, S.SHORTLISTING, S.INTERVIEWING, S.OFFER_MADE, S.FILLED, S.WITHDRAWN,
    }


@pytest.mark.django_db
def test_reject_sends_back_to_draft_with_the_reason(recruiter):
    vacancy = ready_vacancy(status=S.AWAITING_APPROVAL)

    services.reject_vacancy(vacancy_id=vacancy.pk, actor=recruiter, reason="  Salary is outside band 5  ", now=NOW)

    assert Vacancy.objects.get(pk=vacancy.pk).status == S.DRAFT
    assert VacancyEvent.objects.get(vacancy=vacancy).note == "Salary is outside band 5"


@pytest.mark.django_db
def test_reject_without_a_reason_is_refused(recruiter):
    vacancy = ready_vacancy(status=S.AWAITING_APPROVAL)

    with pytest.raises(services.TransitionNotAllowed, match="Give a reason"):
        services.reject_vacancy(vacancy_id=vacancy.pk, actor=recruiter, reason="   ", now=NOW)

    assert Vacancy.objects.get(pk=vacancy.pk).status == S.AWAITING_APPROVAL


@pytest.mark.django_db
def test_publish_now_publishes(recruiter):
    vacancy = ready_vacancy(status=S.APPROVED, date_posted=None)

    services.publish_vacancy(vacancy_id=vacancy.pk, actor=recruiter, now=NOW)

    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.published_at, vacancy.date_posted) == (S.PUBLISHED, NOW, datetime.date(2026, 3, 2))


@pytest.mark.django_db
def test_publish_later_schedules_and_the_beat_task_publishes_at_that_time(recruiter):
    vacancy = ready_vacancy(status=S.APPROVED, date_posted=None)

    services.publish_vacancy(vacancy_id=vacancy.pk, actor=recruiter, publish_at=LATER, now=NOW)
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.publish_at) == (S.APPROVED, LATER)

    with time_machine.travel(LATER - datetime.timedelta(seconds=1), tick=False):
        assert services.publish_scheduled_vacancies() == []
    with time_machine.travel(LATER, tick=False):
        assert services.publish_scheduled_vacancies() == [vacancy.reference]
        assert services.publish_scheduled_vacancies() == []

    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.published_at, vacancy.publish_at) == (S.PUBLISHED, LATER, None)
    assert list(VacancyEvent.objects.filter(vacancy=vacancy).values_list("to_status", "actor", "note")) == [
        ("approved", recruiter.pk, "Scheduled to publish on 5 March 2026 at 9am"),
        ("published", None, "Publish time reached"),
    ]


@pytest.mark.django_db
def test_publish_at_or_after_closing_time_is_refused(recruiter):
    vacancy = ready_vacancy(status=S.APPROVED)

    with pytest.raises(services.TransitionNotAllowed, match="before its closing time"):
        services.publish_vacancy(vacancy_id=vacancy.pk, actor=recruiter, publish_at=vacancy.closing_at, now=NOW)

    assert Vacancy.objects.get(pk=vacancy.pk).publish_at is None


@pytest.mark.django_db
def test_close_early_closes_and_records_the_reason(recruiter):
    vacancy = ready_vacancy(status=S.PUBLISHED)

    services.close_vacancy_early(vacancy_id=vacancy.pk, actor=recruiter, reason="Enough applicants", now=NOW)

    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.closed_at) == (S.CLOSED, NOW)
    assert VacancyEvent.objects.get(vacancy=vacancy).note == "Enough applicants"


@pytest.mark.django_db
def test_withdraw_needs_a_reason(recruiter):
    vacancy = ready_vacancy(status=S.PUBLISHED)

    with pytest.raises(services.TransitionNotAllowed):
        services.withdraw_vacancy(vacancy_id=vacancy.pk, actor=recruiter, reason="", now=NOW)
    services.withdraw_vacancy(vacancy_id=vacancy.pk, actor=recruiter, reason="Post no longer funded", now=NOW)

    assert Vacancy.objects.get(pk=vacancy.pk).status == S.WITHDRAWN


@pytest.mark.django_db
def test_reopen_publishes_a_closed_vacancy_until_a_new_closing_time(recruiter):
    vacancy = ready_vacancy(status=S.CLOSED)
    vacancy.closing_at = NOW - datetime.timedelta(days=1)
    vacancy.save()
    new_closing = NOW + datetime.timedelta(days=7)

    services.reopen_vacancy(vacancy_id=vacancy.pk, actor=recruiter, closing_at=new_closing, now=NOW)

    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.closing_at, vacancy.closed_at) == (S.PUBLISHED, new_closing, None)


@pytest.mark.django_db
def test_reopen_with_a_past_closing_time_is_refused(recruiter):
    vacancy = ready_vacancy(status=S.CLOSED)

    with pytest.raises(services.TransitionNotAllowed, match="in the future"):
        services.reopen_vacancy(vacancy_id=vacancy.pk, actor=recruiter, closing_at=NOW, now=NOW)

    assert Vacancy.objects.get(pk=vacancy.pk).status == S.CLOSED


@pytest.mark.django_db
def test_references_follow_the_trust_code_year_and_sequence():
    trust = OrganisationFactory(employer_code="C9365")
    other = OrganisationFactory(employer_code="C1234")

    with time_machine.travel(datetime.datetime(2025, 12, 30, 12, tzinfo=datetime.UTC), tick=False):
        first = services.next_reference(organisation=trust)
        second = services.next_reference(organisation=trust)
        elsewhere = services.next_reference(organisation=other)
    with time_machine.travel(datetime.datetime(2026, 1, 2, 12, tzinfo=datetime.UTC), tick=False):
        new_year = services.next_reference(organisation=trust)

    assert (first, second, elsewhere, new_year) == ("C9365-25-0001", "C9365-25-0002", "C1234-25-0001", "C9365-26-0001")


@pytest.mark.django_db
def test_readvert_takes_the_next_suffix_and_copies_the_advert(recruiter):
    site = SiteFactory()
    original = ready_vacancy(organisation=site.organisation, reference=f"{site.organisation.employer_code}-25-0249",
                             sites=[site], status=S.CLOSED)
    VacancyFactory(organisation=site.organisation, reference=f"{site.organisation.employer_code}-25-0249-1")

    clone = services.clone_vacancy(vacancy_id=original.pk, actor=recruiter, readvert=True)

    assert clone.reference == f"{site.organisation.employer_code}-25-0249-2"
    assert (clone.status, clone.created_by, clone.title, clone.salary_to) == (
        S.DRAFT, recruiter, original.title, original.salary_to,
    )
    assert list(clone.sites.all()) == [site]
    assert [c.text for c in clone.criteria.all()] == [c.text for c in original.criteria.all()]
    assert clone.published_at is None and clone.date_posted is None


@pytest.mark.django_db
def test_copy_gets_a_new_reference(recruiter):
    original = ready_vacancy()

    with time_machine.travel(NOW, tick=False):
        clone = services.clone_vacancy(vacancy_id=original.pk, actor=recruiter, readvert=False)

    assert clone.reference == f"{original.organisation.employer_code}-26-0001"


# Runs against PostgreSQL in CI (.ci/run sets DATABASE_URL), where row locks do the work.
@pytest.mark.django_db(transaction=True)
def test_concurrent_creations_in_one_trust_never_share_a_reference():
    trust = OrganisationFactory()
    references, errors = [], []
    start = threading.Barrier(8)

    def create():
        try:
            start.wait()
            references.append(services.next_reference(organisation=trust))
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    year = timezone.localdate().year % 100
    assert sorted(references) == [f"{trust.employer_code}-{year:02d}-{n:04d}" for n in range(1, 9)]


@pytest.mark.django_db
def test_vacancy_closes_when_received_applications_reach_its_cap():
    vacancy = ready_vacancy(status=S.PUBLISHED, application_cap=3)

    assert services.close_if_cap_reached(vacancy_id=vacancy.pk, received=2, now=NOW) is False
    assert Vacancy.objects.get(pk=vacancy.pk).status == S.PUBLISHED
    assert services.close_if_cap_reached(vacancy_id=vacancy.pk, received=3, now=NOW) is True

    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.closed_at) == (S.CLOSED, NOW)
    assert VacancyEvent.objects.get(vacancy=vacancy).note == "Closed on reaching its cap of 3 applications"


@pytest.mark.django_db
def test_vacancy_without_a_cap_never_closes_for_numbers():
    vacancy = ready_vacancy(status=S.PUBLISHED, application_cap=None)

    assert services.close_if_cap_reached(vacancy_id=vacancy.pk, received=10_000, now=NOW) is False


@pytest.mark.django_db
def test_application_counts_include_only_received_applications():
    from tests.factories import ApplicationFactory

    vacancy = ready_vacancy()
    for status in ["draft", "submitted", "shortlisted", "withdrawn", "submitted"]:
        ApplicationFactory(vacancy=vacancy, status=status)

    assert Vacancy.objects.with_application_counts().get(pk=vacancy.pk).application_count == 3


@pytest.mark.django_db
def test_reopen_refuses_a_vacancy_that_is_not_closed(recruiter):
    vacancy = ready_vacancy(status=S.APPROVED)

    with pytest.raises(services.TransitionNotAllowed, match="Only a closed vacancy can be reopened."):
        services.reopen_vacancy(vacancy_id=vacancy.pk, actor=recruiter, closing_at=LATER, now=NOW)

    assert Vacancy.objects.get(pk=vacancy.pk).status == S.APPROVED
