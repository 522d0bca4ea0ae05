"""As a member of a trust's staff, I can sign in and out on accessible pages,
and set up two-factor authentication."""

import time

import pytest
from django.urls import reverse

from organisations.models import Membership
from tests.accounts.support import totp_code, with_confirmed_email
from tests.browser_support import assert_accessible
from tests.factories import DEMO_PASSWORD, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def recruiter(transactional_db):
    """As seed_demo makes one: a recruiter of a trust, address confirmed."""
    membership = MembershipFactory(
        role=Membership.Role.RECRUITER,
        user__email="rita.recruiter@example.org",
        user__full_name="Rita Recruiter",
        organisation__name="Worcestershire Acute Hospitals NHS Trust",
    )
    return with_confirmed_email(membership.user)


def sign_in(page, email, password):
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_staff_member_can_sign_in_and_out(page, recruiter):
    page.goto("/")
    page.goto(reverse("account_login"))
    assert page.locator("h1").inner_text() == "Sign in"
    assert_accessible(page)

    page.get_by_role("button", name="Sign in").click()
    assert page.title().startswith("Error: Sign in")
    assert page.locator(".nhsuk-error-summary").inner_text().splitlines()[1:] == [
        "Enter your email address",
        "Enter your password",
    ]
    assert_accessible(page)

    sign_in(page, "Rita.Recruiter@example.org", "not-my-password")
    assert page.get_by_label("Email address").input_value() == "Rita.Recruiter@example.org"
    assert "Your email address or password is not correct" in page.locator(".nhsuk-error-summary").inner_text()
    assert_accessible(page)

    sign_in(page, "Rita.Recruiter@example.org", DEMO_PASSWORD)
    page.wait_for_url("**/manage/")

    page.goto(reverse("accounts:account_detail"))
    assert "HR recruiter at Worcestershire Acute Hospitals NHS Trust" in page.locator("main").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Sign out").click()
    assert page.locator("h1").inner_text() == "Sign out"
    assert_accessible(page)

    page.locator("main").get_by_role("button", name="Sign out").click()
    page.wait_for_url(lambda url: url.endswith("/"))
    assert "You have signed out" in page.locator(".nhsuk-notification-banner").inner_text()
    assert page.get_by_role("link", name="Sign in").count() in (0, 1)
    page.goto(reverse("accounts:account_detail"))
    assert page.locator("h1").inner_text() == "Sign in"


def test_staff_member_can_set_up_two_factor_authentication(page, recruiter, settings):
    page.goto(reverse("account_login") + "?next=/accounts/")
    sign_in(page, recruiter.email, DEMO_PASSWORD)
    page.wait_for_url("**/accounts/")

    page.get_by_role("link", name="Set up two-factor authentication").click()
    assert page.locator("h1").inner_text() == "Confirm it is you"
    assert_accessible(page)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Continue").click()

    assert page.locator("h1").inner_text() == "Set up two-factor authentication"
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator("#authenticator-secret").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    assert "Enter the security code from your authenticator app" in page.locator(".nhsuk-error-summary").inner_text()
    assert_accessible(page)

    # A code lasts 30 seconds: do not type one that is about to change.
    if time.time() % 30 > 27:
        time.sleep(3.5)
    page.get_by_label("Security code").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on two-factor authentication").click()

    assert page.locator("h1").inner_text() == "Your recovery codes"
    assert page.locator("#recovery-codes li").count() == 10
    assert "Two-factor authentication is now on" in page.locator(".nhsuk-notification-banner").inner_text()
    assert_accessible(page)
