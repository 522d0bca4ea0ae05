"""The staff dashboard at /manage/: the user's vacancies by status with counts,
those closing within a week, those waiting for the user's approval, each with
its number of applications; paginated; a fixed number of queries."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from organisations.models import StaffRole
from tests.factories import ApplicationFactory, MembershipFactory, VacancyFactory
from vacancies.models import Vacancy

S = Vacancy.Status
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
URL = "/manage/"
# The dashboard's 9 queries: session, user, staff membership, the user's trusts,
# counts by status, closing soon, awaiting approval, the page's count and rows;
# one more for the staff decorator's two-factor check when it is required.
MAX_QUERIES = 10


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def second_recruiter(trust_a):
    return MembershipFactory(organisation=trust_a, role=StaffRole.RECRUITER, user__full_name="Sam Second").user


def _rows(html, table_id):
    """The job titles in one of the dashboard's tables, in order."""
    match = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S)
    if not match:
        return []
    return re.findall(r'<a class="nhsuk-link" href="/manage/vacancies/[^"]+/">([^<]+)</a>', match.group(0))


def test_dashboard_lists_the_trusts_vacancies_with_status_and_applications(client, recruiter, trust_a, trust_b):
    published = VacancyFactory(organisation=trust_a, title="Ward Sister", closing_at=NOW + datetime.timedelta(days=20))
    VacancyFactory(organisation=trust_a, title="Porter", status=S.DRAFT, closing_at=NOW + datetime.timedelta(days=30))
    VacancyFactory(organisation=trust_b, title="Someone else's job")
    ApplicationFactory.create_batch(3, vacancy=published)
    ApplicationFactory(vacancy=published, status="draft")  # not received yet
    client.force_login(recruiter)

    response = client.get(URL)

    html = response.content.decode()
    assert _rows(html, "vacancies-table") == ["Ward Sister", "Porter"]
    assert "Someone else&#x27;s job" not in html and "Someone else's job" not in html
    page_vacancies = {v.title: v.application_count for v in response.context["page"].object_list}
    assert page_vacancies == {"Ward Sister": 3, "Porter": 0}
    assert '<strong class="nhsuk-tag nhsuk-tag--green">Published</strong>' in html
    assert '<strong class="nhsuk-tag nhsuk-tag--grey">Draft</strong>' in html
    assert "All (2)" in html and "Published (1)" in html and "Draft (1)" in html


def test_dashboard_filters_by_status(client, recruiter, trust_a):
    VacancyFactory(organisation=trust_a, title="Ward Sister")
    VacancyFactory(organisation=trust_a, title="Porter", status=S.DRAFT)
    client.force_login(recruiter)

    response = client.get(URL, {"status": "draft"})

    html = response.content.decode()
    assert _rows(html, "vacancies-table") == ["Porter"]
    assert '<strong aria-current="page">Draft (1)</strong>' in html
    assert '<a href="?status=published">Published (1)</a>' in html


def test_dashboard_shows_vacancies_closing_in_the_next_7_days(client, recruiter, trust_a):
    VacancyFactory(organisation=trust_a, title="Closes tomorrow", closing_at=NOW + datetime.timedelta(days=1))
    VacancyFactory(organisation=trust_a, title="Closes in a week", closing_at=NOW + datetime.timedelta(days=7))
    VacancyFactory(organisation=trust_a, title="Closes in 8 days", closing_at=NOW + datetime.timedelta(days=8))
    VacancyFactory(
        organisation=trust_a, title="Draft closing soon", status=S.DRAFT, closing_at=NOW + datetime.timedelta(days=2)
    )
    client.force_login(recruiter)

    html = client.get(URL).content.decode()

    assert _rows(html, "closing-soon-table") == ["Closes tomorrow", "Closes in a week"]


def test_dashboard_lists_what_the_recruiter_may_approve(client, recruiter, second_recruiter, trust_a, trust_b):
    VacancyFactory(organisation=trust_a, title="Sent by a colleague", status=S.AWAITING_APPROVAL,
                   created_by=second_recruiter, submitted_by=second_recruiter)
    VacancyFactory(organisation=trust_a, title="Written by me", status=S.AWAITING_APPROVAL,
                   created_by=recruiter, submitted_by=second_recruiter)
    VacancyFactory(organisation=trust_a, title="Sent by me", status=S.AWAITING_APPROVAL,
                   created_by=second_recruiter, submitted_by=recruiter)
    VacancyFactory(organisation=trust_b, title="Another trust's", status=S.AWAITING_APPROVAL)
    client.force_login(recruiter)

    html = client.get(URL).content.decode()

    assert _rows(html, "awaiting-approval-table") == ["Sent by a colleague"]


