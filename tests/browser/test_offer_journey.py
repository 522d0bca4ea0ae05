"""As a recruiter, I offer the job to the preferred candidate, request
references, clear the six pre-employment checks and make the unconditional
offer; as the candidate, I accept, upload a document and confirm my start
date; as a referee, I answer through the link in my e-mail, with no account.
The vacancy is then filled. Every page on the way passes axe-core's WCAG 2.2
AA rules; so do the pages for declining (candidate and referee) and a link
that no longer works."""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import OutgoingEmail
from candidates.models import Application
from offers import tasks
from offers.models import Check, Document, Offer, ReferenceRequest
from organisations.models import Membership
from tests.browser_support import assert_accessible
from tests.candidates.factories import PersonalDetailsFactory, RefereeFactory
from tests.factories import ApplicationFactory, MembershipFactory, SiteFactory, UserFactory, VacancyFactory
from vacancies.models import PayBandRate, Vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def queued_email(settings, tmp_path):
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"
    settings.MEDIA_ROOT = tmp_path / "private"


def sign_in_as(page, live_server, user):
    """A signed-in session for the user, put in the browser as a cookie."""
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
          "url": live_server.url}]
    )


def referee_link(reference_request):
    """The link in the e-mail the referee receives (written by the task the request enqueues)."""
    tasks.send_reference_email(reference_request_id=reference_request.pk, step=0)
    email = OutgoingEmail.objects.get(to=[reference_request.referee.email])
    return re.search(r"http://\S+/references/\S+", email.body).group(0).split("localhost:8000", 1)[-1]


@pytest.fixture
def preferred():
    """A vacancy at interview with its preferred candidate, who gave two referees."""
    PayBandRate.objects.get_or_create(
        pay_year="2025/26", band="5", defaults={"entry_salary": Decimal("31049"), "top_salary": Decimal("37796")}
    )
    recruiter = MembershipFactory(role=Membership.Role.RECRUITER, user__full_name="Rita Recruiter").user
    trust = recruiter.memberships.get().organisation
    site = SiteFactory(organisation=trust, name="Worcestershire Royal Hospital")
    vacancy = VacancyFactory(organisation=trust, title="Staff Nurse", status=Vacancy.Status.INTERVIEWING,
                             sites=[site], dbs_level="enhanced", published_at=timezone.now())
    candidate = UserFactory(full_name="Cara Candidate")
    application = ApplicationFactory(vacancy=vacancy, candidate=candidate, status=Application.Status.PREFERRED,
                                     anonymous_number=1)
    PersonalDetailsFactory(application=application, first_name="Cara", last_name="Candidate",
                           email="cara.contact@example.org")
    RefereeFactory(application=application, name="Rhiannon Referee", email="rhiannon@example.org")
    RefereeFactory(application=application, name="Sam Supervisor", email="sam@example.org")
    reserve = ApplicationFactory(vacancy=vacancy, candidate=UserFactory(), status=Application.Status.INTERVIEW_RESERVE,
                                 anonymous_number=2)
    PersonalDetailsFactory(application=reserve, first_name="Colin", last_name="Reserve",
                           email="colin.contact@example.org")
    return recruiter, candidate, vacancy, application, reserve


