"""As a candidate, I can save my search as a job alert in one step and manage
it in my account; as a visitor, I can save it with my e-mail address and
confirm it from the e-mail; every page accessible."""

import re

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import OutgoingEmail
from alerts import services
from alerts.models import JobAlert
from tests.browser_support import assert_accessible
from tests.factories import OrganisationFactory, UserFactory, VacancyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def jobs(transactional_db, settings):
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"
    trust = OrganisationFactory(name="Worcestershire Acute Hospitals NHS Trust")
    VacancyFactory(organisation=trust, title="Staff Nurse", band="5")


def sign_in_as(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
          "url": live_server.url}]
    )


def test_candidate_saves_a_search_as_an_alert_and_changes_it(page, live_server, jobs):
    candidate = UserFactory(full_name="Cara Candidate")
    sign_in_as(page, live_server, candidate)
    page.goto("/jobs/?keywords=nurse&band=5")
    assert_accessible(page)

    page.get_by_role("link", name="Get job alerts for this search").click()

    page.wait_for_url(re.compile(r"/alerts/new/\?keywords=nurse&band=5"))
    assert page.locator("h1").inner_text() == "Get job alerts for this search"
    assert_accessible(page)
    page.get_by_label("Weekly").check()
    page.get_by_role("button", name="Save job alert").click()

    page.wait_for_url("**/alerts/")
    assert "Job alert saved: nurse" in page.locator(".nhsuk-notification-banner").inner_text()
    assert page.locator("#job-alerts h2").all_inner_texts() == ["nurse"]
    assert_accessible(page)
    alert = JobAlert.objects.get()
    assert (alert.user, alert.query, alert.frequency) == (candidate, "keywords=nurse&band=5", "weekly")

    page.get_by_role("link", name="Change nurse").click()
    page.wait_for_url(f"**/alerts/{alert.pk}/change/")
    assert_accessible(page)
    page.get_by_label("Name").fill("")
    page.get_by_role("button", name="Save changes").click()
    assert page.locator(".nhsuk-error-summary").is_visible()
    assert_accessible(page)
    page.get_by_label("Name").fill("Band 5 nursing")
    page.get_by_role("button", name="Save changes").click()

    page.wait_for_url("**/alerts/")
    assert page.locator("#job-alerts h2").all_inner_texts() == ["Band 5 nursing"]


def test_visitor_saves_a_search_and_confirms_by_email(page, live_server, jobs):
    page.goto("/jobs/?keywords=nurse")
    page.get_by_role("link", name="Get job alerts for this search").click()

    page.wait_for_url(re.compile(r"/alerts/new/\?keywords=nurse"))
    page.get_by_label("Email address").fill("visitor.example.org")
    page.get_by_label("Daily").check()
    page.get_by_role("button", name="Save job alert").click()
    assert page.locator(".nhsuk-error-summary").is_visible()
    assert page.get_by_label("Email address").input_value() == "visitor.example.org"
    assert_accessible(page)
    page.get_by_label("Email address").fill("visitor@example.org")
    page.get_by_role("button", name="Save job alert").click()

    page.wait_for_url("**/alerts/check-your-email/")
    assert page.locator("h1").inner_text() == "Check your email"
    assert_accessible(page)
    body = OutgoingEmail.objects.get(to=["visitor@example.org"]).body
    link = re.search(r"https?://[^/\s]+(/alerts/confirm/[^\s]+/)", body).group(1)

    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Confirm job alert").click()

    assert page.locator("h1").inner_text() == "Your job alert is set up"
    assert_accessible(page)
    alert = JobAlert.objects.get()
    assert (alert.email, alert.user, alert.confirmed_at is not None) == ("visitor@example.org", None, True)

    # Every alert e-mail links to this page; no sign-in is needed.
    page.goto(f"/alerts/unsubscribe/{services.unsubscribe_token(alert)}/")
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()

    assert page.locator("h1").inner_text() == "You have unsubscribed"
    assert_accessible(page)
    assert not JobAlert.objects.exists()