def test_dashboard_shows_a_hiring_manager_only_their_vacancies_and_nothing_to_approve(
    client, hiring_manager, trust_a
):
    VacancyFactory(organisation=trust_a, title="Managed by Harry", hiring_manager=hiring_manager)
    VacancyFactory(organisation=trust_a, title="Not Harry's")
    VacancyFactory(organisation=trust_a, title="Awaiting", status=S.AWAITING_APPROVAL, hiring_manager=hiring_manager)
    client.force_login(hiring_manager)

    html = client.get(URL).content.decode()

    assert _rows(html, "vacancies-table") == ["Managed by Harry", "Awaiting"]
    assert "Waiting for your approval" not in html
    assert "Create a vacancy" not in html


def test_dashboard_says_when_there_is_nothing_to_show(client, recruiter):
    client.force_login(recruiter)

    html = client.get(URL).content.decode()

    assert "You have no vacancies yet. Create one to start." in html
    assert "No vacancies close in the next 7 days." in html
    assert "No vacancies are waiting for your approval." in html
    assert 'href="/manage/vacancies/new/"' in html


def test_dashboard_tells_a_hiring_manager_on_no_vacancy_how_they_get_one(client, hiring_manager):
    client.force_login(hiring_manager)

    html = client.get(URL).content.decode()

    assert "You are not on any vacancies yet." in html


def test_dashboard_says_when_no_vacancy_has_the_chosen_status(client, recruiter, trust_a):
    VacancyFactory(organisation=trust_a)
    client.force_login(recruiter)

    html = client.get(URL, {"status": "withdrawn"}).content.decode()

    assert "You have no vacancies that are withdrawn." in html


def test_dashboard_paginates_after_25_vacancies(client, recruiter, trust_a):
    for number in range(30):
        VacancyFactory(organisation=trust_a, title=f"Job {number:02d}", closing_at=NOW + datetime.timedelta(days=10 + number))
    client.force_login(recruiter)

    first = client.get(URL).content.decode()
    second = client.get(URL, {"page": 2}).content.decode()

    assert len(_rows(first, "vacancies-table")) == 25
    assert _rows(second, "vacancies-table") == [f"Job {number:02d}" for number in range(25, 30)]
    assert 'class="nhsuk-pagination nhsuk-pagination--numbered"' in first
    assert '<a href="?page=2" class="nhsuk-pagination__next" rel="next">' in first
    assert "Showing 26 to 30 of 30" in second


def test_dashboard_pagination_keeps_the_status_filter(client, recruiter, trust_a):
    for number in range(26):
        VacancyFactory(organisation=trust_a, status=S.DRAFT, closing_at=NOW + datetime.timedelta(days=10 + number))
    client.force_login(recruiter)

    html = client.get(URL, {"status": "draft"}).content.decode()

    assert 'href="?status=draft&amp;page=2"' in html


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("query", [{}, {"status": "published"}, {"status": "published", "page": 2}])
def test_dashboard_runs_a_fixed_number_of_queries(
    client, recruiter, second_recruiter, hiring_manager, trust_a, count, query, django_assert_max_num_queries
):
    for number in range(count):
        vacancy = VacancyFactory(
            organisation=trust_a, hiring_manager=hiring_manager, closing_at=NOW + datetime.timedelta(days=number % 10 + 1)
        )
        vacancy.panel_members.add(second_recruiter)
        ApplicationFactory(vacancy=vacancy)
        VacancyFactory(organisation=trust_a, status=S.AWAITING_APPROVAL, created_by=second_recruiter)
    client.force_login(recruiter)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL, query)

    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 50])
def test_dashboard_for_a_hiring_manager_runs_a_fixed_number_of_queries(
    client, hiring_manager, panel_member, trust_a, count, django_assert_max_num_queries
):
    for _number in range(count):
        vacancy = VacancyFactory(organisation=trust_a, hiring_manager=hiring_manager)
        vacancy.panel_members.add(panel_member, hiring_manager)
    client.force_login(hiring_manager)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL)

    assert len(response.context["page"].object_list) == min(count, 25)


def test_dashboard_links_each_vacancy_to_its_page(client, recruiter, trust_a):
    vacancy = VacancyFactory(organisation=trust_a, title="Ward Sister")
    client.force_login(recruiter)

    html = client.get(URL).content.decode()

    assert f'href="{reverse("manage:vacancy_detail", kwargs={"reference": vacancy.reference})}"' in html
    assert timezone.localtime(vacancy.closing_at).strftime("%-d %b %Y") in html
