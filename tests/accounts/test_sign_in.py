"""Signing in and out with an email address and password (django-allauth)."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import DEMO_PASSWORD, UserFactory
from tests.test_layout import Tags

from .support import sign_in, with_confirmed_email

pytestmark = pytest.mark.django_db


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_sign_in_accepts_the_email_address_in_any_case(client):
    candidate = with_confirmed_email(UserFactory(email="cara.candidate@example.org"))

    response = sign_in(client, "  Cara.CANDIDATE@Example.org ")

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_user_id(client) == str(candidate.pk)


def test_sign_in_sends_a_candidate_to_the_home_page(client, candidate):
    with_confirmed_email(candidate)

    response = sign_in(client, candidate.email)

    assert response["Location"] == "/"
    assert signed_in_user_id(client) == str(candidate.pk)


@pytest.mark.parametrize("staff", ["recruiter", "hiring_manager", "other_recruiter"])
def test_sign_in_sends_staff_to_the_staff_pages(client, request, staff):
    user = with_confirmed_email(request.getfixturevalue(staff))

    response = sign_in(client, user.email)

    assert response["Location"] == "/manage/"
    assert signed_in_user_id(client) == str(user.pk)


def test_sign_in_goes_to_the_page_asked_for(client, recruiter):
    with_confirmed_email(recruiter)

    response = sign_in(client, recruiter.email, next_url="/accounts/password/change/")

    assert response["Location"] == "/accounts/password/change/"


def test_sign_in_ignores_a_page_on_another_site(client, candidate):
    with_confirmed_email(candidate)

    response = sign_in(client, candidate.email, next_url="https://evil.example.com/")

    assert response["Location"] == "/"


def test_sign_in_with_wrong_password_shows_the_error_summary_and_keeps_the_email(client, candidate):
    with_confirmed_email(candidate)

    response = sign_in(client, candidate.email, password="not-my-password")

    page = Tags(response.content.decode())
    assert response.status_code == 200
    assert signed_in_user_id(client) is None
    assert page.text("title") == ["Error: Sign in – Recruitment"]
    summary = response.content.decode().split('class="nhsuk-error-summary"')[1].split("</ul>")[0]
    assert "There is a problem" in summary
    assert '<a href="#id_login">Your email address or password is not correct</a>' in summary
    assert page.all("span", class_="nhsuk-error-message", id="id_login_error")
    assert page.all("input", id="id_login")[0]["value"] == candidate.email
    assert "value" not in page.all("input", id="id_password")[0]


def test_sign_in_with_nothing_entered_links_each_error_to_its_field(client):
    response = client.post(reverse("account_login"), {"login": "", "password": ""})

    html = response.content.decode()
    page = Tags(html)
    assert response.status_code == 200
    assert [(link["href"]) for link in page.all("a") if link.get("href", "").startswith("#id_")] == [
        "#id_login",
        "#id_password",
    ]
    assert '<a href="#id_login">Enter your email address</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html
    assert page.all("span", class_="nhsuk-error-message", id="id_login_error")
    assert page.all("input", id="id_login")[0]["aria-describedby"] == "id_login_error"
    assert page.all("div", class_="nhsuk-form-group nhsuk-form-group--error")


def test_sign_in_sixth_failed_attempt_is_refused_even_with_the_right_password(client, candidate):
    with_confirmed_email(candidate)
    for _ in range(5):
        wrong = sign_in(client, candidate.email, password="not-my-password")
        assert "Your email address or password is not correct" in wrong.content.decode()

    response = sign_in(client, candidate.email, password=DEMO_PASSWORD)

    assert response.status_code == 200
    assert signed_in_user_id(client) is None
    assert (
        "You have tried to sign in too many times. Wait 5 minutes and try again, or reset your password."
        in response.content.decode()
    )


def test_sign_in_fifth_failed_attempt_still_lets_the_right_password_in(client, candidate):
    with_confirmed_email(candidate)
    for _ in range(4):
        sign_in(client, candidate.email, password="not-my-password")

    response = sign_in(client, candidate.email)

    assert response["Location"] == "/"
    assert signed_in_user_id(client) == str(candidate.pk)


def test_sign_in_with_an_unconfirmed_address_sends_a_link_instead(client):
    # Staff accounts made in the Django admin have no confirmed address yet.
    user = UserFactory(email="new.starter@example.org")

    response = sign_in(client, "new.starter@example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert signed_in_user_id(client) is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.starter@example.org"]
    assert mail.outbox[0].subject == "Recruitment: Confirm your email address"
    assert user.emailaddress_set.get().verified is False


def test_sign_out_asks_to_confirm_first(client, candidate):
    client.force_login(candidate)

    response = client.get(reverse("account_logout"))

    page = Tags(response.content.decode())
    assert response.status_code == 200
    assert page.text("h1") == ["Sign out"]
    assert page.all("form", method="post", action="/accounts/logout/")
    assert signed_in_user_id(client) == str(candidate.pk)


def test_sign_out_by_post_signs_out(client, candidate):
    client.force_login(candidate)

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_user_id(client) is None


def test_sign_in_to_the_django_admin_goes_through_the_service_sign_in_page(client):
    support = with_confirmed_email(UserFactory(email="support@example.org", is_staff=True, is_superuser=True))

    to_sign_in = client.get("/admin/login/?next=/admin/")
    signed_in = sign_in(client, support.email, next_url="/admin/login/?next=/admin/")
    admin_login = client.get(signed_in["Location"])

    assert to_sign_in["Location"] == "/accounts/login/?next=/admin/login/%3Fnext%3D/admin/"
    assert signed_in["Location"] == "/admin/login/?next=/admin/"
    assert admin_login["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
