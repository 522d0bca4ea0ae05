"""Issue 17: a due alert e-mails the vacancies published since its last run
that its search matches on /jobs/, once per period, or nothing."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import OutgoingEmail
from accounts.services import delete_account
from alerts import services
from alerts.models import JobAlert
from tests.factories import VacancyFactory

from .factories import JobAlertFactory

pytestmark = pytest.mark.django_db

UNSUBSCRIBE_PREFIX = "http://testserver/alerts/unsubscribe/"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "http://testserver"
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"


def new_vacancy(**fields):
    now = timezone.now()
    fields.setdefault("published_at", now - datetime.timedelta(hours=2))
    fields.setdefault("date_posted", timezone.localdate(fields["published_at"]))
    return VacancyFactory(**fields)


def test_alert_matches_exactly_what_the_jobs_page_shows(client, trust_a):
    query = "keywords=nurse&band=5&working_pattern=part_time"
    shown = [
        new_vacancy(organisation=trust_a, title="Staff Nurse", band="5", part_time=True),
        new_vacancy(organisation=trust_a, title="Community Nurse", band="5", full_time=False, part_time=True),
    ]
    new_vacancy(organisation=trust_a, title="Staff Nurse", band="6", part_time=True)  # another band
    new_vacancy(organisation=trust_a, title="Staff Nurse", band="5", part_time=False)  # full time only
    new_vacancy(organisation=trust_a, title="Porter", band="5", part_time=True)  # other words
    alert = JobAlertFactory(query=query)
    now = timezone.now()

    page = client.get(f"/jobs/?{query}").context["page"]
    matched = services.new_vacancies(alert, since=now - datetime.timedelta(days=1), until=now)

    assert sorted(v.reference for v in matched) == sorted(v.reference for v in page.vacancies)
    assert sorted(v.reference for v in matched) == sorted(v.reference for v in shown)


def test_alert_never_includes_internal_or_restricted_vacancies(trust_a, trust_b):
    restricted = new_vacancy(organisation=trust_a, title="Staff Nurse", advertising_scope="restricted")
    restricted.restricted_to.add(trust_b)
    new_vacancy(organisation=trust_a, title="Staff Nurse", advertising_scope="internal")
    public = new_vacancy(organisation=trust_a, title="Staff Nurse")
    alert = JobAlertFactory()

    assert services.send_alert(alert_id=alert.pk) is True

    email = OutgoingEmail.objects.get()
    assert public.reference in email.body
    assert email.body.count("/jobs/") == 2  # the one public vacancy and the link to all results


def test_alert_sends_the_new_jobs_with_one_click_unsubscribe(trust_a):
    old = new_vacancy(organisation=trust_a, title="Old Nurse", published_at=timezone.now() - datetime.timedelta(days=3))
    vacancy = new_vacancy(organisation=trust_a, title="Staff Nurse", band="5")
    alert = JobAlertFactory(user__email="cara@example.org", name="nurse")
    before = timezone.now()

    assert services.send_alert(alert_id=alert.pk) is True

    email = OutgoingEmail.objects.get()
    assert (email.to, email.subject) == (["cara@example.org"], "New job for your alert: nurse")
    assert "Staff Nurse" in email.body and "Old Nurse" not in email.body and old.reference not in email.body
    assert vacancy.organisation.name in email.body
    assert "Band 5: £31,049 to £37,796 a year" in email.body
    assert f"http://testserver/jobs/{vacancy.reference}/" in email.body
    assert "http://testserver/jobs/?keywords=nurse&sort=newest" in email.body
    assert "http://testserver/alerts/\n" in email.body  # manage alerts
    unsubscribe_url = email.headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe_url.startswith(UNSUBSCRIBE_PREFIX)
    assert unsubscribe_url in email.body
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    alert.refresh_from_db()
    assert alert.last_run_at >= before
    assert alert.next_run_at == alert.last_run_at + datetime.timedelta(days=1)


def test_alert_email_keeps_its_headers_through_the_queue(settings, trust_a):
    from django.core import mail

    from accounts.services import send_outgoing_email

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    new_vacancy(organisation=trust_a, title="Staff Nurse")
    alert = JobAlertFactory()
    services.send_alert(alert_id=alert.pk)

    send_outgoing_email(email_id=OutgoingEmail.objects.get().pk)

    message = mail.outbox[0].message()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].startswith(f"<{UNSUBSCRIBE_PREFIX}")


def test_alert_with_nothing_new_sends_no_email_and_moves_on(trust_a):
    new_vacancy(organisation=trust_a, title="Staff Nurse", published_at=timezone.now() - datetime.timedelta(days=3))
    new_vacancy(organisation=trust_a, title="Porter")
    alert = JobAlertFactory()

    assert services.send_alert(alert_id=alert.pk) is False

    assert OutgoingEmail.objects.count() == 0
    alert.refresh_from_db()
    assert alert.next_run_at > timezone.now()


def test_alert_lists_at_most_20_jobs_and_links_to_the_rest(trust_a):
    for number in range(23):
        new_vacancy(organisation=trust_a, title=f"Staff Nurse {number}")
    alert = JobAlertFactory()

    services.send_alert(alert_id=alert.pk)

    body = OutgoingEmail.objects.get().body
    assert body.count("http://testserver/jobs/C") == 20
    assert "There are more new jobs than we can list here." in body


def test_alert_not_yet_due_sends_nothing(trust_a):
    new_vacancy(organisation=trust_a, title="Staff Nurse")
    alert = JobAlertFactory(next_run_at=timezone.now() + datetime.timedelta(hours=1))

    assert services.send_alert(alert_id=alert.pk) is False
    assert OutgoingEmail.objects.count() == 0


def test_unconfirmed_visitor_alert_sends_nothing(trust_a):
    new_vacancy(organisation=trust_a, title="Staff Nurse")
    alert = JobAlertFactory(user=None, email="visitor@example.org", confirmed_at=None)

    assert services.send_alert(alert_id=alert.pk) is False
    assert services.due_alert_ids(now=timezone.now()) == ([], None)
    assert OutgoingEmail.objects.count() == 0


def test_bounced_alert_sends_nothing_and_is_removed(trust_a):
    new_vacancy(organisation=trust_a, title="Staff Nurse")
    bounced = JobAlertFactory(bounced_at=timezone.now())
    kept = JobAlertFactory()

    assert services.send_alert(alert_id=bounced.pk) is False
    assert services.remove_lapsed_alerts() == 1
    assert list(JobAlert.objects.values_list("pk", flat=True)) == [kept.pk]


def test_unconfirmed_alert_is_removed_after_7_days(db):
    now = timezone.now()
    stale = JobAlertFactory(user=None, email="a@example.org", confirmed_at=None, created_at=now - datetime.timedelta(days=7, minutes=1))
    fresh = JobAlertFactory(user=None, email="b@example.org", confirmed_at=None, created_at=now - datetime.timedelta(days=6))
    confirmed_long_ago = JobAlertFactory(created_at=now - datetime.timedelta(days=30))

    assert services.remove_lapsed_alerts(now=now) == 1

    assert set(JobAlert.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed_long_ago.pk}
    assert not JobAlert.objects.filter(pk=stale.pk).exists()


def test_account_deletion_deletes_its_alerts(candidate):
    JobAlertFactory(user=candidate)
    visitor_alert = JobAlertFactory(user=None, email=candidate.email)

    delete_account(user=candidate)

    assert list(JobAlert.objects.values_list("pk", flat=True)) == [visitor_alert.pk]


def test_due_alert_ids_are_read_in_batches_grouped_by_search(db):
    nurse = [JobAlertFactory(query="keywords=nurse") for _ in range(3)]
    porter = [JobAlertFactory(query="keywords=porter") for _ in range(2)]
    band = JobAlertFactory(query="band=5")
    JobAlertFactory(next_run_at=timezone.now() + datetime.timedelta(days=1))
    now = timezone.now()

    first, after = services.due_alert_ids(now=now, limit=3)
    second, after = services.due_alert_ids(now=now, after=after, limit=3)
    third, end = services.due_alert_ids(now=now, after=after, limit=3)

    assert first == [band.pk] + [alert.pk for alert in nurse[:2]]
    assert second == [nurse[2].pk] + [alert.pk for alert in porter]
    assert (third, end) == ([], None)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_each_alert_once(trust_a):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    new_vacancy(organisation=trust_a, title="Staff Nurse")
    alerts = [JobAlertFactory() for _ in range(10)]
    ids = [alert.pk for alert in alerts]
    barrier = threading.Barrier(2)
    results = []

    def run():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            results.append(sum(services.send_alert(alert_id=alert_id) for alert_id in ids))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(results) == 10
    assert sorted(email.to[0] for email in OutgoingEmail.objects.all()) == sorted(a.user.email for a in alerts)


def test_batch_looks_only_at_each_alerts_own_window(trust_a):
    now = timezone.now()
    new_vacancy(organisation=trust_a, title="Staff Nurse", published_at=now - datetime.timedelta(days=5))
    newer = new_vacancy(organisation=trust_a, title="Ward Nurse", published_at=now - datetime.timedelta(hours=2))
    weekly = JobAlertFactory(user__email="weekly@example.org", frequency="weekly", last_run_at=now - datetime.timedelta(days=7))
    daily = JobAlertFactory(user__email="daily@example.org", last_run_at=now - datetime.timedelta(days=1))
    porter = JobAlertFactory(user__email="porter@example.org", query="keywords=porter")

    assert services.send_alert_batch(alert_ids=[weekly.pk, daily.pk, porter.pk], now=now) == 2

    bodies = {email.to[0]: email.body for email in OutgoingEmail.objects.all()}
    assert set(bodies) == {"weekly@example.org", "daily@example.org"}
    assert bodies["weekly@example.org"].count("http://testserver/jobs/C") == 2
    assert bodies["daily@example.org"].count("http://testserver/jobs/C") == 1
    assert f"/jobs/{newer.reference}/" in bodies["daily@example.org"]
    assert set(JobAlert.objects.values_list("last_run_at", flat=True)) == {now}


def test_a_batch_that_fails_part_way_sends_nothing_and_stays_due(trust_a, monkeypatch):
    new_vacancy(organisation=trust_a, title="Staff Nurse")
    alerts = [JobAlertFactory(query=f"keywords=nurse&band={band}") for band in ("5", "6")]
    before = [alert.last_run_at for alert in alerts]
    written = services._alert_email
    calls = []

    def dies_on_the_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise MemoryError("the worker died")
        return written(*args, **kwargs)

    monkeypatch.setattr(services, "_alert_email", dies_on_the_second)
    new_vacancy(organisation=trust_a, title="Staff Nurse", band="6")

    with pytest.raises(MemoryError):
        services.send_alert_batch(alert_ids=[alert.pk for alert in alerts])

    assert OutgoingEmail.objects.count() == 0
    assert [JobAlert.objects.get(pk=alert.pk).last_run_at for alert in alerts] == before
    monkeypatch.setattr(services, "_alert_email", written)
    assert services.send_alert_batch(alert_ids=[alert.pk for alert in alerts]) == 2
