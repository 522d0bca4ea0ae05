"""Links that leave the page (allauth's e-mails, the sitemap, robots.txt, the
advert's JSON-LD and canonical link) are always on SITE_URL, the service's
public address, never on the Host header a request happened to carry."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.accounts.support import with_confirmed_email
from tests.factories import DEMO_PASSWORD, OrganisationFactory, UserFactory, VacancyFactory

pytestmark = pytest.mark.django_db

SITE = "https://jobs.example.org"
# A name the server also answers to (ALLOWED_HOSTS), that must never reach a link.
OTHER_HOST = "internal.example.net"
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
LINK = re.compile(r"https?://\S+")


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]


@pytest.fixture
def client(client):
    client.defaults["HTTP_HOST"] = OTHER_HOST
    return client


def links_in(message):
    return LINK.findall(message.body)


# allauth's e-mails ----------------------------------------------------------


def test_sign_up_email_links_to_the_site_url(client):
    client.post(
        reverse("account_signup"),
        {"email": "new.candidate@example.org", "password1": DEMO_PASSWORD, "password2": DEMO_PASSWORD},
    )

    (message,) = mail.outbox
    (link,) = links_in(message)
    assert re.fullmatch(rf"{re.escape(SITE)}/accounts/confirm-email/[\w:-]+/", link)
    # The link still works: it confirms the address.
    client.post(link.removeprefix(SITE))
    assert EmailAddress.objects.get(email="new.candidate@example.org").verified


def test_sign_up_with_a_taken_address_emails_a_reset_link_on_the_site_url(client):
    with_confirmed_email(UserFactory(email="cara@example.org"))

    client.post(
        reverse("account_signup"), {"email": "cara@example.org", "password1": DEMO_PASSWORD, "password2": DEMO_PASSWORD}
    )

    (message,) = mail.outbox
    assert message.subject == "Recruitment: You already have an account"
    assert links_in(message) == [f"{SITE}/accounts/password/reset/"]


def test_password_reset_email_links_to_the_site_url(client, candidate):
    with_confirmed_email(candidate)

    client.post(reverse("account_reset_password"), {"email": candidate.email})

    (message,) = mail.outbox
    (link,) = links_in(message)
    assert link.startswith(f"{SITE}/accounts/password/reset/key/")
    # The link still works: it leads to the page where the new password is set.
    assert client.get(link.removeprefix(SITE))["Location"].startswith("/accounts/password/reset/key/")


def test_no_account_email_links_to_sign_up_on_the_site_url(client):
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    (message,) = mail.outbox
    assert message.to == ["nobody@example.org"]
    assert message.subject == "Recruitment: There is no account with this email address"
    assert links_in(message) == [f"{SITE}/accounts/signup/"]


def test_password_changed_notification_links_to_reset_on_the_site_url(client, candidate):
    with_confirmed_email(candidate)
    client.force_login(candidate)

    client.post(
        reverse("account_change_password"),
        {"oldpassword": DEMO_PASSWORD, "password1": "a-brand-new-password-2026", "password2": "a-brand-new-password-2026"},
    )

    (message,) = mail.outbox
    assert message.subject == "Recruitment: Your password has changed"
    assert links_in(message) == [f"{SITE}/accounts/password/reset/"]


# sitemap.xml and robots.txt -------------------------------------------------


def locations(response, tag):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)
    return [entry.findtext("sm:loc", namespaces=SITEMAP) for entry in root.findall(f"sm:{tag}", SITEMAP)]


def test_sitemap_index_lists_sections_on_the_site_url(client):
    assert locations(client.get("/sitemap.xml"), "sitemap") == [
        f"{SITE}/sitemap-pages.xml",
        f"{SITE}/sitemap-vacancies.xml",
    ]


def test_sitemap_lists_vacancies_on_the_site_url(client):
    vacancy = VacancyFactory()

    assert locations(client.get("/sitemap-vacancies.xml"), "url") == [f"{SITE}/jobs/{vacancy.reference}/"]


def test_pages_sitemap_lists_the_static_pages_on_the_site_url(client):
    assert locations(client.get("/sitemap-pages.xml"), "url") == [
        f"{SITE}/",
        f"{SITE}/jobs/",
        f"{SITE}/accessibility-statement/",
        f"{SITE}/privacy/",
        f"{SITE}/contact/",
    ]


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_private_pages(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\n"
        "Disallow: /manage/\n"
        "Disallow: /applications/\n"
        "Disallow: /accounts/\n"
        "Disallow: /admin/\n"
        "\n"
        f"Sitemap: {SITE}/sitemap.xml\n"
    )


# The advert ---------------------------------------------------------------------


def test_advert_json_ld_url_is_on_the_site_url(client):
    vacancy = VacancyFactory()

    html = client.get(vacancy.get_absolute_url()).content.decode()

    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1))
    assert data["url"] == f"{SITE}/jobs/{vacancy.reference}/"


def test_advert_has_a_canonical_link_and_a_meta_description(client):
    trust = OrganisationFactory(name="Worcestershire Acute Hospitals NHS Trust")
    vacancy = VacancyFactory(
        organisation=trust,
        title="Staff Nurse",
        job_summary="Join our friendly ward team.\n\n* Caring for adults\n* Teaching students",
    )

    html = client.get(vacancy.get_absolute_url()).content.decode()

    assert f'<link rel="canonical" href="{SITE}/jobs/{vacancy.reference}/">' in html
    assert (
        '<meta name="description" content="Staff Nurse at Worcestershire Acute Hospitals NHS Trust. '
        'Join our friendly ward team. Caring for adults. Teaching students.">'
    ) in html


def test_advert_links_its_trusts_job_feed(client):
    trust = OrganisationFactory(name="Worcestershire Acute Hospitals NHS Trust", ods_code="RWP")
    vacancy = VacancyFactory(organisation=trust)

    html = client.get(vacancy.get_absolute_url()).content.decode()

    assert (
        '<link rel="alternate" type="application/atom+xml" href="/trusts/RWP/jobs/feed/" '
        'title="New jobs at Worcestershire Acute Hospitals NHS Trust">'
    ) in html
    assert '<a href="/trusts/RWP/jobs/feed/">Get new jobs at Worcestershire Acute Hospitals NHS Trust as a feed</a>' in html
