"""The lifecycle pages: each a confirmation page whose POST calls one service
function; the move shows in the vacancy's history, a refusal in the NHS.UK
error summary with nothing changed."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from organisations.models import StaffRole
from tests.factories import CriterionFactory, MembershipFactory, VacancyFactory
from vacancies.models import Vacancy, VacancyEvent

S = Vacancy.Status
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def second_recruiter(trust_a):
    return MembershipFactory(organisation=trust_a, role=StaffRole.RECRUITER, user__full_name="Sam Second").user


def make_vacancy(trust, creator, status, **kwargs):
    vacancy = VacancyFactory(
        organisation=trust, status=status, created_by=creator, title="Ward Sister",
        closing_at=NOW + datetime.timedelta(days=21), **kwargs,
    )
    CriterionFactory(vacancy=vacancy, order=1)
    return vacancy


@pytest.fixture
def as_recruiter(client, recruiter):
    client.force_login(recruiter)
    return client


@pytest.fixture
def as_second(client, second_recruiter):
    client.force_login(second_recruiter)
    return client


def url(name, vacancy):
    return reverse(f"manage:{name}", kwargs={"reference": vacancy.reference})


def error_summary(response):
    html = response.content.decode()
    match = re.search(r'<div class="nhsuk-error-summary".*?<ul[^>]*>(.*?)</ul>', html, re.S)
    if not match:
        return []
    return [" ".join(re.sub(r"<[^>]+>", "", item).split()) for item in re.findall(r"<li>(.*?)</li>", match.group(1), re.S)]


def messages_of(response):
    return [str(message) for message in response.wsgi_request._messages]


def history(client, vacancy):
    """The rows of the history table on the vacancy's page: when, who, from, to, note."""
    html = client.get(url("vacancy_detail", vacancy)).content.decode()
    table = re.search(r'<table[^>]*id="history-table".*?</table>', html, re.S)
    if not table:
        return []
    rows = re.findall(r"<tr class=\"nhsuk-table__row\" role=\"row\">(.*?)</tr>", table.group(0), re.S)[1:]
    return [
        [" ".join(re.sub(r'<span class="nhsuk-table__heading"[^>]*>.*?</span>|<[^>]+>', "", cell).split())
         for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in rows
    ]


def unchanged(vacancy, status):
    vacancy.refresh_from_db()
    return vacancy.status == status and not vacancy.events.exists()


# Send for approval ----------------------------------------------------------------------------


def test_vacancy_submit_sends_the_draft_for_approval(as_recruiter, recruiter, trust_a):
    vacancy = make_vacancy(trust_a, recruiter, S.DRAFT)

    page = as_recruiter.get(url("vacancy_submit", vacancy))
    response = as_recruiter.post(url("vacancy_submit", vacancy))

    assert "Send for approval</button>" in page.content.decode()
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.submitted_by) == (S.AWAITING_APPROVAL, recruiter)
    assert messages_of(response) == [f"Ward Sister ({vacancy.reference}) has been sent for approval"]
    assert history(as_recruiter, vacancy) == [["2 March 2026 9am", "Rita Recruiter", "Draft", "Awaiting approval", ""]]


def test_vacancy_submit_shows_what_is_missing_and_refuses(as_recruiter, recruiter, trust_a):
    vacancy = VacancyFactory(organisation=trust_a, status=S.DRAFT, created_by=recruiter, sites=[], contract_type="")

    page = as_recruiter.get(url("vacancy_submit", vacancy))
    response = as_recruiter.post(url("vacancy_submit", vacancy))

    assert "Choose at least one job location." in page.content.decode()
    assert error_summary(response) == ["Answer the pay and contract questions."]
    assert unchanged(vacancy, S.DRAFT)


def test_vacancy_submit_shows_the_services_refusal(as_recruiter, recruiter, trust_a):
    vacancy = VacancyFactory(organisation=trust_a, status=S.DRAFT, created_by=recruiter, sites=[])

    response = as_recruiter.post(url("vacancy_submit", vacancy))

    assert error_summary(response) == [
        "Choose at least one job location. Add at least one essential criterion to the person specification."
    ]
    assert unchanged(vacancy, S.DRAFT)