def test_preferred_candidate_is_offered_checked_and_starts_and_the_vacancy_is_filled(page, live_server, preferred):
    recruiter, candidate, vacancy, application, reserve = preferred
    start = timezone.localdate() + datetime.timedelta(days=60)

    # The recruiter makes the conditional offer from the vacancy's page.
    sign_in_as(page, live_server, recruiter)
    page.goto(f"/manage/vacancies/{vacancy.reference}/")
    page.get_by_role("link", name="Offers, references and pre-employment checks").click()
    expect(page.locator("h1")).to_contain_text("Offers")
    assert_accessible(page)
    page.get_by_role("link", name="Make an offer to Cara Candidate").click()
    assert_accessible(page)
    page.get_by_label("Salary, in pounds a year (full time)").fill("45000")
    page.fill("[name=proposed_start_date_day]", str(start.day))
    page.fill("[name=proposed_start_date_month]", str(start.month))
    page.fill("[name=proposed_start_date_year]", str(start.year))
    page.get_by_role("button", name="Make the offer").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("The salary is outside Band 5")
    expect(page.get_by_label("Salary, in pounds a year (full time)")).to_have_value("45000")
    assert_accessible(page)
    page.get_by_label("Salary, in pounds a year (full time)").fill("33000")
    page.get_by_role("button", name="Make the offer").click()
    expect(page.locator("#terms")).to_contain_text("£33,000.00")
    assert_accessible(page)
    offer = Offer.objects.get(application=application)
    assert Vacancy.objects.get(pk=vacancy.pk).status == "offer_made"

    # The candidate accepts in their account.
    sign_in_as(page, live_server, candidate)
    page.goto(f"/applications/{application.pk}/")
    page.get_by_role("link", name="See your job offer").click()
    expect(page.locator("h1")).to_contain_text("Your job offer: Staff Nurse")
    assert_accessible(page)
    page.get_by_role("button", name="Accept the offer").click()
    expect(page.locator("#offer")).to_contain_text("Conditional offer accepted")
    assert_accessible(page)

    # The recruiter requests references from both referees.
    sign_in_as(page, live_server, recruiter)
    page.goto(f"/manage/vacancies/{vacancy.reference}/offers/{offer.pk}/")
    page.get_by_role("link", name="Request references").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send the requests").click()
    expect(page.locator("#reference-requests")).to_contain_text("Rhiannon Referee")
    requests = list(ReferenceRequest.objects.filter(offer=offer).order_by("pk"))
    assert len(requests) == 2

    # A referee answers through the link in their e-mail, with no account.
    page.context.clear_cookies()
    link = referee_link(requests[0])
    page.goto(link)
    expect(page.locator("h1")).to_contain_text("A reference for Cara Candidate")
    assert "cara.contact@example.org" not in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Send the reference").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter their job title")
    assert_accessible(page)
    page.fill("[name=employed_from_day]", "1")
    page.fill("[name=employed_from_month]", "9")
    page.fill("[name=employed_from_year]", "2021")
    page.get_by_label("Their job title").fill("Staff Nurse")
    page.get_by_label("Days of sickness absence in the last 2 years").fill("1")
    page.check("input[name=disciplinary][value=False]")
    page.check("input[name=would_reemploy][value=True]")
    page.get_by_label("Anything else about their suitability for the job (optional)").fill("Excellent nurse.")
    page.get_by_role("button", name="Send the reference").click()
    expect(page.locator("h1")).to_have_text("Thank you")
    assert_accessible(page)
    page.goto(link)
    expect(page.locator("h1")).to_have_text("This link does not work")
    assert_accessible(page)
    assert ReferenceRequest.objects.get(pk=requests[0].pk).status == "received"

    # The candidate uploads their passport, and sees the referee's status only.
    sign_in_as(page, live_server, candidate)
    page.goto(f"/applications/{application.pk}/offer/")
    expect(page.locator("#referee-statuses")).to_contain_text("Received")
    assert "Excellent nurse." not in page.content()
    page.get_by_role("link", name="Upload documents Identity").click()
    assert_accessible(page)
    page.set_input_files("input[type=file]", files=[{"name": "passport.pdf", "mimeType": "application/pdf",
                                                     "buffer": PDF}])
    page.get_by_role("button", name="Upload the document").click()
    expect(page.locator("#documents")).to_contain_text("passport.pdf")
    assert_accessible(page)
    assert Document.objects.get().original_name == "passport.pdf"

    # The recruiter accepts the reference and clears all six checks.
    sign_in_as(page, live_server, recruiter)
    page.goto(f"/manage/vacancies/{vacancy.reference}/offers/{offer.pk}/")
    page.get_by_role("link", name="Rhiannon Referee").click()
    expect(page.locator("#reference")).to_contain_text("Excellent nurse.")
    assert_accessible(page)
    page.get_by_label("Accept the reference", exact=True).check()
    page.get_by_label("Note (optional)").fill("Matches the application")
    page.get_by_role("button", name="Save the decision").click()
    expect(page.locator("#reference-requests")).to_contain_text("Accepted")
    for number, kind in enumerate(Check.Kind):
        page.get_by_role("link", name=f"Update {kind.label}", exact=True).click()
        if number == 0:
            expect(page.locator("#main-content, main")).to_contain_text("passport.pdf")
            assert_accessible(page)
        page.get_by_label("Cleared").check()
        page.get_by_role("button", name="Save the check").click()
        expect(page.locator("#check-list")).to_be_visible()
    assert set(Check.objects.filter(offer=offer).values_list("status", flat=True)) == {"cleared"}
    assert_accessible(page)

    page.get_by_role("link", name="Make the unconditional offer").click()
    assert_accessible(page)
    page.get_by_role("button", name="Make the unconditional offer").click()
    expect(page.locator("#terms")).to_contain_text("Unconditional offer made")
    expect(page.locator("#history-table")).to_contain_text("Unconditional offer made, starting")

    # The candidate confirms the start date: appointed, and the vacancy filled.
    sign_in_as(page, live_server, candidate)
    page.goto(f"/applications/{application.pk}/offer/")
    page.get_by_role("link", name="Confirm your start date").click()
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my start date").click()
    expect(page.locator("#offer")).to_contain_text("Start date confirmed")
    assert_accessible(page)
    application.refresh_from_db()
    assert (application.status, application.start_date) == ("appointed", start)
    assert Vacancy.objects.get(pk=vacancy.pk).status == "filled"
    assert Application.objects.get(pk=reserve.pk).status == "unsuccessful"


