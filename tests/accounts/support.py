"""Helpers for tests that sign in through django-allauth's pages."""

import re
import time

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from tests.factories import DEMO_PASSWORD

LINK = re.compile(r"https?://\S+")


def with_confirmed_email(user):
    """What a person who confirmed their address has: allauth's verified,
    primary EmailAddress row. Signing in needs it (mandatory verification)."""
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"primary": True, "verified": True})
    return user


def sign_in(client, email, password=DEMO_PASSWORD, next_url=None):
    data = {"login": email, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("account_login"), data)


def totp_code(secret, at=None):
    """The code an authenticator app shows for `secret` at the time `at` (now)."""
    counter = int(at if at is not None else time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def link_in(message):
    """The one link in an e-mail's text."""
    links = LINK.findall(message.body)
    assert len(links) == 1, links
    return links[0]
