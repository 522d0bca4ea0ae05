"""The fixed cast of STYLE.md rule 16, shared by every test module."""

import pytest

from accounts.models import Membership

from .factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def trust_a(db):
    return OrganisationFactory(name="Trust A NHS Trust")


@pytest.fixture
def trust_b(db):
    return OrganisationFactory(name="Trust B NHS Trust")


@pytest.fixture
def recruiter(trust_a):
    return MembershipFactory(organisation=trust_a, role=Membership.Role.RECRUITER, user__full_name="Rita Recruiter").user


@pytest.fixture
def hiring_manager(trust_a):
    return MembershipFactory(
        organisation=trust_a, role=Membership.Role.HIRING_MANAGER, user__full_name="Harry Manager"
    ).user


@pytest.fixture
def panel_member(trust_a):
    return MembershipFactory(
        organisation=trust_a, role=Membership.Role.HIRING_MANAGER, user__full_name="Penny Panel"
    ).user


@pytest.fixture
def other_recruiter(trust_b):
    return MembershipFactory(organisation=trust_b, role=Membership.Role.RECRUITER, user__full_name="Otto Other").user


@pytest.fixture
def candidate(db):
    return UserFactory(full_name="Cara Candidate")


@pytest.fixture
def other_candidate(db):
    return UserFactory(full_name="Colin Candidate")
