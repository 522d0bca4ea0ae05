"""Your account page, and a candidate deleting their account."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import User
from accounts.services import delete_account
from candidates.models import Application
from tests.factories import DEMO_PASSWORD, ApplicationFactory
from tests.test_layout import Tags

from .support import with_confirmed_email

pytestmark = pytest.mark.django_db

ACCOUNT_URL = "/accounts/"
DELETE_URL = "/accounts/delete/"


def summary_rows(html):
    """(key, value) of each row of the page's summary list."""
    rows = []
    for row in html.split('class="nhsuk-summary-list__row"')[1:]:
        key = row.split('class="nhsuk-summary-list__key">')[1].split("</dt>")[0]
        value = row.split('class="nhsuk-summary-list__value">')[1].split("</dd>")[0]
        rows.append((" ".join(key.split()), " ".join(value.split())))
    return rows


def test_account_page_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(ACCOUNT_URL)

    assert response["Location"] == "/accounts/login/?next=/accounts/"


def test_account_page_shows_the_email_address_and_two_factor_status(client, candidate):
    client.force_login(candidate)

    response = client.get(ACCOUNT_URL)

    html = response.content.decode()
    assert reverse("accounts:account_detail") == ACCOUNT_URL
    assert Tags(html).text("h1") == ["Your account"]
    assert summary_rows(html) == [
        ("Email address", candidate.email),
        ("Password", "Hidden"),
        ("Two-factor authentication", "Off"),
    ]
    assert Tags(html).all("a", href="/accounts/2fa/totp/activate/")
    assert Tags(html).all("a", href=DELETE_URL)


def test_account_page_shows_two_factor_on_and_a_pending_address(client, candidate):
    TOTP.activate(candidate, generate_totp_secret())
    EmailAddress.objects.create(user=candidate, email="cara.new@example.org", primary=False, verified=False)
    client.force_login(candidate)

    html = client.get(ACCOUNT_URL).content.decode()

    assert summary_rows(html)[0] == (
        "Email address",
        f'{candidate.email} <p class="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">'
        "Changing to cara.new@example.org: select the link we sent to that address.</p>",
    )
    assert summary_rows(html)[2] == ("Two-factor authentication", "On")
    assert Tags(html).all("a", href="/accounts/2fa/")


def test_account_page_lists_staff_roles_and_offers_no_delete(client, recruiter):
    client.force_login(recruiter)

    html = client.get(ACCOUNT_URL).content.decode()

    assert "HR recruiter at Trust A NHS Trust" in html
    assert not Tags(html).all("a", href=DELETE_URL)


def test_account_header_links_to_the_account_and_sign_out(client, candidate):
    client.force_login(candidate)

    page = Tags(client.get(ACCOUNT_URL).content.decode())

    links = page.all("a", class_="nhsuk-header__navigation-link")
    assert [link["href"] for link in links] == ["/jobs/", "/applications/", "/accounts/", "/accounts/logout/"]
    assert links[2]["aria-current"] == "page"


def test_account_header_offers_sign_in_to_anonymous_visitors(client):
    page = Tags(client.get(reverse("account_login")).content.decode())

    links = page.all("a", class_="nhsuk-header__navigation-link")
    assert [link["href"] for link in links] == ["/jobs/", "/accounts/login/"]


def test_account_delete_asks_for_the_password(client, candidate):
    client.force_login(candidate)

    response = client.get(DELETE_URL)

    page = Tags(response.content.decode())
    assert response.status_code == 200
    assert page.text("h1") == ["Delete your account"]
    assert page.all("input", type="password", id="id_password")


def test_account_delete_with_the_right_password_deletes_the_account_and_signs_out(client, candidate):
    with_confirmed_email(candidate)
    draft = ApplicationFactory(candidate=candidate, status="draft", submitted_at=None)
    submitted = ApplicationFactory(candidate=candidate)
    client.force_login(candidate)

    response = client.post(DELETE_URL, {"password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not User.objects.filter(pk=candidate.pk).exists()
    assert not EmailAddress.objects.exists()
    # The draft goes; the trust keeps what it received, detached from the account.
    assert not Application.objects.filter(pk=draft.pk).exists()
    assert Application.objects.filter(pk=submitted.pk, candidate=None).exists()
    assert client.session.get("_auth_user_id") is None
    assert [str(message) for message in get_messages(response.wsgi_request)] == ["Your account has been deleted"]


def test_account_delete_with_a_wrong_password_keeps_the_account(client, candidate):
    client.force_login(candidate)

    response = client.post(DELETE_URL, {"password": "not-my-password"})

    assert response.status_code == 200
    assert '<a href="#id_password">Your password is not correct</a>' in response.content.decode()
    assert User.objects.filter(pk=candidate.pk).exists()
    assert client.session.get("_auth_user_id") == str(candidate.pk)


def test_account_delete_with_no_password_says_to_enter_it(client, candidate):
    client.force_login(candidate)

    response = client.post(DELETE_URL, {"password": ""})

    assert '<a href="#id_password">Enter your password</a>' in response.content.decode()
    assert User.objects.filter(pk=candidate.pk).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_account_delete_is_not_found_for_staff(client, recruiter, method):
    client.force_login(recruiter)

    response = getattr(client, method)(DELETE_URL, {"password": DEMO_PASSWORD})

    assert response.status_code == 404
    assert User.objects.filter(pk=recruiter.pk).exists()


def test_account_delete_asks_anonymous_visitors_to_sign_in(client):
    response = client.post(DELETE_URL, {"password": DEMO_PASSWORD})

    assert response["Location"] == "/accounts/login/?next=/accounts/delete/"


def test_delete_account_removes_the_user_with_their_addresses_and_authenticators(candidate, other_candidate):
    with_confirmed_email(candidate)
    TOTP.activate(candidate, generate_totp_secret())

    delete_account(user=candidate)

    assert list(User.objects.all()) == [other_candidate]
    assert not EmailAddress.objects.exists()
    assert not Authenticator.objects.exists()
