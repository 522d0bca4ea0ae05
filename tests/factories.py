"""Deterministic factories: sequences, never random values that change outcomes."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import User
from organisations.models import Membership, Organisation, Site
from vacancies.models import Criterion, Vacancy

DEMO_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Test User {n}")
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test Hospitals NHS Trust {n}")
    ods_code = factory.Sequence(lambda n: f"R{n:03d}")
    employer_code = factory.Sequence(lambda n: f"C{1000 + n}")
    about = "A trust for tests."
    address_line_1 = "1 Hospital Road"
    town = "Testford"
    postcode = "TE1 1ST"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.RECRUITER


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"General Hospital {n}")
    address_line_1 = "Infirmary Lane"
    town = "Testford"
    county = "Testshire"
    postcode = "TE2 2ND"


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    reference = factory.LazyAttributeSequence(lambda o, n: f"{o.organisation.employer_code}-25-{n:04d}")
    title = factory.Sequence(lambda n: f"Staff Nurse {n}")
    directorate = "Medicine"
    staff_group = "nursing_midwifery"
    pay_scheme = "afc"
    band = "5"
    salary_from = Decimal("31049")
    salary_to = Decimal("37796")
    contract_type = "permanent"
    full_time = True
    hours_per_week = Decimal("37.5")
    job_summary = "Join our friendly ward team."
    main_duties = "Care for patients."
    closing_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    status = Vacancy.Status.PUBLISHED

    @factory.post_generation
    def sites(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.sites.set(extracted if extracted is not None else [SiteFactory(organisation=obj.organisation)])


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    vacancy = factory.SubFactory(VacancyFactory)
    category = Criterion.Category.EXPERIENCE
    text = factory.Sequence(lambda n: f"Criterion number {n}")
    is_essential = True
    order = factory.Sequence(lambda n: n)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "candidates.Application"

    vacancy = factory.SubFactory(VacancyFactory)
    candidate = factory.SubFactory(UserFactory)
    status = "submitted"
    submitted_at = factory.LazyFunction(timezone.now)


class ShortlistPackFactory(factory.django.DjangoModelFactory):
    """A pack row as a request leaves it (queued), without chunks; tests that
    need chunks or a file ask shortlisting.services for a real one."""

    class Meta:
        model = "shortlisting.ShortlistPack"

    vacancy = factory.SubFactory(VacancyFactory)
    seed = factory.Sequence(lambda n: 1000 + n)
    chunk_size = 25
    applicant_count = 10