def test_vacancy_check_sends_for_approval_through_the_submit_page(as_recruiter, recruiter, trust_a):
    vacancy = make_vacancy(trust_a, recruiter, S.DRAFT)

    html = as_recruiter.get(url("vacancy_check", vacancy)).content.decode()

    assert f'<form method="post" action="{url("vacancy_submit", vacancy)}" novalidate>' in html


# Approve or send back ----------------------------------------------------------------------------


def test_vacancy_approve_by_a_second_recruiter(as_second, recruiter, second_recruiter, trust_a):
    vacancy = make_vacancy(trust_a, recruiter, S.AWAITING_APPROVAL, submitted_by=recruiter)

    response = as_second.post(url("vacancy_approve", vacancy))

    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.approved_by) == (S.APPROVED, second_recruiter)
    assert messages_of(response) == [f"Ward Sister ({vacancy.reference}) has been approved. It can now be published."]
    assert history(as_second, vacancy) == [["2 March 2026 9am", "Sam Second", "Awaiting approval", "Approved", ""]]


def test_vacancy_approve_refuses_the_recruiter_who_wrote_it(as_recruiter, recruiter, trust_a):
    vacancy = make_vacancy(trust_a, recruiter, S.AWAITING_APPROVAL, submitted_by=recruiter)

    detail = as_recruiter.get(url("vacancy_detail", vacancy)).content.decode()
    response = as_recruiter.post(url("vacancy_approve", vacancy))

    assert url("vacancy_approve", vacancy) not in detail
    assert error_summary(response) == ["You cannot approve a vacancy you created or sent for approval."]
    assert unchanged(vacancy, S.AWAITING_APPROVAL)


def test_vacancy_reject_sends_it_back_to_draft_with_the_reason(as_second, recruiter, trust_a):
    vacancy = make_vacancy(trust_a, recruiter, S.AWAITING_APPROVAL, submitted_by=recruiter)

    response = as_second.post(url("vacancy_reject", vacancy), {"reason": "The salary is for band 6"})

    vacancy.refresh_from_db()
    assert vacancy.status == S.DRAFT
    assert messages_of(response) == [f"Ward Sister ({vacancy.reference}) has been sent back to draft"]
    assert history(as_second, vacancy)[-1][1:] == ["Sam Second", "Awaiting approval", "Draft", "The salary is for band 6"]


def test_vacancy_reject_needs_a_reason(as_second, recruiter, trust_a):
    vacancy = make_vacancy(trust_a, recruiter, S.AWAITING_APPROVAL)

    response = as_second.post(url("vacancy_reject", vacancy), {"reason": ""})

    assert error_summary(response) == ["Enter why you are sending the vacancy back"]
    assert unchanged(vacancy, S.AWAITING_APPROVAL)


# Publish -----------------------------------------------------------------------------------------


def test_vacancy_publish_now(as_recruiter, recruiter, trust_a):
    vacancy = make_vacancy(trust_a, recruiter, S.APPROVED)

    response = as_recruiter.post(url("vacancy_publish", vacancy), {"when": "now"})

    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.published_at, vacancy.date_posted) == (S.PUBLISHED, NOW, datetime.date(2026, 3, 2))
    assert messages_of(response) == [f"Ward Sister ({vacancy.reference}) has been published"]
    assert history(as_recruiter, vacancy)[-1][1:4] == ["Rita Recruiter", "Approved", "Published"]


def test_vacancy_publish_later_schedules_it(as_recruiter, recruiter, trust_a):
    vacancy = make_vacancy(trust_a, recruiter, S.APPROVED)

    response = as_recruiter.post(
        url("vacancy_publish", vacancy),
        {"when": "later", "publish_date_day": "5", "publish_date_month": "3", "publish_date_year": "2026",
         "publish_time": "9am"},
    )

    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.publish_at) == (S.APPROVED, datetime.datetime(2026, 3, 5, 9, 0, tzinfo=datetime.UTC))
    assert messages_of(response) == [f"Ward Sister ({vacancy.reference}) will be published on 5 March 2026 at 9am"]
    assert history(as_recruiter, vacancy)[-1][1:] == [
        "Rita Recruiter", "Approved", "Approved", "Scheduled to publish on 5 March 2026 at 9am"
    ]


