"""Issue 17: saving a search as an alert (candidate in one step, visitor by
double opt-in), managing alerts, and unsubscribing without signing in."""

import re

import pytest
from django.test import Client

from accounts.models import OutgoingEmail
from alerts import services
from alerts.models import JobAlert

from .factories import JobAlertFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.SITE_URL = "http://testserver"
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"


def test_search_results_link_to_an_alert_for_the_same_search(client):
    html = client.get("/jobs/?keywords=nurse&band=5").content.decode()

    assert 'href="/alerts/new/?keywords=nurse&amp;band=5"' in html
    assert "Get job alerts for this search" in html


def test_candidate_saves_a_search_in_one_step(client, candidate):
    client.force_login(candidate)

    response = client.post("/alerts/new/?keywords=nurse&location=Leeds&band=5&page=3&sort=salary", {"frequency": "weekly"})

    alert = JobAlert.objects.get()
    assert response.headers["Location"] == "/alerts/"
    assert (alert.user, alert.email, alert.name, alert.query, alert.frequency) == (
        candidate, "", "nurse in Leeds", "keywords=nurse&location=Leeds&band=5", "weekly",
    )
    assert alert.confirmed_at is not None
    assert alert.next_run_at == alert.last_run_at + (alert.period)
    assert OutgoingEmail.objects.count() == 0


def test_candidate_saving_the_same_search_twice_keeps_one_alert(client, candidate):
    client.force_login(candidate)
    client.post("/alerts/new/?keywords=nurse", {"frequency": "daily"})

    response = client.post("/alerts/new/?keywords=nurse", {"frequency": "weekly"}, follow=True)

    assert list(JobAlert.objects.values_list("frequency", flat=True)) == ["daily"]
    assert "You already have an alert for this search." in response.content.decode()


def test_alert_form_without_a_frequency_says_so_next_to_the_field(client, candidate):
    client.force_login(candidate)

    response = client.post("/alerts/new/?keywords=nurse", {})

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert html.count("Select how often you want to get emails") == 2  # summary and field
    assert JobAlert.objects.count() == 0


def test_visitor_saving_the_same_search_twice_is_told_nothing_new(client):
    client.post("/alerts/new/?keywords=nurse", {"email": "cara@example.org", "frequency": "daily"})

    response = client.post("/alerts/new/?keywords=nurse", {"email": "cara@example.org", "frequency": "weekly"})

    assert response.headers["Location"] == "/alerts/check-your-email/"
    assert list(JobAlert.objects.values_list("frequency", flat=True)) == ["daily"]
    assert OutgoingEmail.objects.count() == 1


def test_visitor_alerts_for_one_address_are_limited_so_the_form_cannot_send_mail_to_anyone(client):
    for keywords in ["nurse", "midwife", "porter"]:
        response = client.post(f"/alerts/new/?keywords={keywords}", {"email": "cara@example.org", "frequency": "daily"})
        assert response.status_code == 302

    response = client.post("/alerts/new/?keywords=doctor", {"email": "cara@example.org", "frequency": "daily"})

    assert response.status_code == 429
    assert JobAlert.objects.count() == 3
    assert OutgoingEmail.objects.count() == 3
    # Another address from the same place is still served.
    other = client.post("/alerts/new/?keywords=doctor", {"email": "colin@example.org", "frequency": "daily"})
    assert other.status_code == 302


def test_visitor_with_a_bad_address_keeps_what_they_typed(client):
    response = client.post("/alerts/new/?keywords=nurse", {"email": "cara.example.org", "frequency": "daily"})

    html = response.content.decode()
    assert "Enter an email address in the correct format, like name@example.com" in html
    assert 'value="cara.example.org"' in html
    assert re.search(r'value="daily"[^>]*checked', html)
    assert JobAlert.objects.count() == 0


def confirm_link(email):
    return re.search(r"http://testserver(/alerts/confirm/[^/\s]+/)", email.body).group(1)


def test_visitor_confirms_their_address_before_anything_is_sent(client):
    response = client.post("/alerts/new/?keywords=nurse", {"email": " Cara@Example.org ", "frequency": "daily"})

    alert = JobAlert.objects.get()
    assert response.headers["Location"] == "/alerts/check-your-email/"
    assert (alert.user, alert.email, alert.confirmed_at, alert.next_run_at) == (None, "cara@example.org", None, None)
    email = OutgoingEmail.objects.get()
    assert (email.to, email.subject) == (["cara@example.org"], "Confirm your NHS job alert")

    link = confirm_link(email)
    page = client.get(link)
    assert "Confirm job alert" in page.content.decode()
    alert.refresh_from_db()
    assert alert.confirmed_at is None  # a mail scanner following the link confirms nothing

    client.post(link)

    alert.refresh_from_db()
    assert alert.confirmed_at is not None
    assert alert.next_run_at == alert.confirmed_at + alert.period


