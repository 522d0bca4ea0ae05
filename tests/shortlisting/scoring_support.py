"""Fixtures and helpers for scoring and decision tests: the pack tests'
vacancy, closed, with its criteria by name and a second panel member."""

import pytest

from accounts.models import Membership
from tests.factories import MembershipFactory
from vacancies.models import Criterion, Vacancy


@pytest.fixture
def closed_vacancy(vacancy):
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.CLOSED)
    vacancy.refresh_from_db()
    return vacancy


@pytest.fixture
def criteria(vacancy):
    """{name: Criterion}: registration, mentorship (desirable), experience,
    news2 (all at application) and calm (interview only)."""
    names = ["registration", "mentorship", "experience", "news2", "calm"]
    return dict(zip(names, Criterion.objects.filter(vacancy=vacancy).order_by("order")))


@pytest.fixture
def second_panel_member(trust_a, vacancy):
    user = MembershipFactory(
        organisation=trust_a, role=Membership.Role.HIRING_MANAGER, user__full_name="Sam Second"
    ).user
    vacancy.panel_members.add(user)
    return user
