"""Resetting a forgotten password by a link sent by email."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.test_layout import Tags

from .support import link_in, sign_in, with_confirmed_email

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-password-2026"


def ask_for_reset(client, email):
    return client.post(reverse("account_reset_password"), {"email": email})


def set_new_password(client, link, password=NEW_PASSWORD):
    # The link leads to a page at another address (the key is kept in the
    # session, out of the address bar), where the new password is typed.
    form_page = client.get(link)
    assert form_page.status_code == 302
    return client.post(form_page["Location"], {"password1": password, "password2": password})


def test_password_reset_sends_a_link_to_the_address(client, candidate):
    with_confirmed_email(candidate)

    response = ask_for_reset(client, candidate.email.upper())

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [candidate.email]
    assert mail.outbox[0].subject == "Recruitment: Reset your password"
    assert link_in(mail.outbox[0]).startswith(settings.SITE_URL + "/accounts/password/reset/key/")


def test_password_reset_link_sets_the_new_password(client, candidate):
    with_confirmed_email(candidate)
    ask_for_reset(client, candidate.email)

    response = set_new_password(client, link_in(mail.outbox[0]))

    candidate.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_from_key_done")
    assert candidate.check_password(NEW_PASSWORD)
    assert sign_in(client, candidate.email, password=NEW_PASSWORD)["Location"] == "/"


def test_password_reset_link_works_only_once(client, candidate):
    with_confirmed_email(candidate)
    ask_for_reset(client, candidate.email)
    link = link_in(mail.outbox[0])
    set_new_password(client, link)

    response = client.get(link, follow=True)

    assert Tags(response.content.decode()).text("h1") == ["This link does not work"]


def test_password_reset_for_an_unknown_address_says_the_same_and_emails_that_address(client):
    response = ask_for_reset(client, "nobody@example.org")

    assert response["Location"] == reverse("account_reset_password_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nobody@example.org"]
    assert mail.outbox[0].subject == "Recruitment: There is no account with this email address"
    assert "reset" not in link_in(mail.outbox[0])


def test_password_reset_with_new_passwords_that_differ_keeps_the_old_one(client, candidate):
    with_confirmed_email(candidate)
    ask_for_reset(client, candidate.email)
    form_url = client.get(link_in(mail.outbox[0]))["Location"]

    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": "something-else-entirely"})

    candidate.refresh_from_db()
    assert response.status_code == 200
    assert '<a href="#id_password2">You must type the same password each time.</a>' in response.content.decode()
    assert not candidate.check_password(NEW_PASSWORD)


def test_too_many_reset_requests_for_one_address_get_the_styled_too_many_attempts_page(client, candidate):
    for _ in range(5):
        assert ask_for_reset(client, candidate.email).status_code == 302

    response = ask_for_reset(client, candidate.email)

    assert response.status_code == 429
    html = response.content.decode()
    assert "<h1>Too many attempts</h1>" in html
    assert 'class="nhsuk-header' in html
    assert len(mail.outbox) == 5