def test_candidate_and_referee_can_decline(page, live_server, preferred):
    from offers import references, services

    recruiter, candidate, vacancy, application, reserve = preferred
    offer = services.make_offer(
        application_id=application.pk, actor=recruiter, salary=Decimal("31049"), hours_per_week=Decimal("37.5"),
        contract_type="permanent", base_site=vacancy.sites.get(),
        proposed_start_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    reference = references.request_references(
        offer_id=offer.pk, referee_ids=[application.referees.get(name="Sam Supervisor").pk], actor=recruiter
    )[0]

    # The referee cannot give a reference.
    page.goto(referee_link(reference))
    page.get_by_role("link", name="I cannot give a reference").click()
    assert_accessible(page)
    page.get_by_label("Why are you declining? (optional)").fill("I never managed her")
    page.get_by_role("button", name="Decline to give a reference").click()
    expect(page.locator("h1")).to_have_text("Thank you")
    assert ReferenceRequest.objects.get(pk=reference.pk).status == "declined"

    # The candidate declines; the recruiter offers the reserve in one step.
    sign_in_as(page, live_server, candidate)
    page.goto(f"/applications/{application.pk}/offer/")
    expect(page.locator("#referee-statuses")).to_contain_text("Declined by the referee")
    page.get_by_role("link", name="Decline the offer").click()
    assert_accessible(page)
    page.get_by_label("Why are you declining? (optional)").fill("I took another job")
    page.get_by_role("button", name="Decline the offer").click()
    expect(page.locator("#offer")).to_contain_text("Declined")
    sign_in_as(page, live_server, recruiter)
    page.goto(f"/manage/vacancies/{vacancy.reference}/offers/{offer.pk}/")
    expect(page.locator("#fell-through")).to_contain_text("I took another job")
    assert_accessible(page)
    page.get_by_role("link", name="Offer the job to a reserve").click()
    page.get_by_role("link", name="Make an offer to Colin Reserve").click()
    expect(page.locator("h1")).to_contain_text("Make a conditional offer to Colin Reserve")
    start = timezone.localdate() + datetime.timedelta(days=30)
    page.fill("[name=proposed_start_date_day]", str(start.day))
    page.fill("[name=proposed_start_date_month]", str(start.month))
    page.fill("[name=proposed_start_date_year]", str(start.year))
    page.get_by_role("button", name="Make the offer").click()
    expect(page.locator("#terms")).to_contain_text("Conditional offer made")
    assert Application.objects.get(pk=reserve.pk).status == "offered"
