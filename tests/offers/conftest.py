"""Fixtures for offers: a vacancy of trust A at interview (band 5, an
enhanced DBS check, two sites), its preferred candidate with two referees
and contact details that differ from the sign-in ones, and a reserve after
interview. E-mails go through the queued backend, so tests read
OutgoingEmail rows; documents go to a private folder of the test's own."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from candidates.models import Application
from offers import services
from tests.candidates.factories import PersonalDetailsFactory, RefereeFactory
from tests.factories import ApplicationFactory, SiteFactory, VacancyFactory
from vacancies.models import PayBandRate, Vacancy

# The smallest files each type accepts: what their first bytes say they are.
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


@pytest.fixture(autouse=True)
def queued_email(settings):
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def band_5_rate(request):
    """Band 5 for 2025/26 as vacancies/migrations/0002 loads it; written again
    when a transactional test (a browser, a worker) flushed the table before."""
    if request.node.get_closest_marker("django_db") is None and "db" not in request.fixturenames:
        return None
    rate, _created = PayBandRate.objects.get_or_create(
        pay_year="2025/26", band="5", defaults={"entry_salary": Decimal("31049"), "top_salary": Decimal("37796")}
    )
    return rate


@pytest.fixture
def site(trust_a):
    return SiteFactory(organisation=trust_a, name="Worcestershire Royal Hospital")


@pytest.fixture
def other_site(trust_a):
    return SiteFactory(organisation=trust_a, name="Alexandra Hospital")


@pytest.fixture
def vacancy(trust_a, recruiter, hiring_manager, site, other_site):
    return VacancyFactory(
        organisation=trust_a, title="Staff Nurse, Acute Medicine", hiring_manager=hiring_manager,
        status=Vacancy.Status.INTERVIEWING, sites=[site, other_site], dbs_level="enhanced", band="5",
        salary_from=Decimal("31049"), salary_to=Decimal("37796"),
    )


def candidate_at(vacancy, candidate, status, number, first="Cara", last="Candidate"):
    application = ApplicationFactory(vacancy=vacancy, candidate=candidate, status=status, anonymous_number=number)
    PersonalDetailsFactory(application=application, first_name=first, last_name=last,
                           email=f"contact{number}@example.org")
    return application


@pytest.fixture
def application(vacancy, candidate):
    application = candidate_at(vacancy, candidate, Application.Status.PREFERRED, 1)
    RefereeFactory(application=application, name="Rhiannon Referee", email="rhiannon@example.org")
    RefereeFactory(application=application, name="Sam Supervisor", email="sam@example.org")
    return application


@pytest.fixture
def reserve(vacancy, other_candidate):
    return candidate_at(vacancy, other_candidate, Application.Status.INTERVIEW_RESERVE, 2, "Colin", "Candidate")


def offer_terms(site, **changes):
    return {
        "salary": Decimal("31049"), "hours_per_week": Decimal("37.5"), "contract_type": "permanent",
        "base_site": site, "proposed_start_date": timezone.localdate() + datetime.timedelta(days=60),
        **changes,
    }


@pytest.fixture
def offer(application, recruiter, site):
    return services.make_offer(application_id=application.pk, actor=recruiter, **offer_terms(site))


@pytest.fixture
def accepted_offer(offer, candidate):
    return services.accept_offer(offer_id=offer.pk, actor=candidate)


def clear_all_checks(offer, actor):
    for check in offer.checks.exclude(status="not_required"):
        services.update_check(check_id=check.pk, actor=actor, status="cleared", note="Seen")
