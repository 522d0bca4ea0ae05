"""The whole interview journey of issue 11: once the shortlist is complete,
as a recruiter I create a round of slots, write a question and invite the
shortlisted candidates; as a candidate I book a time in my account, get the
e-mail with its calendar entry and move it; as a panel member I score the
candidates at interview; as the hiring manager I record appoint, reserve
and unsuccessful and complete the interviews; and each candidate sees their
status. Every page on the way passes axe-core's WCAG 2.2 AA rules."""

import datetime

import icalendar
import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import OutgoingEmail
from candidates.models import Application
from interviews import services
from interviews.models import Booking, InterviewEvent, InterviewScore, Slot
from organisations.models import Membership
from shortlisting import scoring as shortlisting
from tests.browser_support import assert_accessible
from tests.candidates.factories import PersonalDetailsFactory
from tests.factories import (
    ApplicationFactory,
    CriterionFactory,
    MembershipFactory,
    SiteFactory,
    UserFactory,
    VacancyFactory,
)
from vacancies.models import Vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CANDIDATES = [("Cara", "Candidate"), ("Colin", "Candidate"), ("Dina", "Doctor")]


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


@pytest.fixture
def shortlisted(transactional_db):
    """A vacancy of a trust whose hiring manager has just completed the
    shortlist: three candidates shortlisted, Penny on the panel, and a
    person specification with one criterion assessed at interview."""
    recruiter = MembershipFactory(role=Membership.Role.RECRUITER, user__full_name="Rita Recruiter").user
    trust = recruiter.memberships.get().organisation
    manager = MembershipFactory(organisation=trust, role=Membership.Role.HIRING_MANAGER,
                                user__full_name="Harry Manager").user
    penny = MembershipFactory(organisation=trust, role=Membership.Role.HIRING_MANAGER,
                              user__full_name="Penny Panel").user
    site = SiteFactory(organisation=trust, name="Worcestershire Royal Hospital")
    vacancy = VacancyFactory(organisation=trust, title="Staff Nurse", status=Vacancy.Status.CLOSED, sites=[site],
                             hiring_manager=manager, published_at=timezone.now() - datetime.timedelta(days=30))
    vacancy.panel_members.add(penny)
    CriterionFactory(vacancy=vacancy, text="Registered nurse", order=1)
    CriterionFactory(vacancy=vacancy, text="Communicates clearly with patients", order=2,
                     assessed_at_application=False, assessed_at_interview=True)
    applications = []
    for number, (first, last) in enumerate(CANDIDATES, start=1):
        application = ApplicationFactory(vacancy=vacancy, candidate=UserFactory(full_name=f"{first} {last}"),
                                         anonymous_number=number)
        PersonalDetailsFactory(application=application, first_name=first, last_name=last,
                               email=f"{first.lower()}.contact@example.org")
        shortlisting.decide(application_id=application.pk, outcome="shortlist", reason="Meets the criteria",
                            actor=manager)
        applications.append(application)
    shortlisting.complete_shortlisting(vacancy_id=vacancy.pk, actor=manager)
    return vacancy, recruiter, manager, penny, applications


