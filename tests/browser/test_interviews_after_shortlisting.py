"""As a recruiter whose shortlisting is complete, I see the shortlisted
candidates and the reserve list with their contact details, move a reserve
to shortlisted (who is invited to book), remind an invited candidate who has
not booked, and open the round's timetable for interview day. Every page on
the way passes axe-core's WCAG 2.2 AA rules."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import OutgoingEmail
from candidates.models import Adjustments, Application
from interviews import services
from interviews.models import Invitation, Slot
from organisations.models import Membership
from shortlisting.models import ShortlistingEvent
from tests.browser_support import assert_accessible
from tests.candidates.factories import PersonalDetailsFactory
from tests.factories import ApplicationFactory, MembershipFactory, SiteFactory, UserFactory, VacancyFactory
from vacancies.models import Vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def queued_email(settings):
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"


def sign_in_as(page, live_server, user):
    """A signed-in session for the user, put in the browser as a cookie."""
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
          "url": live_server.url}]
    )


def applicant(vacancy, number, first, last, status):
    application = ApplicationFactory(vacancy=vacancy, candidate=UserFactory(full_name=f"{first} {last}"),
                                     status=status, anonymous_number=number)
    PersonalDetailsFactory(application=application, first_name=first, last_name=last,
                           email=f"{first.lower()}.contact@example.org")
    return application


def test_recruiter_promotes_a_reserve_chases_and_opens_the_timetable(page, live_server):
    recruiter = MembershipFactory(role=Membership.Role.RECRUITER, user__full_name="Rita Recruiter").user
    trust = recruiter.memberships.get().organisation
    site = SiteFactory(organisation=trust, name="Worcestershire Royal Hospital")
    vacancy = VacancyFactory(organisation=trust, title="Staff Nurse", status=Vacancy.Status.INTERVIEWING, sites=[site],
                             published_at=timezone.now() - datetime.timedelta(days=30))
    ShortlistingEvent.objects.create(vacancy=vacancy, kind=ShortlistingEvent.Kind.REVEAL, detail={})
    shortlisted = applicant(vacancy, 1, "Cara", "Candidate", Application.Status.SHORTLISTED)
    Adjustments.objects.create(application=shortlisted, needs_adjustments=True, details="Step-free access")
    on_reserve = applicant(vacancy, 2, "Dina", "Doctor", Application.Status.RESERVE)
    interview_round = services.create_round_with_slots(
        vacancy=vacancy, actor=recruiter, name="First interviews",
        days=[timezone.localdate() + datetime.timedelta(days=10)], start_time=datetime.time(9),
        end_time=datetime.time(11), length_minutes=45, gap_minutes=15, site=site, room="Seminar room 2",
        booking_deadline=timezone.now() + datetime.timedelta(days=5),
    )
    services.invite(round_id=interview_round.pk, application_ids=[shortlisted.pk], actor=recruiter)
    services.book_slot(slot_id=Slot.objects.filter(round=interview_round).first().pk,
                       application_id=shortlisted.pk, actor=recruiter, on_behalf=True)

    # The candidates page, from the vacancy's interviews.
    sign_in_as(page, live_server, recruiter)
    page.goto(f"/manage/vacancies/{vacancy.reference}/interviews/")
    page.get_by_role("link", name="Candidates: the shortlist, contact details and the reserve list").click()
    expect(page.locator("h1")).to_contain_text("Candidates")
    expect(page.locator("#shortlisted")).to_contain_text("cara.contact@example.org")
    expect(page.locator("#shortlisted")).to_contain_text("Step-free access")
    expect(page.locator("#reserves")).to_contain_text("Dina Doctor")
    assert_accessible(page)

    # Move the reserve to shortlisted: a page to confirm first.
    page.get_by_role("link", name="Move to shortlisted Dina Doctor").click()
    expect(page.locator("h1")).to_contain_text("Move Dina Doctor to shortlisted")
    expect(page.locator("#open-rounds")).to_contain_text("First interviews")
    assert_accessible(page)
    page.get_by_role("button", name="Move to shortlisted").click()
    expect(page.locator("main")).to_contain_text(
        "Dina Doctor is shortlisted and invited to book an interview."
    )
    assert_accessible(page)
    assert Application.objects.get(pk=on_reserve.pk).status == Application.Status.INVITED_TO_INTERVIEW
    assert OutgoingEmail.objects.filter(to=["dina.contact@example.org"], subject__startswith="Book your interview").exists()

    # The round lists Dina as not booked yet; remind her.
    page.goto(f"/manage/vacancies/{vacancy.reference}/interviews/{interview_round.pk}/")
    expect(page.locator("#not-booked")).to_contain_text("Dina Doctor")
    page.get_by_role("button", name="Remind them to book (Dina Doctor)").click()
    expect(page.locator("main")).to_contain_text("Dina Doctor has been e-mailed a reminder to book.")
    expect(page.locator("#not-booked")).to_contain_text("reminded")
    assert_accessible(page)
    assert Invitation.objects.get(application=on_reserve).chased_at is not None

    # The timetable for interview day.
    page.get_by_role("link", name="Timetable for interview day").click()
    expect(page.locator("h1")).to_contain_text("Timetable: First interviews")
    expect(page.locator("#timetable")).to_contain_text("Cara Candidate")
    expect(page.locator("#timetable")).to_contain_text("Step-free access")
    assert_accessible(page)
