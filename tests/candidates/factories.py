"""Factories for applications and their sections: deterministic, no random values."""

import datetime

import factory
from django.utils import timezone

from candidates.models import (
    Adjustments,
    Application,
    Declarations,
    Employment,
    EmploymentHistory,
    EqualityMonitoring,
    GuaranteedInterview,
    PersonalDetails,
    Qualification,
    Referee,
    RightToWork,
    Section,
    SectionProgress,
    SupportingInformation,
    add_months,
)
from tests.factories import UserFactory, VacancyFactory


class DraftApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    vacancy = factory.SubFactory(VacancyFactory)
    candidate = factory.SubFactory(UserFactory)
    status = Application.Status.DRAFT
    submitted_at = None


class PersonalDetailsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonalDetails

    application = factory.SubFactory(DraftApplicationFactory)
    first_name = "Cara"
    last_name = "Candidate"
    email = factory.LazyAttribute(lambda o: o.application.candidate.email)
    phone = "07700 900982"
    address_line_1 = "1 High Street"
    town = "Worcester"
    postcode = "WR1 2AB"
    country = "United Kingdom"


class RightToWorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RightToWork

    application = factory.SubFactory(DraftApplicationFactory)
    status = RightToWork.Status.BRITISH_OR_IRISH
    needs_sponsorship = False


class EmploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employment

    application = factory.SubFactory(DraftApplicationFactory)
    employer = "Worcestershire Royal Hospital"
    job_title = "Staff Nurse"
    started_on = factory.LazyFunction(lambda: add_months(timezone.localdate(), -60))
    ended_on = None
    is_current = True


class QualificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Qualification

    application = factory.SubFactory(DraftApplicationFactory)
    title = "BSc (Hons) Adult Nursing"
    institution = "University of Worcester"
    grade = "2:1"
    year_awarded = 2015


class RefereeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referee

    application = factory.SubFactory(DraftApplicationFactory)
    name = factory.Sequence(lambda n: f"Rhiannon Referee {chr(65 + n % 26)}")
    job_title = "Ward Manager"
    organisation = "Worcestershire Acute Hospitals NHS Trust"
    email = factory.Sequence(lambda n: f"referee{n}@example.org")
    phone = "01905 763333"
    relationship = "Line manager"
    known_from = factory.LazyFunction(lambda: add_months(timezone.localdate(), -60))
    known_to = None


class DeclarationsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declarations

    application = factory.SubFactory(DraftApplicationFactory)
    dbs_level = factory.LazyAttribute(lambda o: o.application.vacancy.dbs_level)
    has_unspent_convictions = False
    has_unfiltered_spent_convictions = factory.LazyAttribute(
        lambda o: False if "has_unfiltered_spent_convictions" in Declarations.questions_for(o.dbs_level) else None
    )
    is_barred = factory.LazyAttribute(lambda o: False if "is_barred" in Declarations.questions_for(o.dbs_level) else None)
    is_related_to_staff = False


class EqualityMonitoringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EqualityMonitoring

    application = factory.SubFactory(DraftApplicationFactory)
    age_band = EqualityMonitoring.AgeBand.FROM_35
    sex = EqualityMonitoring.Sex.FEMALE
    gender_same_as_birth = EqualityMonitoring.YesNo.YES
    sexual_orientation = EqualityMonitoring.SexualOrientation.BISEXUAL
    ethnicity = EqualityMonitoring.Ethnicity.WHITE_ROMA
    disability = EqualityMonitoring.YesNo.NO
    religion = EqualityMonitoring.Religion.BUDDHIST
    marital_status = EqualityMonitoring.MaritalStatus.CIVIL_PARTNERSHIP
    pregnancy = EqualityMonitoring.YesNo.PREFER_NOT_TO_SAY


def mark_complete(application, *sections):
    for section in sections:
        SectionProgress.objects.update_or_create(
            application=application, section=section, defaults={"completed_at": timezone.now()}
        )


def complete_sections(application):
    """Answer every required section of a draft, as a candidate who finished them would."""
    PersonalDetailsFactory(application=application)
    RightToWorkFactory(application=application)
    EmploymentFactory(application=application)
    EmploymentHistory.objects.create(application=application)
    QualificationFactory(application=application)
    SupportingInformation.objects.create(application=application, text="I have led a ward team for five years.")
    RefereeFactory(application=application)
    RefereeFactory(application=application, relationship="Clinical supervisor")
    DeclarationsFactory(application=application)
    Adjustments.objects.create(application=application, needs_adjustments=False)
    if Section.GUARANTEED_INTERVIEW in application.sections():
        GuaranteedInterview.objects.create(application=application, requested=False)
    mark_complete(application, *application.required_sections())
    return application


def complete_draft(**kwargs):
    return complete_sections(DraftApplicationFactory(**kwargs))


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)