def test_from_a_completed_shortlist_to_interview_outcomes(page, live_server, shortlisted):
    vacancy, recruiter, manager, penny, (cara, colin, dina) = shortlisted
    assert Application.objects.get(pk=cara.pk).status == Application.Status.SHORTLISTED
    day = timezone.localdate() + datetime.timedelta(days=10)
    manage = f"/manage/vacancies/{vacancy.reference}/"

    # The recruiter creates a round of four slots, with Penny on the panel...
    sign_in_as(page, live_server, recruiter)
    page.goto(manage)
    assert_accessible(page)
    page.get_by_role("link", name="Interview rounds: times, invitations and bookings").click()
    page.get_by_role("link", name="Create a round of interviews").click()
    page.fill("[name=first_day_day]", str(day.day))
    page.fill("[name=first_day_month]", str(day.month))
    page.fill("[name=first_day_year]", str(day.year))
    page.get_by_label("First interview starts at").fill("09:00")
    page.get_by_label("Last interview ends by").fill("13:00")
    page.get_by_label("Length of each interview, in minutes").fill("45")
    page.get_by_label("Minutes between interviews").fill("15")
    page.get_by_label("Site", exact=True).select_option(label="Worcestershire Royal Hospital, Testford")
    page.get_by_label("Room (optional)").fill("Seminar room 2")
    page.get_by_label("Penny Panel").check()
    page.get_by_role("button", name="Create the interviews").click()
    expect(page.locator("#timetable")).to_contain_text("Seminar room 2, Worcestershire Royal Hospital")
    assert_accessible(page)

    # ... invites the three shortlisted candidates ...
    page.get_by_role("link", name="Invite shortlisted candidates").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send invitations").click()
    expect(page.locator("#not-booked")).to_contain_text("Dina Doctor")
    assert set(Application.objects.filter(vacancy=vacancy).values_list("status", flat=True)) == {
        "invited_to_interview"
    }

    # ... and writes an interview question from the vacancy's page.
    page.goto(manage)
    page.get_by_role("link", name="Interview questions").click()
    assert_accessible(page)
    page.get_by_role("link", name="Add a question").click()
    page.get_by_role("button", name="Save the question").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the question")
    assert_accessible(page)
    page.get_by_label("Question").fill("Tell us about a time you raised a concern about a patient's safety.")
    page.get_by_role("button", name="Save the question").click()
    expect(page.locator("#questions")).to_contain_text("raised a concern")
    assert_accessible(page)

    # Cara books the 9:00 slot in her account, and gets its calendar entry by e-mail...
    first, second, third, fourth = Slot.objects.filter(round__vacancy=vacancy).order_by("starts_at")
    sign_in_as(page, live_server, cara.candidate)
    page.goto(f"/applications/{cara.pk}/")
    page.get_by_role("link", name="Book or see your interview").click()
    assert_accessible(page)
    page.get_by_label(first.label).check()
    page.get_by_role("button", name="Book this time").click()
    expect(page.locator(f"#booking-{first.round_id}")).to_contain_text(first.label)
    assert_accessible(page)
    booked = calendar_event(OutgoingEmail.objects.get(subject="Your interview for Staff Nurse is booked"))
    assert booked.decoded("DTSTART") == first.starts_at
    assert booked["SEQUENCE"] == 0
    uid = str(booked["UID"])
    assert uid == Booking.objects.get(application=cara).calendar_uid()

    # ... then moves it to 12:00: the same calendar entry, one change on.
    page.get_by_label(fourth.label).check()
    page.get_by_role("button", name="Change to this time").click()
    expect(page.locator(f"#booking-{first.round_id}")).to_contain_text(fourth.label)
    assert_accessible(page)
    moved = calendar_event(OutgoingEmail.objects.get(subject="Your interview for Staff Nurse has changed"))
    assert (str(moved["UID"]), moved["SEQUENCE"], moved.decoded("DTSTART")) == (uid, 1, fourth.starts_at)

    # Colin and Dina book theirs too (the recruiter, on their behalf, for speed).
    services.book_slot(slot_id=second.pk, application_id=colin.pk, actor=recruiter, on_behalf=True)
    services.book_slot(slot_id=third.pk, application_id=dina.pk, actor=recruiter, on_behalf=True)

    # At interview, Penny scores each candidate on the criterion and the question.
    sign_in_as(page, live_server, penny)
    page.goto(manage)
    page.get_by_role("link", name="Score the candidates at interview").click()
    expect(page.locator("#candidates")).to_contain_text("Cara Candidate")
    assert_accessible(page)
    for name, criterion_score, question_score in [
        ("Cara Candidate", "3 – exceeded", "3 – exceeded"),
        ("Colin Candidate", "2 – met", "2 – met"),
        ("Dina Doctor", "1 – partly met", "0 – not met"),
    ]:
        page.get_by_role("link", name=name).click()
        expect(page.locator("h1")).to_contain_text(f"Score {name}")
        page.locator("fieldset", has_text="Communicates clearly with patients").get_by_label(criterion_score).check()
        page.locator("fieldset", has_text="raised a concern").get_by_label(question_score).check()
        assert_accessible(page)
        page.get_by_role("button", name="Save scores").click()
        expect(page.locator("#candidates")).to_contain_text(name)
    assert InterviewScore.objects.filter(panel_member=penny).count() == 6

    # The hiring manager reads the overview and records the outcomes...
    sign_in_as(page, live_server, manager)
    page.goto(manage)
    page.get_by_role("link", name="Interview overview, outcomes and completing the interviews").click()
    expect(page.locator(f"#candidate-{cara.pk}")).to_contain_text("Penny Panel")
    expect(page.locator(f"#total-{cara.pk}")).to_contain_text("Overall total 6")
    assert_accessible(page)
    for application, name, decision in [(cara, "Cara Candidate", "Appoint (preferred candidate)"),
                                        (colin, "Colin Candidate", "Reserve")]:
        page.get_by_role("link", name=f"Record the outcome for {name}").click()
        page.get_by_label(decision, exact=True).check()
        page.get_by_role("button", name="Save the outcome").click()
        expect(page.locator(f"#outcome-{application.pk}")).to_contain_text(decision)
    page.get_by_role("link", name="Record the outcome for Dina Doctor").click()
    assert_accessible(page)
    page.get_by_label("Unsuccessful", exact=True).check()
    page.get_by_role("button", name="Save the outcome").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Give the reason the candidate was unsuccessful")
    assert_accessible(page)
    page.get_by_label("Reason").fill("Did not show enough experience of escalating concerns.")
    page.get_by_role("button", name="Save the outcome").click()
    expect(page.locator(f"#outcome-{dina.pk}")).to_contain_text("Unsuccessful")

    # ... and completes the interviews.
    page.get_by_role("link", name="Complete interviews").click()
    expect(page.locator("#outcome-counts")).to_contain_text("Appoint (preferred candidate)")
    assert_accessible(page)
    page.get_by_role("button", name="Complete interviews").click()
    expect(page.locator("#interviews-complete")).to_contain_text("The interviews are complete")
    assert_accessible(page)
    assert InterviewEvent.objects.filter(vacancy=vacancy, kind=InterviewEvent.Kind.COMPLETED).count() == 1
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.INTERVIEWING
    assert OutgoingEmail.objects.filter(to=["dina.contact@example.org"], body__contains="not been successful").exists()

    # Each candidate sees their status in their account.
    for application, status in [(cara, "Preferred candidate"), (colin, "Reserve after interview"),
                                (dina, "Unsuccessful")]:
        sign_in_as(page, live_server, application.candidate)
        page.goto("/applications/")
        expect(page.locator("#applications")).to_contain_text(status)
        assert_accessible(page)
