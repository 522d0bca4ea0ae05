"""Every report page is for recruiters only: panel members, hiring managers
without a recruiter role, candidates and staff of other trusts get 404 (the
anonymous are asked to sign in), and a recruiter's figures never include
another trust's applications."""

import pytest
from django.urls import reverse

from organisations.models import Membership
from tests.factories import MembershipFactory, VacancyFactory

from .builders import applications, at

pytestmark = pytest.mark.django_db

REPORTS = [
    "reports:report_index",
    "reports:time_to_hire",
    "reports:time_to_hire_csv",
    "reports:funnel",
    "reports:equality",
    "reports:indicators",
    "reports:guaranteed_interviews",
]


@pytest.fixture
def trust_b_staff(trust_b):
    return MembershipFactory(organisation=trust_b, role=Membership.Role.HIRING_MANAGER).user


@pytest.mark.parametrize("name", REPORTS)
@pytest.mark.parametrize("who", ["panel_member", "hiring_manager", "candidate", "trust_b_staff"])
def test_report_is_not_found_for_anyone_but_a_recruiter(client, request, name, who, recruiter):
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse(name))

    assert response.status_code == 404


@pytest.mark.parametrize("name", REPORTS)
def test_report_asks_the_anonymous_to_sign_in(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", REPORTS[1:])
def test_report_is_not_found_for_another_trusts_recruiter_asking_for_trust_a(client, name, trust_a, other_recruiter):
    client.force_login(other_recruiter)

    response = client.get(reverse(name), {"trust": trust_a.pk})

    assert response.status_code == 404


@pytest.mark.parametrize("name", REPORTS)
def test_report_opens_for_a_recruiter(client, name, recruiter):
    client.force_login(recruiter)

    response = client.get(reverse(name))

    assert response.status_code == 200


def test_recruiter_of_another_trust_counts_only_their_own_applications(client, trust_a, trust_b, other_recruiter):
    applications(VacancyFactory(organisation=trust_a), 12, created_at=at(2026, 5, 1))
    applications(VacancyFactory(organisation=trust_b), 3, created_at=at(2026, 5, 1))
    client.force_login(other_recruiter)

    response = client.get(reverse("reports:funnel"), {"date_from_day": "1", "date_from_month": "4",
                                                       "date_from_year": "2026", "date_to_day": "1",
                                                       "date_to_month": "6", "date_to_year": "2026"})

    assert response.context["counts"]["started"] == 3
    assert [v.organisation_id for v, _rows, _counts in response.context["vacancy_rows"]] == [trust_b.pk]


def test_recruiter_of_two_trusts_sees_both_together_and_each_alone(client, trust_a, trust_b, recruiter):
    MembershipFactory(organisation=trust_b, user=recruiter, role=Membership.Role.RECRUITER)
    applications(VacancyFactory(organisation=trust_a), 12, created_at=at(2026, 5, 1))
    applications(VacancyFactory(organisation=trust_b), 3, created_at=at(2026, 5, 1))
    client.force_login(recruiter)
    dates = {"date_from_day": "1", "date_from_month": "4", "date_from_year": "2026",
             "date_to_day": "1", "date_to_month": "6", "date_to_year": "2026"}

    together = client.get(reverse("reports:funnel"), dates)
    only_b = client.get(reverse("reports:funnel"), {**dates, "trust": trust_b.pk})

    assert together.context["counts"]["started"] == 15
    assert only_b.context["counts"]["started"] == 3
    assert only_b.context["scope"] == "Trust B NHS Trust: 1 April 2026 to 1 June 2026"
    assert together.context["scope"] == "your 2 trusts: 1 April 2026 to 1 June 2026"


def test_dashboard_links_recruiters_to_reports_and_not_hiring_managers(client, recruiter, hiring_manager):
    client.force_login(recruiter)
    assert reverse("reports:report_index") in client.get(reverse("manage:dashboard")).content.decode()

    client.force_login(hiring_manager)
    assert reverse("reports:report_index") not in client.get(reverse("manage:dashboard")).content.decode()
