"""As a recruiter whose shortlisting is complete, I create a round of
interview slots and invite the shortlisted candidates; as a candidate, I book
a time in my account, get the e-mail with its calendar entry, and move it.
Every page on the way passes axe-core's WCAG 2.2 AA rules."""

import datetime

import icalendar
import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import OutgoingEmail
from candidates.models import Application
from interviews.models import Booking, Slot
from organisations.models import Membership
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


def calendar_event(email):
    ics = next(content for content, mimetype in email.alternatives if mimetype == "text/calendar")
    return next(iter(icalendar.Calendar.from_ical(ics).walk("VEVENT")))


def test_recruiter_creates_slots_invites_and_the_candidate_books_and_moves(page, live_server):
    recruiter = MembershipFactory(role=Membership.Role.RECRUITER, user__full_name="Rita Recruiter").user
    trust = recruiter.memberships.get().organisation
    # Someone of the trust to choose for the panel.
    MembershipFactory(organisation=trust, role=Membership.Role.HIRING_MANAGER, user__full_name="Penny Panel")
    site = SiteFactory(organisation=trust, name="Worcestershire Royal Hospital")
    vacancy = VacancyFactory(organisation=trust, title="Staff Nurse", status=Vacancy.Status.INTERVIEWING, sites=[site],
                             published_at=timezone.now() - datetime.timedelta(days=30))
    candidate = UserFactory(full_name="Cara Candidate")
    application = ApplicationFactory(vacancy=vacancy, candidate=candidate, status=Application.Status.SHORTLISTED,
                                     anonymous_number=1)
    PersonalDetailsFactory(application=application, first_name="Cara", last_name="Candidate",
                           email="cara.contact@example.org")
    day = timezone.localdate() + datetime.timedelta(days=10)

    # The recruiter creates a round from the vacancy's page.
    sign_in_as(page, live_server, recruiter)
    page.goto(f"/manage/vacancies/{vacancy.reference}/")
    page.get_by_role("link", name="Interview rounds: times, invitations and bookings").click()
    expect(page.locator("h1")).to_contain_text("Interviews")
    assert_accessible(page)
    page.get_by_role("link", name="Create a round of interviews").click()
    assert_accessible(page)
    page.fill("[name=first_day_day]", str(day.day))
    page.fill("[name=first_day_month]", str(day.month))
    page.fill("[name=first_day_year]", str(day.year))
    page.get_by_label("First interview starts at").fill("09:00")
    page.get_by_label("Last interview ends by").fill("11:00")
    page.get_by_label("Length of each interview, in minutes").fill("0")
    page.get_by_label("Minutes between interviews").fill("15")
    page.get_by_label("Site", exact=True).select_option(label="Worcestershire Royal Hospital, Testford")
    page.get_by_label("Room (optional)").fill("Seminar room 2")
    page.get_by_label("Penny Panel").check()
    page.get_by_role("button", name="Create the interviews").click()

    # A length of 0 is refused by its field, with what was typed kept.
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter a length between 1 minute and 8 hours")
    expect(page.get_by_label("Room (optional)")).to_have_value("Seminar room 2")
    assert_accessible(page)
    page.get_by_label("Length of each interview, in minutes").fill("45")
    page.get_by_role("button", name="Create the interviews").click()

    expect(page.locator("#timetable")).to_contain_text("Seminar room 2, Worcestershire Royal Hospital")
    assert Slot.objects.filter(round__vacancy=vacancy).count() == 2
    assert_accessible(page)

    # ... and invites the shortlisted candidates, all ticked.
    page.get_by_role("link", name="Invite shortlisted candidates").click()
    expect(page.get_by_label("Cara Candidate")).to_be_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Send invitations").click()
    expect(page.locator("#not-booked")).to_contain_text("Cara Candidate")
    assert_accessible(page)
    assert Application.objects.get(pk=application.pk).status == "invited_to_interview"

    # The candidate books the 9:00 slot from their application.
    first, second = Slot.objects.filter(round__vacancy=vacancy).order_by("starts_at")
    sign_in_as(page, live_server, candidate)
    page.goto(f"/applications/{application.pk}/")
    page.get_by_role("link", name="Book or see your interview").click()
    expect(page.locator("h1")).to_contain_text("Your interview for Staff Nurse")
    assert_accessible(page)
    page.get_by_role("button", name="Book this time").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Choose a time for the interview")
    assert_accessible(page)
    page.get_by_label(first.label).check()
    page.get_by_role("button", name="Book this time").click()
    expect(page.locator(f"#booking-{first.round_id}")).to_contain_text(first.label)
    assert_accessible(page)
    confirmation = OutgoingEmail.objects.get(subject="Your interview for Staff Nurse is booked")
    assert confirmation.to == ["cara.contact@example.org"]
    booked = calendar_event(confirmation)
    assert booked.decoded("DTSTART") == first.starts_at

    # ... and moves it to 10:00; the calendar entry is the same one, updated.
    page.get_by_label(second.label).check()
    page.get_by_role("button", name="Change to this time").click()
    expect(page.locator(f"#booking-{first.round_id}")).to_contain_text(second.label)
    assert_accessible(page)
    assert Booking.objects.get(application=application).slot == second
    moved = calendar_event(OutgoingEmail.objects.get(subject="Your interview for Staff Nurse has changed"))
    assert str(moved["UID"]) == str(booked["UID"])
    assert moved.decoded("DTSTART") == second.starts_at
    assert moved["SEQUENCE"] == 1