def test_vacancy_publish_later_needs_a_future_date_and_time(as_recruiter, recruiter, trust_a):
    vacancy = make_vacancy(trust_a, recruiter, S.APPROVED)

    missing = as_recruiter.post(url("vacancy_publish", vacancy), {"when": "later"})
    past = as_recruiter.post(
        url("vacancy_publish", vacancy),
        {"when": "later", "publish_date_day": "1", "publish_date_month": "3", "publish_date_year": "2026",
         "publish_time": "09:00"},
    )

    assert error_summary(missing) == ["Enter the date to publish the vacancy", "Enter the time to publish the vacancy"]
    assert error_summary(past) == ["The publish date must be in the future"]
    assert 'name="publish_date_day" value="1"' in past.content.decode()
    assert unchanged(vacancy, S.APPROVED)


def test_vacancy_publish_shows_the_services_refusal(as_recruiter, recruiter, trust_a):
    vacancy = make_vacancy(trust_a, recruiter, S.APPROVED)
    Vacancy.objects.filter(pk=vacancy.pk).update(closing_at=NOW - datetime.timedelta(hours=1))

    response = as_recruiter.post(url("vacancy_publish", vacancy), {"when": "now"})

    assert error_summary(response) == ["Set a closing time in the future."]
    assert unchanged(vacancy, S.APPROVED)


# Close, withdraw, reopen ---------------------------------------------------------------------------


def test_vacancy_close_early_with_a_reason(as_recruiter, recruiter, trust_a):
    vacancy = make_vacancy(trust_a, recruiter, S.PUBLISHED)

    response = as_recruiter.post(url("vacancy_close", vacancy), {"reason": "Filled by redeployment"})

    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.closed_at) == (S.CLOSED, NOW)
    assert messages_of(response) == [f"Ward Sister ({vacancy.reference}) has been closed"]
    assert history(as_recruiter, vacancy)[-1][1:] == ["Rita Recruiter", "Published", "Closed", "Filled by redeployment"]


def test_vacancy_close_early_without_a_reason(as_recruiter, recruiter, trust_a):
    vacancy = make_vacancy(trust_a, recruiter, S.PUBLISHED)

    as_recruiter.post(url("vacancy_close", vacancy), {"reason": ""})

    assert vacancy.events.get().note == "Closed early"


def test_vacancy_withdraw_needs_a_reason(as_recruiter, recruiter, trust_a):
    vacancy = make_vacancy(trust_a, recruiter, S.PUBLISHED)

    refused = as_recruiter.post(url("vacancy_withdraw", vacancy), {"reason": "  "})
    assert error_summary(refused) == ["Enter why you are withdrawing the vacancy"]
    assert unchanged(vacancy, S.PUBLISHED)

    response = as_recruiter.post(url("vacancy_withdraw", vacancy), {"reason": "Service restructure"})

    vacancy.refresh_from_db()
    assert vacancy.status == S.WITHDRAWN
    assert messages_of(response) == [f"Ward Sister ({vacancy.reference}) has been withdrawn"]
    assert history(as_recruiter, vacancy)[-1][1:] == ["Rita Recruiter", "Published", "Withdrawn", "Service restructure"]


def test_vacancy_reopen_with_a_new_closing_time(as_recruiter, recruiter, trust_a):
    vacancy = make_vacancy(trust_a, recruiter, S.CLOSED)
    Vacancy.objects.filter(pk=vacancy.pk).update(closing_at=NOW - datetime.timedelta(days=1))

    response = as_recruiter.post(
        url("vacancy_reopen", vacancy),
        {"closing_date_day": "16", "closing_date_month": "3", "closing_date_year": "2026", "closing_time": "23:59"},
    )

    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.closing_at) == (S.PUBLISHED, datetime.datetime(2026, 3, 16, 23, 59, tzinfo=datetime.UTC))
    assert messages_of(response) == [f"Ward Sister ({vacancy.reference}) has been reopened"]
    assert history(as_recruiter, vacancy)[-1][1:] == [
        "Rita Recruiter", "Closed", "Published", "Reopened until 16 March 2026 at 11:59pm"
    ]


