"""The Django admin and two-factor authentication (issue 14, point 17): with
settings.STAFF_REQUIRE_2FA on, support staff must set up an authenticator app
and use it in this session before any /admin/ page, by the same rule as the
staff pages (accounts.two_factor)."""

import datetime

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils.http import urlencode

from tests.factories import UserFactory

from .support import sign_in, totp_code, with_confirmed_email

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 0, 15, tzinfo=datetime.UTC)


@pytest.fixture
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def require_2fa(settings):
    settings.STAFF_REQUIRE_2FA = True


@pytest.fixture
def superuser(db):
    return with_confirmed_email(UserFactory(full_name="Sam Support", is_staff=True, is_superuser=True))


def setup_url(next_url):
    return f"/accounts/2fa/totp/activate/?{urlencode({'next': next_url})}"


def code_url(next_url):
    return f"/accounts/2fa/reauthenticate/?{urlencode({'next': next_url})}"


@pytest.mark.parametrize("page", ["/admin/", "/admin/accounts/user/", "/admin/accounts/outgoingemail/"])
def test_admin_sends_a_superuser_without_an_authenticator_app_to_set_one_up(client, require_2fa, superuser, page):
    client.force_login(superuser)

    response = client.get(page)

    assert response.status_code == 302
    assert response["Location"] == setup_url(page)


def test_admin_tells_a_superuser_why_they_must_set_up_2fa(client, require_2fa, superuser):
    client.force_login(superuser)

    response = client.get("/admin/", follow=True)

    messages = [str(message) for message in response.context["messages"]]
    assert "The admin pages require two-factor authentication. Set it up to continue." in messages


def test_admin_asks_a_superuser_with_2fa_for_a_code_if_not_used_in_this_session(client, require_2fa, superuser):
    TOTP.activate(superuser, generate_totp_secret())
    client.force_login(superuser)  # Signed in without the code.

    response = client.get("/admin/accounts/user/")

    assert response.status_code == 302
    assert response["Location"] == code_url("/admin/accounts/user/")


def test_admin_lets_in_a_superuser_who_signed_in_with_password_and_code(client, require_2fa, frozen_time, superuser):
    secret = generate_totp_secret()
    TOTP.activate(superuser, secret)

    after_password = sign_in(client, superuser.email, next_url="/admin/")
    after_code = client.post(after_password["Location"], {"code": totp_code(secret)})
    response = client.get("/admin/accounts/user/")

    assert after_code["Location"] == "/admin/"
    assert response.status_code == 200
    assert superuser.email in response.content.decode()


def test_admin_lets_in_a_superuser_after_the_code_is_asked_again(client, require_2fa, frozen_time, superuser):
    secret = generate_totp_secret()
    TOTP.activate(superuser, secret)
    client.force_login(superuser)

    confirmed = client.post(code_url("/admin/"), {"code": totp_code(secret)})
    response = client.get("/admin/")

    assert confirmed["Location"] == "/admin/"
    assert response.status_code == 200
    assert response.context["site_header"] == "Django administration"


def test_admin_lets_a_superuser_in_without_2fa_when_not_required(client, settings, superuser):
    settings.STAFF_REQUIRE_2FA = False
    client.force_login(superuser)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert response.context["site_header"] == "Django administration"


def test_admin_sends_others_to_sign_in_before_asking_for_2fa(client, require_2fa, candidate):
    client.force_login(candidate)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"


def test_staff_pages_also_ask_for_the_code_if_not_used_in_this_session(client, require_2fa, recruiter):
    TOTP.activate(recruiter, generate_totp_secret())
    client.force_login(recruiter)

    response = client.get("/manage/")

    assert response.status_code == 302
    assert response["Location"] == code_url("/manage/")