def test_confirm_link_with_a_changed_token_is_refused(client):
    client.post("/alerts/new/?keywords=nurse", {"email": "cara@example.org", "frequency": "daily"})
    link = confirm_link(OutgoingEmail.objects.get())

    response = client.post(link[:-3] + "x/")

    assert response.status_code == 404
    assert JobAlert.objects.get().confirmed_at is None


def test_unsubscribe_works_once_without_signing_in_or_csrf(db):
    alert = JobAlertFactory(name="nurse")
    other = JobAlertFactory()
    url = f"/alerts/unsubscribe/{services.unsubscribe_token(alert)}/"
    mail_client = Client(enforce_csrf_checks=True)

    page = mail_client.get(url)
    assert "Unsubscribe from this job alert" in page.content.decode()
    assert JobAlert.objects.filter(pk=alert.pk).exists()

    first = mail_client.post(url, {"List-Unsubscribe": "One-Click"})
    second = mail_client.post(url, {"List-Unsubscribe": "One-Click"})

    assert "We will not email you new jobs for <strong>nurse</strong> again." in first.content.decode()
    assert "This job alert has already been removed." in second.content.decode()
    assert list(JobAlert.objects.values_list("pk", flat=True)) == [other.pk]


def test_unsubscribe_with_a_changed_token_is_refused(client):
    alert = JobAlertFactory()
    token = services.unsubscribe_token(alert)
    forged = services.unsubscribe_token(JobAlertFactory()).split(":")[0] + ":" + token.split(":", 1)[1]

    for bad in [token[:-2] + "xx", forged, "123"]:
        response = client.post(f"/alerts/unsubscribe/{bad}/")
        assert response.status_code == 404

    assert JobAlert.objects.count() == 2


def test_candidate_sees_only_their_own_alerts(client, candidate, other_candidate):
    JobAlertFactory(user=candidate, name="Staff nurse in Leeds")
    JobAlertFactory(user=other_candidate, name="Porter in York")
    client.force_login(candidate)

    html = client.get("/alerts/").content.decode()

    assert "Staff nurse in Leeds" in html
    assert "Porter in York" not in html


def test_alert_list_needs_signing_in(client):
    response = client.get("/alerts/")

    assert response.headers["Location"].startswith("/accounts/login/")


def test_candidate_renames_and_changes_an_alert(client, candidate):
    alert = JobAlertFactory(user=candidate, name="nurse")
    client.force_login(candidate)

    response = client.post(f"/alerts/{alert.pk}/change/", {"name": "  Nursing   jobs ", "frequency": "weekly"})

    assert response.headers["Location"] == "/alerts/"
    alert.refresh_from_db()
    assert (alert.name, alert.frequency) == ("Nursing jobs", "weekly")
    assert alert.next_run_at == alert.last_run_at + alert.period


def test_changing_an_alert_without_a_name_says_so_and_keeps_the_rest(client, candidate):
    alert = JobAlertFactory(user=candidate, name="nurse")
    client.force_login(candidate)

    response = client.post(f"/alerts/{alert.pk}/change/", {"name": " ", "frequency": "weekly"})

    html = response.content.decode()
    assert html.count("Enter a name for the alert") == 2
    assert re.search(r'value="weekly"[^>]*checked', html)
    alert.refresh_from_db()
    assert (alert.name, alert.frequency) == ("nurse", "daily")


def test_candidate_deletes_an_alert(client, candidate):
    alert = JobAlertFactory(user=candidate)
    client.force_login(candidate)

    client.post(f"/alerts/{alert.pk}/delete/")

    assert not JobAlert.objects.exists()


@pytest.mark.parametrize("url", ["/alerts/{pk}/change/", "/alerts/{pk}/delete/"])
def test_another_persons_alert_is_not_found(client, candidate, other_candidate, recruiter, url):
    alert = JobAlertFactory(user=other_candidate, name="nurse")
    visitor_alert = JobAlertFactory(user=None, email=candidate.email)

    for user in [candidate, recruiter]:
        client.force_login(user)
        for pk in [alert.pk, visitor_alert.pk]:
            assert client.get(url.format(pk=pk)).status_code == 404
            assert client.post(url.format(pk=pk), {"name": "mine", "frequency": "weekly"}).status_code == 404

    alert.refresh_from_db()
    assert (alert.name, JobAlert.objects.count()) == ("nurse", 2)


@pytest.mark.parametrize("count", [2, 40])
def test_alert_list_runs_a_fixed_number_of_queries(client, candidate, count, django_assert_max_num_queries):
    for number in range(count):
        JobAlertFactory(user=candidate, name=f"alert {number}", query=f"keywords=nurse{number}")
    client.force_login(candidate)

    with django_assert_max_num_queries(6):
        response = client.get("/alerts/")

    assert len(response.context["alerts"]) == count
