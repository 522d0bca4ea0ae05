"""alerts: 100,000 job alerts over 100,000 vacancies, 1,000 of them new since
the alerts' last run, sent on 2 real Celery workers.

Seeds the vacancies as the search bench does (bench.search.seed), then moves
every publication back two days and 1,000 open public vacancies into the last
twelve hours. Seeds the alerts, live and due, each last run a day ago, with
mixed searches: keywords alone, filters alone (band, place, staff group,
working pattern, salary), and both. Starts 2 `celery worker` processes
(concurrency 1 each) on a queue of the bench's own, runs the beat task as
beat would (alerts.tasks.send_due_alerts, which sends a task per batch), and
waits until no alert is due: every alert claimed, its e-mail written and
queued (an OutgoingEmail row), its window moved on. Prints one line:

- alerts: alerts, vacancies, new_vacancies, emails (alert e-mails written),
  seconds (from the beat task to the last alert done), peak_rss_mb, the
  highest peak resident memory (VmHWM) of the workers' pool processes, and
  delivered_per_second: the rate at which the same workers then deliver the
  queued e-mails (accounts.send_outgoing_email, one task an e-mail, to
  Django's dummy backend), sampled for 30 seconds, not waited for.

BENCH_ALERTS and BENCH_ALERT_VACANCIES measure smaller numbers. Target: under
600 seconds, with memory flat in the number of alerts (batches of
alerts.services.BATCH_SIZE, never one list).
"""

import datetime
import os
import random
import tempfile
import time
import uuid
from urllib.parse import urlencode

from bench import search as search_bench
from bench.database import emit, note
from bench.pack import Worker

ALERTS = int(os.environ.get("BENCH_ALERTS", "100000"))
VACANCIES = int(os.environ.get("BENCH_ALERT_VACANCIES", "100000"))
NEW_VACANCIES = min(1_000, VACANCIES // 10)
WORKERS = 2
TIMEOUT = 1800
BATCH = 5_000
TARGET_SECONDS = 600
DELIVERY_SAMPLE_SECONDS = 30


def run():
    from django.db import connection

    now = datetime.datetime.now(datetime.UTC)
    started = time.perf_counter()
    search_bench.VACANCIES = VACANCIES
    search_bench.seed(now)
    make_new_vacancies(now)
    seed_alerts(now)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    emit("alerts.seed", alerts=ALERTS, vacancies=VACANCIES, seconds=round(time.perf_counter() - started, 1), unit="s")
    measure()


def make_new_vacancies(now):
    """Every publication two days earlier, then 1,000 open public vacancies
    published in the last twelve hours: the ones new to every alert."""
    from django.db.models import F

    from vacancies.models import Vacancy

    Vacancy.objects.filter(published_at__isnull=False).update(published_at=F("published_at") - datetime.timedelta(days=2))
    rng = random.Random(20261202)
    open_ids = list(Vacancy.objects.visible_to_public().open_for_applications(now).values_list("pk", flat=True))
    for pk in rng.sample(open_ids, NEW_VACANCIES):
        Vacancy.objects.filter(pk=pk).update(published_at=now - datetime.timedelta(minutes=rng.randint(1, 720)))


def alert_queries():
    """Searches as candidates save them: keywords, filters, or both."""
    rng = random.Random(17)
    bands = ["2", "3", "4", "5", "6", "7", "8a"]
    groups = ["nursing_midwifery", "allied_health", "administrative_clerical", "additional_clinical", "medical_dental"]
    filters = [
        lambda: {"band": rng.sample(bands, rng.randint(1, 2))},
        lambda: {"location": rng.choice(search_bench.TOWN_NAMES)},
        lambda: {"location": rng.choice(search_bench.DISTRICTS), "distance": rng.choice(["10", "20", "50"])},
        lambda: {"staff_group": rng.choice(groups)},
        lambda: {"contract_type": "permanent", "working_pattern": "part_time"},
        lambda: {"salary_from": rng.choice(["30000", "40000", "50000"])},
    ]
    while True:
        kind = rng.choice(["keywords", "filters", "both"])
        query = {}
        if kind in ("keywords", "both"):
            query["keywords"] = rng.choice(search_bench.KEYWORDS)
        if kind in ("filters", "both"):
            query.update(rng.choice(filters)())
        yield urlencode(query, doseq=True)


def seed_alerts(now):
    from alerts.models import JobAlert

    queries = alert_queries()
    for start in range(0, ALERTS, BATCH):
        JobAlert.objects.bulk_create(
            JobAlert(
                email=f"alert.{number}@example.org", name=f"alert {number}", query=next(queries),
                frequency="daily", created_at=now - datetime.timedelta(days=3), confirmed_at=now - datetime.timedelta(days=3),
                last_run_at=now - datetime.timedelta(days=1), next_run_at=now - datetime.timedelta(minutes=1),
            )
            for number in range(start, min(start + BATCH, ALERTS))
        )
        note(f"bench: seeded {min(start + BATCH, ALERTS):,} alerts")


def measure():
    from django.db import connections
    from django.test import override_settings
    from django.utils import timezone

    from accounts.models import OutgoingEmail
    from alerts.models import JobAlert
    from alerts.tasks import send_due_alerts
    from recruitment.celery import app

    queue = f"bench-alerts-{uuid.uuid4().hex[:8]}"
    previous_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    previous_backend = os.environ.get("EMAIL_DELIVERY_BACKEND")
    os.environ["EMAIL_DELIVERY_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    with tempfile.TemporaryDirectory(prefix="bench-alerts-") as folder, override_settings(MEDIA_ROOT=folder):
        workers = [Worker(queue, number, folder) for number in range(1, WORKERS + 1)]
        try:
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.wait_until_ready()
            run_at = timezone.now()
            started = time.perf_counter()
            send_due_alerts.delay()
            peak_kib = 0
            while True:
                peak_kib = max([peak_kib] + [worker.sample() for worker in workers])
                due = JobAlert.objects.due(run_at).count()
                if due == 0:
                    break
                if time.perf_counter() - started > TIMEOUT:
                    raise SystemExit(f"bench: {due} alerts still due after {TIMEOUT} s")
                time.sleep(1)
            seconds = time.perf_counter() - started
            # Delivery is the queued-e-mail worker's (accounts), one task an
            # e-mail: its rate is measured for a while, not to the end.
            delivered_before = OutgoingEmail.objects.filter(sent_at__isnull=False).count()
            time.sleep(DELIVERY_SAMPLE_SECONDS)
            delivered_after = OutgoingEmail.objects.filter(sent_at__isnull=False).count()
            peak_kib = max([peak_kib] + [worker.sample() for worker in workers])
        finally:
            for worker in workers:
                worker.stop()
            app.conf.task_default_queue = previous_queue
            with app.connection_for_write() as broker:
                broker.default_channel.queue_purge(queue)  # the e-mails left undelivered
            if previous_backend is None:
                os.environ.pop("EMAIL_DELIVERY_BACKEND", None)
            else:
                os.environ["EMAIL_DELIVERY_BACKEND"] = previous_backend
            connections.close_all()
    emails = OutgoingEmail.objects.count()
    emit("alerts", alerts=ALERTS, vacancies=VACANCIES, new_vacancies=NEW_VACANCIES, emails=emails,
         seconds=round(seconds, 1), workers=WORKERS, peak_rss_mb=round(peak_kib / 1024),
         target_seconds=TARGET_SECONDS,
         delivered_per_second=round((delivered_after - delivered_before) / DELIVERY_SAMPLE_SECONDS, 1), unit="s")