def test_vacancy_reopen_refuses_a_closing_time_in_the_past(as_recruiter, recruiter, trust_a):
    vacancy = make_vacancy(trust_a, recruiter, S.CLOSED)

    response = as_recruiter.post(
        url("vacancy_reopen", vacancy),
        {"closing_date_day": "1", "closing_date_month": "3", "closing_date_year": "2026", "closing_time": "23:59"},
    )

    assert error_summary(response) == ["The closing date must be in the future"]
    assert unchanged(vacancy, S.CLOSED)


def test_vacancy_reopen_is_only_for_a_closed_vacancy(as_recruiter, recruiter, trust_a):
    vacancy = make_vacancy(trust_a, recruiter, S.APPROVED)

    page = as_recruiter.get(url("vacancy_reopen", vacancy))
    response = as_recruiter.post(
        url("vacancy_reopen", vacancy),
        {"closing_date_day": "16", "closing_date_month": "3", "closing_date_year": "2026", "closing_time": "23:59"},
    )

    assert "You cannot do this to a vacancy that is approved." in page.content.decode()
    assert "Reopen vacancy</button>" not in page.content.decode()
    assert error_summary(response) == ["You cannot do this to a vacancy that is approved."]
    assert unchanged(vacancy, S.APPROVED)


@pytest.mark.parametrize(
    ("name", "status", "data"),
    [
        ("vacancy_submit", S.PUBLISHED, {}),
        ("vacancy_approve", S.DRAFT, {}),
        ("vacancy_reject", S.PUBLISHED, {"reason": "No"}),
        ("vacancy_publish", S.DRAFT, {"when": "now"}),
        ("vacancy_close", S.DRAFT, {"reason": ""}),
        ("vacancy_withdraw", S.FILLED, {"reason": "No"}),
    ],
)
def test_lifecycle_page_refuses_a_move_the_status_does_not_allow(as_second, recruiter, trust_a, name, status, data):
    vacancy = make_vacancy(trust_a, recruiter, status)

    response = as_second.post(url(name, vacancy), data)

    assert error_summary(response) == [f"You cannot do this to a vacancy that is {status.label.lower()}."]
    assert unchanged(vacancy, status)


# Clone -------------------------------------------------------------------------------------------------


def test_vacancy_readvert_makes_a_draft_with_the_next_suffix(as_recruiter, recruiter, trust_a):
    vacancy = make_vacancy(trust_a, recruiter, S.CLOSED, reference=f"{trust_a.employer_code}-25-0249")
    VacancyFactory(organisation=trust_a, reference=f"{trust_a.employer_code}-25-0249-1", status=S.WITHDRAWN)

    response = as_recruiter.post(url("vacancy_readvert", vacancy))

    clone = Vacancy.objects.get(reference=f"{trust_a.employer_code}-25-0249-2")
    assert (clone.status, clone.title, clone.created_by, clone.criteria.count()) == (S.DRAFT, "Ward Sister", recruiter, 1)
    assert response.url == url("vacancy_detail", clone)
    assert messages_of(response) == [
        f"{clone.reference} created to advertise {vacancy.reference} again. "
        "Check it, set a new closing date and send it for approval."
    ]


def test_vacancy_copy_makes_a_draft_with_the_trusts_next_reference(as_recruiter, recruiter, trust_a):
    vacancy = make_vacancy(trust_a, recruiter, S.PUBLISHED)

    response = as_recruiter.post(url("vacancy_copy", vacancy))

    clone = Vacancy.objects.exclude(pk=vacancy.pk).get()
    assert clone.reference == f"{trust_a.employer_code}-26-0001"
    assert clone.status == S.DRAFT
    assert response.url == url("vacancy_detail", clone)
    assert VacancyEvent.objects.filter(vacancy=clone).count() == 0
