"""Staff pages (organisations.decorators.staff_member_required) and two-factor
authentication: who gets in, and who is sent to set up an authenticator app."""

import datetime

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.http import urlencode

from organisations.decorators import staff_member_required
from recruitment.urls import urlpatterns as project_urlpatterns
from tests.factories import DEMO_PASSWORD
from tests.test_layout import Tags

from .support import sign_in, totp_code, with_confirmed_email

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

NOW = datetime.datetime(2026, 3, 2, 9, 0, 15, tzinfo=datetime.UTC)
SETUP_URL = "/accounts/2fa/totp/activate/?next=%2Fstaff-only%2F%3Fvacancy%3D7"
REAUTHENTICATE_URL = f"/accounts/reauthenticate/?{urlencode({'next': SETUP_URL})}"


@staff_member_required
def staff_only(request):
    return HttpResponse("A staff page")


urlpatterns = [path("staff-only/", staff_only), *project_urlpatterns]


@pytest.fixture
def frozen_time():
    # A code is good for its 30 seconds only: keep the clock still.
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def require_2fa(settings):
    settings.STAFF_REQUIRE_2FA = True


def test_staff_page_sends_anonymous_visitors_to_sign_in(client, require_2fa):
    response = client.get("/staff-only/?vacancy=7")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/staff-only/%3Fvacancy%3D7"


@pytest.mark.parametrize("required", [True, False])
def test_staff_page_is_not_found_for_a_candidate(client, settings, candidate, required):
    settings.STAFF_REQUIRE_2FA = required
    client.force_login(candidate)

    response = client.get("/staff-only/")

    assert response.status_code == 404


def test_staff_page_lets_staff_in_when_2fa_is_not_required(client, settings, recruiter):
    settings.STAFF_REQUIRE_2FA = False
    client.force_login(recruiter)

    response = client.get("/staff-only/")

    assert response.status_code == 200
    assert response.content == b"A staff page"


def test_staff_page_sends_staff_without_an_authenticator_app_to_set_one_up(client, require_2fa, hiring_manager):
    client.force_login(hiring_manager)

    response = client.get("/staff-only/?vacancy=7")

    assert response.status_code == 302
    assert response["Location"] == SETUP_URL


def test_staff_page_tells_staff_why_they_must_set_up_2fa(client, require_2fa, frozen_time, recruiter):
    with_confirmed_email(recruiter)
    sign_in(client, recruiter.email)

    response = client.get("/staff-only/?vacancy=7", follow=True)

    page = Tags(response.content.decode())
    # Adding an authenticator app asks for the password again first (allauth).
    assert response.redirect_chain == [(SETUP_URL, 302), (REAUTHENTICATE_URL, 302)]
    assert page.text("h1") == ["Confirm it is you"]
    assert (
        "Your trust requires two-factor authentication for staff pages. Set it up to continue."
        in response.content.decode()
    )


def confirm_password_and_open_setup(client, user):
    """Sign in, ask for the staff page, confirm the password: the set-up page."""
    with_confirmed_email(user)
    sign_in(client, user.email)
    client.get("/staff-only/?vacancy=7")
    confirmed = client.post(REAUTHENTICATE_URL, {"password": DEMO_PASSWORD})
    assert confirmed["Location"] == SETUP_URL
    return client.get(SETUP_URL)


# Real commits: allauth sends its notice and message on commit, inside the request.
@pytest.mark.django_db(transaction=True)
def test_staff_member_who_sets_up_2fa_goes_on_to_the_page_they_asked_for(client, require_2fa, frozen_time, recruiter):
    setup_page = confirm_password_and_open_setup(client, recruiter)
    secret = setup_page.context["form"].secret

    response = client.post(SETUP_URL, {"code": totp_code(secret), "next": "/staff-only/?vacancy=7"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/recovery-codes/?next=%2Fstaff-only%2F%3Fvacancy%3D7"
    codes_page = client.get(response["Location"])
    assert "Two-factor authentication is now on" in codes_page.content.decode()
    continue_links = Tags(codes_page.content.decode()).all("a", role="button", href="/staff-only/?vacancy=7")
    assert [link["class"] for link in continue_links] == ["nhsuk-button"]
    assert client.get("/staff-only/?vacancy=7").content == b"A staff page"
    assert set(Authenticator.objects.filter(user=recruiter).values_list("type", flat=True)) == {
        Authenticator.Type.TOTP,
        Authenticator.Type.RECOVERY_CODES,
    }
    assert [message.subject for message in mail.outbox] == ["Recruitment: Two-factor authentication is on"]


def test_staff_member_who_types_a_wrong_code_at_set_up_stays_on_the_page(client, require_2fa, frozen_time, recruiter):
    confirm_password_and_open_setup(client, recruiter)

    response = client.post(SETUP_URL, {"code": "000000", "next": "/staff-only/?vacancy=7"})

    assert response.status_code == 200
    assert '<a href="#id_code">The code is not correct. Check it and try again.</a>' in response.content.decode()
    assert not Authenticator.objects.exists()


def test_staff_member_with_2fa_enters_a_code_after_the_password(client, require_2fa, frozen_time, recruiter):
    with_confirmed_email(recruiter)
    secret = generate_totp_secret()
    TOTP.activate(recruiter, secret)

    after_password = sign_in(client, recruiter.email, next_url="/staff-only/")
    wrong_code = client.post(after_password["Location"], {"code": "123456"})
    right_code = client.post(after_password["Location"], {"code": totp_code(secret)})

    assert after_password["Location"] == reverse("mfa_authenticate")
    assert wrong_code.status_code == 200
    assert "The code is not correct. Check it and try again." in wrong_code.content.decode()
    assert right_code.status_code == 302
    assert right_code["Location"] == "/staff-only/"
    assert client.get("/staff-only/").content == b"A staff page"


def test_staff_member_with_2fa_is_not_signed_in_by_the_password_alone(client, require_2fa, frozen_time, recruiter):
    with_confirmed_email(recruiter)
    TOTP.activate(recruiter, generate_totp_secret())

    sign_in(client, recruiter.email, next_url="/staff-only/")
    response = client.get("/staff-only/")

    assert client.session.get("_auth_user_id") is None
    assert response["Location"] == "/accounts/login/?next=/staff-only/"


def test_candidate_is_never_asked_for_2fa(client, require_2fa, candidate):
    with_confirmed_email(candidate)

    response = sign_in(client, candidate.email)

    assert response["Location"] == "/"
    assert client.session.get("_auth_user_id") == str(candidate.pk)
