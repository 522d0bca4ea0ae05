"""Fixtures for interviews: a vacancy of trust A whose shortlisting is
complete (status interviewing), its shortlisted applications with contact
addresses that differ from the sign-in ones, a site, and a round of slots a
week ahead. E-mails go through the queued backend, so tests read OutgoingEmail rows."""

import datetime

import pytest
from django.utils import timezone

from candidates.models import Application
from interviews import services
from tests.candidates.factories import PersonalDetailsFactory
from tests.factories import ApplicationFactory, SiteFactory, VacancyFactory
from vacancies.models import Vacancy

NAMES = [("Cara", "Candidate"), ("Colin", "Candidate"), ("Dina", "Doctor"), ("Ed", "Evans"), ("Fay", "Fox")]


@pytest.fixture(autouse=True)
def queued_email(settings):
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"


@pytest.fixture
def site(trust_a):
    return SiteFactory(organisation=trust_a, name="Worcestershire Royal Hospital", postcode="WR5 1DD")


@pytest.fixture
def vacancy(trust_a, recruiter, hiring_manager, site):
    vacancy = VacancyFactory(
        organisation=trust_a, title="Staff Nurse, Acute Medicine", hiring_manager=hiring_manager,
        status=Vacancy.Status.INTERVIEWING, sites=[site], contact_name="Rita Recruiter",
        contact_email="recruitment@example.org",
    )
    return vacancy


def shortlist(vacancy, candidate, number):
    """A shortlisted application of `candidate` whose personal details give
    the contact address contact<number>@example.org and a name from NAMES."""
    application = ApplicationFactory(
        vacancy=vacancy, candidate=candidate, status=Application.Status.SHORTLISTED, anonymous_number=number
    )
    first, last = NAMES[(number - 1) % len(NAMES)]
    PersonalDetailsFactory(
        application=application, first_name=first, last_name=last, email=f"contact{number}@example.org"
    )
    return application


@pytest.fixture
def application(vacancy, candidate):
    return shortlist(vacancy, candidate, 1)


@pytest.fixture
def other_application(vacancy, other_candidate):
    return shortlist(vacancy, other_candidate, 2)


@pytest.fixture
def interview_day():
    return timezone.localdate() + datetime.timedelta(days=7)


def make_round(vacancy, actor, day, *, start=(9, 0), end=(12, 0), length=45, gap=15, panel=(), **kwargs):
    kwargs.setdefault("site", vacancy.sites.first())
    kwargs.setdefault("room", "Seminar room 2")
    return services.create_round_with_slots(
        vacancy=vacancy, actor=actor, name="Interviews", days=[day], start_time=datetime.time(*start),
        end_time=datetime.time(*end), length_minutes=length, gap_minutes=gap, panel=panel, **kwargs,
    )


@pytest.fixture
def interview_round(vacancy, recruiter, panel_member, interview_day):
    """Three 45-minute slots, 9:00, 10:00 and 11:00, a week ahead, with Penny on the panel."""
    return make_round(vacancy, recruiter, interview_day, panel=[panel_member])


@pytest.fixture
def invited(interview_round, application, other_application, recruiter):
    services.invite(
        round_id=interview_round.pk, application_ids=[application.pk, other_application.pk], actor=recruiter
    )
    application.refresh_from_db()
    other_application.refresh_from_db()
    return application, other_application


def reserve(vacancy, candidate, number):
    """An application on the vacancy's reserve list, otherwise like shortlist()'s."""
    application = shortlist(vacancy, candidate, number)
    Application.objects.filter(pk=application.pk).update(status=Application.Status.RESERVE)
    application.refresh_from_db()
    return application


@pytest.fixture
def completed(vacancy, hiring_manager):
    """The vacancy's shortlist is complete: the reveal event shortlisting writes then."""
    from shortlisting.models import ShortlistingEvent

    ShortlistingEvent.objects.create(
        vacancy=vacancy, actor=hiring_manager, kind=ShortlistingEvent.Kind.REVEAL, detail={}
    )
    return vacancy


@pytest.fixture
def a_reserve(vacancy, other_candidate):
    return reserve(vacancy, other_candidate, 3)
