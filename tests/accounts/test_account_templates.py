"""Every django-allauth page a person can reach is drawn in our NHS.UK layout,
under our strict Content-Security-Policy (no inline script, no style attribute),
with one <h1> and a title that says what the page is."""

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from tests.factories import DEMO_PASSWORD
from tests.test_layout import Tags

from .support import sign_in, with_confirmed_email

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = [
    ("account_login", "Sign in"),
    ("account_signup", "Create an account"),
    ("account_reset_password", "Reset your password"),
    ("account_reset_password_done", "Check your email"),
    ("account_email_verification_sent", "Check your email"),
]
SIGNED_IN_PAGES = [
    ("accounts:account_detail", "Your account"),
    ("accounts:account_delete", "Delete your account"),
    ("account_logout", "Sign out"),
    ("account_change_password", "Change your password"),
    ("account_email", "Change your email address"),
    ("account_reauthenticate", "Confirm it is you"),
    ("mfa_index", "Two-factor authentication"),
]
# Pages that change two-factor authentication ask for the password again first.
RECENTLY_CONFIRMED_PAGES = [
    ("mfa_activate_totp", "Set up two-factor authentication"),
]
WITH_TWO_FACTOR_PAGES = [
    ("mfa_index", "Two-factor authentication"),
    ("mfa_view_recovery_codes", "Your recovery codes"),
    ("mfa_generate_recovery_codes", "Create new recovery codes"),
    ("mfa_deactivate_totp", "Turn off two-factor authentication"),
    ("mfa_reauthenticate", "Confirm it is you"),
]


def assert_nhsuk_page(response, heading):
    html = response.content.decode()
    page = Tags(html)
    assert response.status_code == 200
    assert page.text("h1") == [heading]
    assert page.text("title") == [f"{heading} – Recruitment"]
    assert page.all("header", class_="nhsuk-header")
    assert page.all("main", id="maincontent")
    assert all("src" in script for script in page.all("script")), "no inline script"
    assert not page.all("style")
    assert not [attrs for _, attrs in page.tags if "style" in attrs]
    assert not re.search(r"\son[a-z]+=", html), "no inline event handlers"
    assert not [attrs for _, attrs in page.tags if "placeholder" in attrs]
    for form in page.all("form"):
        assert "novalidate" in form, form


@pytest.mark.parametrize(("name", "heading"), ANONYMOUS_PAGES)
def test_account_template_for_visitors_is_an_nhsuk_page(client, name, heading):
    assert_nhsuk_page(client.get(reverse(name)), heading)


@pytest.mark.parametrize(("name", "heading"), SIGNED_IN_PAGES)
def test_account_template_for_signed_in_people_is_an_nhsuk_page(client, candidate, name, heading):
    client.force_login(candidate)

    assert_nhsuk_page(client.get(reverse(name)), heading)


@pytest.mark.parametrize(("name", "heading"), RECENTLY_CONFIRMED_PAGES)
def test_account_template_after_confirming_the_password_is_an_nhsuk_page(client, candidate, name, heading):
    with_confirmed_email(candidate)
    sign_in(client, candidate.email)
    client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})

    response = client.get(reverse(name))

    assert_nhsuk_page(response, heading)
    page = Tags(response.content.decode())
    qr_code = page.all("img")[0]
    assert qr_code["src"].startswith("data:image/svg+xml;base64,")
    assert qr_code["alt"] == "QR code to add this service to your authenticator app"
    assert page.all("code", id="authenticator-secret")


@pytest.mark.parametrize(("name", "heading"), WITH_TWO_FACTOR_PAGES)
def test_account_template_with_two_factor_is_an_nhsuk_page(client, candidate, name, heading):
    TOTP.activate(candidate, generate_totp_secret())
    RecoveryCodes.activate(candidate)
    client.force_login(candidate)
    client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})

    assert_nhsuk_page(client.get(reverse(name)), heading)


def test_account_template_manage_pages_lead_back_to_the_account(client, candidate):
    client.force_login(candidate)

    page = Tags(client.get(reverse("account_change_password")).content.decode())

    assert page.all("a", class_="nhsuk-back-link") == [{"class": "nhsuk-back-link", "href": "/accounts/"}]


def test_account_template_buttons_are_nhsuk_buttons(client):
    main = Tags(client.get(reverse("account_login")).content.decode().split('id="maincontent"')[1])
    assert main.all("button") == [{"type": "submit", "class": "nhsuk-button", "data-module": "nhsuk-button"}]


def test_account_template_code_prompt_after_the_password_is_an_nhsuk_page(client, recruiter):
    with_confirmed_email(recruiter)
    TOTP.activate(recruiter, generate_totp_secret())
    sign_in(client, recruiter.email)

    response = client.get(reverse("mfa_authenticate"))

    assert_nhsuk_page(response, "Enter your security code")
    code_input = Tags(response.content.decode()).all("input", id="id_code")[0]
    assert code_input["autocomplete"] == "one-time-code"
    assert code_input["inputmode"] == "numeric"
    assert code_input["class"] == "nhsuk-input nhsuk-input--width-10"
