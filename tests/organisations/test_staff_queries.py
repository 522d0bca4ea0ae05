"""Who holds which role where: the two questions every staff page asks."""

from django.contrib.auth.models import AnonymousUser

from organisations.models import Membership, Organisation, StaffRole, is_staff_member
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


def test_recruited_by_is_the_trusts_where_the_user_recruits(recruiter, hiring_manager, trust_a, trust_b):
    MembershipFactory(user=hiring_manager, organisation=trust_b, role=StaffRole.RECRUITER)

    assert list(Organisation.objects.recruited_by(recruiter)) == [trust_a]
    assert list(Organisation.objects.recruited_by(hiring_manager)) == [trust_b]


def test_staffed_by_is_every_trust_where_the_user_holds_a_role(hiring_manager, trust_a, trust_b, candidate):
    MembershipFactory(user=hiring_manager, organisation=trust_b, role=StaffRole.RECRUITER)

    assert list(Organisation.objects.staffed_by(hiring_manager).order_by("name")) == [trust_a, trust_b]
    assert not Organisation.objects.staffed_by(candidate).exists()


def test_nobody_signed_out_recruits_or_holds_a_role(trust_a, recruiter):
    visitor = AnonymousUser()

    assert not Organisation.objects.recruited_by(visitor).exists()
    assert Membership.objects.role_of(visitor, trust_a) is None
    assert not is_staff_member(visitor)


def test_role_of_is_the_users_role_at_that_trust_only(recruiter, hiring_manager, trust_a, trust_b):
    assert Membership.objects.role_of(recruiter, trust_a) == StaffRole.RECRUITER
    assert Membership.objects.role_of(hiring_manager, trust_a.pk) == StaffRole.HIRING_MANAGER
    assert Membership.objects.role_of(recruiter, trust_b) is None


def test_staff_of_a_trust_are_its_members_by_name(trust_a, trust_b, recruiter, hiring_manager, other_recruiter):
    UserFactory(full_name="Aaron Applicant")  # no role anywhere

    assert list(trust_a.staff()) == [hiring_manager, recruiter]
    assert list(trust_b.staff()) == [other_recruiter]


def test_is_staff_member_needs_a_role_at_some_trust(recruiter, candidate):
    assert is_staff_member(recruiter)
    assert not is_staff_member(candidate)


def test_a_new_trust_has_no_staff(db):
    assert not OrganisationFactory().staff().exists()
