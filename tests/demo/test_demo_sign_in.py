"""The demo users that seed_demo makes can sign in on the real sign-in page."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from demo.management.commands.seed_demo import DEFAULT_PASSWORD
from tests.accounts.support import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True  # seed_demo refuses to run without it
    call_command("seed_demo", stdout=StringIO())


def test_demo_users_have_confirmed_addresses_however_often_seed_demo_runs(seeded):
    call_command("seed_demo", stdout=StringIO())

    assert sorted(EmailAddress.objects.values_list("email", "primary", "verified")) == [
        ("admin@example.org", True, True),
        ("approver@example.org", True, True),
        ("candidate@example.org", True, True),
        ("hiring.manager@example.org", True, True),
        ("lgt.recruiter@example.org", True, True),
        ("panel.member@example.org", True, True),
        ("recruiter@example.org", True, True),
    ]


@pytest.mark.parametrize(
    ("email", "lands_on"),
    [("recruiter@example.org", "/manage/"), ("panel.member@example.org", "/manage/"), ("candidate@example.org", "/")],
)
def test_demo_user_signs_in_with_the_demo_password(client, seeded, email, lands_on):
    response = sign_in(client, email, password=DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == lands_on
