"""Creating a candidate account: the address is confirmed by a link before the
account can be used."""

import datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import DEMO_PASSWORD
from tests.test_layout import Tags

from .support import link_in, sign_in, with_confirmed_email

pytestmark = pytest.mark.django_db


def sign_up(client, email, password=DEMO_PASSWORD, password2=None):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": password, "password2": password if password2 is None else password2},
    )


def test_sign_up_creates_the_account_and_sends_a_confirmation_link(client):
    response = sign_up(client, "New.Candidate@Example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get()
    assert user.email == "new.candidate@example.org"
    assert user.check_password(DEMO_PASSWORD)
    assert list(EmailAddress.objects.values_list("email", "primary", "verified")) == [
        ("new.candidate@example.org", True, False)
    ]
    assert client.session.get("_auth_user_id") is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.candidate@example.org"]
    assert mail.outbox[0].subject == "Recruitment: Confirm your email address"
    assert "Select this link to confirm that this is your email address for Recruitment:" in mail.outbox[0].body
    assert link_in(mail.outbox[0]).startswith(settings.SITE_URL + "/accounts/confirm-email/")


def test_sign_up_confirmation_link_confirms_the_address_and_signs_in(client):
    sign_up(client, "new.candidate@example.org")
    link = link_in(mail.outbox[0])

    page = client.get(link)
    response = client.post(link)

    user = User.objects.get()
    assert Tags(page.content.decode()).text("h1") == ["Confirm your email address"]
    assert "Confirm that new.candidate@example.org is your email address." in page.content.decode()
    assert EmailAddress.objects.get().verified is True
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session.get("_auth_user_id") == str(user.pk)


def test_sign_up_then_sign_in_before_confirming_sends_another_link(client):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False) as traveller:
        sign_up(client, "new.candidate@example.org")
        # One link per address every 3 minutes, so nobody can flood an inbox.
        traveller.shift(datetime.timedelta(minutes=3, seconds=1))

        response = sign_in(client, "new.candidate@example.org")

    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.session.get("_auth_user_id") is None
    assert [message.to for message in mail.outbox] == [["new.candidate@example.org"]] * 2


def test_sign_up_then_sign_in_at_once_sends_no_second_link(client):
    sign_up(client, "new.candidate@example.org")

    response = sign_in(client, "new.candidate@example.org")

    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1


def test_sign_up_confirmation_link_that_is_wrong_says_it_does_not_work(client):
    response = client.get(reverse("account_confirm_email", args=["not-a-real-key"]))

    assert response.status_code == 200
    assert Tags(response.content.decode()).text("h1") == ["This link does not work"]


def test_sign_up_with_a_short_password_shows_the_error_and_creates_nothing(client):
    response = sign_up(client, "new.candidate@example.org", password="short")

    html = response.content.decode()
    assert response.status_code == 200
    assert not User.objects.exists()
    assert mail.outbox == []
    assert '<a href="#id_password1">This password is too short. It must contain at least 10 characters.</a>' in html
    assert Tags(html).all("input", id="id_email")[0]["value"] == "new.candidate@example.org"


def test_sign_up_with_an_address_that_has_an_account_tells_its_owner_only(client, candidate):
    with_confirmed_email(candidate)

    response = sign_up(client, candidate.email.upper())

    # The page says the same as for a new address, so nobody can find out who has an account.
    assert response["Location"] == reverse("account_email_verification_sent")
    assert list(User.objects.all()) == [candidate]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [candidate.email]
    assert mail.outbox[0].subject == "Recruitment: You already have an account"


def test_sign_up_with_passwords_that_differ_says_so_at_the_second(client):
    response = sign_up(client, "new.candidate@example.org", password=DEMO_PASSWORD, password2="another-long-password")

    assert '<a href="#id_password2">You must type the same password each time.</a>' in response.content.decode()
    assert not User.objects.exists()
