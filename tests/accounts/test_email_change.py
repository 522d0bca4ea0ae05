"""Changing the email address: the new address is confirmed by a link before
it replaces the old one."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory

from .support import link_in, with_confirmed_email

pytestmark = pytest.mark.django_db


def ask_to_change(client, email):
    return client.post(reverse("account_email"), {"email": email, "action_add": ""})


def addresses(user):
    return list(EmailAddress.objects.filter(user=user).order_by("pk").values_list("email", "primary", "verified"))


def test_email_change_sends_a_link_to_the_new_address_and_keeps_the_old_one(client, candidate):
    old_email = candidate.email
    with_confirmed_email(candidate)
    client.force_login(candidate)

    response = ask_to_change(client, "Cara.New@Example.org")

    assert response.status_code == 302
    assert addresses(candidate) == [(old_email, True, True), ("cara.new@example.org", False, False)]
    assert User.objects.get(pk=candidate.pk).email == old_email
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["cara.new@example.org"]
    assert mail.outbox[0].subject == "Recruitment: Confirm your email address"


def test_email_change_link_replaces_the_old_address(client, candidate):
    with_confirmed_email(candidate)
    client.force_login(candidate)
    ask_to_change(client, "cara.new@example.org")
    link = link_in(mail.outbox[0])

    client.post(link)

    assert addresses(candidate) == [("cara.new@example.org", True, True)]
    assert User.objects.get(pk=candidate.pk).email == "cara.new@example.org"


def test_email_change_to_an_address_another_account_uses_changes_nothing(client, candidate):
    other = with_confirmed_email(UserFactory(email="taken@example.org"))
    with_confirmed_email(candidate)
    client.force_login(candidate)
    # Said and sent as for any address, so nobody learns who has an account.
    ask_to_change(client, "taken@example.org")
    link = link_in(mail.outbox[0])

    page = client.get(link)
    client.post(link)

    assert "Another account already uses taken@example.org." in page.content.decode()
    assert User.objects.get(pk=candidate.pk).email != "taken@example.org"
    assert addresses(other) == [("taken@example.org", True, True)]


def test_email_change_to_the_same_address_says_so(client, candidate):
    with_confirmed_email(candidate)
    client.force_login(candidate)

    response = ask_to_change(client, candidate.email)

    assert response.status_code == 200
    assert "#id_email" in response.content.decode()
    assert mail.outbox == []
