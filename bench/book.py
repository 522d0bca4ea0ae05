"""book: 400 candidates invited to 100 interview slots all try to book at
once from 20 concurrent clients.

Seeds a vacancy in interviewing, a round of 100 one-place slots and 400
invited applications (bulk_create), signs each candidate in, then forks 20
client processes (after gc.freeze(), as a preloading server forks its workers),
lets each serve one unmeasured GET, as a long-lived worker has, and releases
them together; each POSTs its share of "Book this time" through
the Django test client, candidates 4k to 4k+3 asking for slot k, each in a
different client, so four candidates race for every slot. The measured path is the whole request:
session, view, the free-slot form, interviews.services.book_slot (slot row
lock, count, booking row, event, confirmation e-mail with its calendar entry
written to OutgoingEmail and enqueued after commit on a queue of the
benchmark's own, purged afterwards). Prints:

- book.seed: how long seeding took;
- book: candidates, slots, booked (must equal slots), double_booked (slots
  holding more than their capacity plus applications holding more than one
  slot of the round: must be 0), refused, failures (neither booked nor
  refused), and the median and 95th percentile time of a booking request
  against the 300 ms target.
"""

import datetime
import gc
import os
import statistics
import time
import uuid

from bench.database import emit, note

CANDIDATES = 400
SLOTS = 100
CLIENTS = 20
TARGET_P95_MS = 300


def run():
    started = time.perf_counter()
    interview_round, application_ids = seed()
    emit("book.seed", candidates=CANDIDATES, slots=SLOTS, seconds=round(time.perf_counter() - started, 1), unit="s")
    measure(interview_round, application_ids)


def seed():
    from django.utils import timezone

    from accounts.models import User
    from candidates.models import Application, PersonalDetails
    from interviews.models import InterviewRound, Invitation, Slot
    from organisations.models import Organisation, Site
    from vacancies.models import Vacancy

    now = timezone.now()
    trust = Organisation.objects.create(
        name="Interview Day Hospitals NHS Trust", ods_code="RID", employer_code="C9997",
        address_line_1="1 Hospital Road", town="Worcester", postcode="WR5 1DD",
    )
    site = Site.objects.create(
        organisation=trust, name="Interview Day General Hospital", address_line_1="Hospital Road", town="Worcester",
        postcode="WR5 1DD",
    )
    vacancy = Vacancy.objects.create(
        organisation=trust, reference="C9997-25-0001", title="Staff Nurse", staff_group="nursing_midwifery",
        band="5", contract_type="permanent", full_time=True, job_summary="Interviews.", main_duties="Care.",
        closing_at=now - datetime.timedelta(days=14), status=Vacancy.Status.INTERVIEWING,
        date_posted=timezone.localdate() - datetime.timedelta(days=30), published_at=now - datetime.timedelta(days=30),
    )
    vacancy.sites.set([site])
    interview_round = InterviewRound.objects.create(vacancy=vacancy, name="Interviews")
    first = now.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=7)
    Slot.objects.bulk_create(
        Slot(round=interview_round, starts_at=first + datetime.timedelta(minutes=30 * n), length_minutes=30,
             site=site, room="Seminar room 2")
        for n in range(SLOTS)
    )
    users = User.objects.bulk_create(
        User(email=f"book.{n:04d}@example.org", full_name=f"Interview Candidate {n:04d}", password="!")
        for n in range(CANDIDATES)
    )
    applications = Application.objects.bulk_create(
        Application(vacancy=vacancy, candidate=user, status=Application.Status.INVITED_TO_INTERVIEW,
                    anonymous_number=n + 1, submitted_at=now, created_at=now, status_changed_at=now)
        for n, user in enumerate(users)
    )
    PersonalDetails.objects.bulk_create(
        PersonalDetails(application=a, first_name="Candidate", last_name=f"{n:04d}", email=f"book.{n:04d}@example.org",
                        phone="07700 900982", address_line_1="1 High Street", town="Worcester", postcode="WR1 2AB")
        for n, a in enumerate(applications)
    )
    Invitation.objects.bulk_create(Invitation(round=interview_round, application=a) for a in applications)
    note(f"bench: seeded {CANDIDATES} invited candidates and {SLOTS} slots")
    return interview_round, [a.pk for a in applications]


def measure(interview_round, application_ids):
    """20 clients at once, each a process (forked with its signed-in clients),
    as each gunicorn worker serves one request at a time."""
    import multiprocessing

    from django.db import connections
    from django.db.models import Count
    from django.test import Client

    from candidates.models import Application
    from interviews.models import Booking, Slot
    from recruitment.celery import app

    slot_ids = list(Slot.objects.filter(round=interview_round).order_by("starts_at").values_list("pk", flat=True))
    clients, wanted = {}, {}
    for n, application in enumerate(
        Application.objects.filter(pk__in=application_ids).select_related("candidate").order_by("pk")
    ):
        client = Client()
        client.force_login(application.candidate)
        clients[application.pk] = client
        # Candidates 0 to 3 want the first slot, 4 to 7 the second, ...: the four
        # of a slot are in four different clients, so they really race.
        wanted[application.pk] = slot_ids[(n // 4) % len(slot_ids)]
    shares = [application_ids[index::CLIENTS] for index in range(CLIENTS)]
    _warm_up(clients[application_ids[0]], application_ids[0], interview_round)
    queue = f"bench-book-{uuid.uuid4().hex[:8]}"
    previous_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    connections.close_all()  # each process opens its own

    # As a server that preloads the app before forking its workers: the
    # objects loaded so far are left out of the children's garbage
    # collections, which would otherwise touch (and copy) every page of them.
    gc.freeze()
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(CLIENTS + 1)
    results = context.Queue()
    processes = [
        context.Process(
            target=_client_process,
            args=(shares[index], clients, wanted, interview_round.pk, barrier, results),
        )
        for index in range(CLIENTS)
    ]
    try:
        for process in processes:
            process.start()
        load_before = os.getloadavg()[0]
        barrier.wait()
        started = time.perf_counter()
        times, outcomes = [], []
        for _ in processes:
            process_times, process_outcomes = results.get()
            times += process_times
            outcomes += process_outcomes
        elapsed = time.perf_counter() - started
        for process in processes:
            process.join()
    finally:
        app.conf.task_default_queue = previous_queue
        _purge(app, queue)

    bookings = Booking.objects.filter(round=interview_round)
    over_capacity = (
        Slot.objects.filter(round=interview_round).annotate(taken=Count("bookings")).filter(taken__gt=1).count()
    )
    twice = bookings.values("application").annotate(n=Count("pk")).filter(n__gt=1).count()
    p95 = _p95(times)
    emit(
        "book",
        candidates=CANDIDATES,
        slots=SLOTS,
        booked=bookings.count(),
        double_booked=over_capacity + twice,
        refused=sum(1 for outcome in outcomes if outcome == "refused"),
        failures=[outcome for outcome in outcomes if outcome not in ("booked", "refused")][:5],
        clients=CLIENTS,
        seconds=round(elapsed, 1),
        # The machine's run queue before the clients started: on a shared
        # machine, other work competes with the 20 clients for the cores.
        load_average=round(load_before, 1),
        measured="request: POST /applications/<id>/interview/<round>/book/ through the Django test client",
        median_ms=round(statistics.median(times), 1),
        p95_ms=round(p95, 1),
        target_p95_ms=TARGET_P95_MS,
        within_target=p95 < TARGET_P95_MS,
        unit="ms",
    )


def _warm_up(client, application_id, interview_round):
    """Load the templates and URLs once in the parent, before the clients are
    forked, as a running server has: otherwise each client's first request
    compiles them and the figures measure start-up, not booking."""
    from django.template.loader import get_template

    client.get(f"/applications/{application_id}/interview/")
    # The booking e-mail's text is a ((placeholder)) template (interviews.emails); its HTML part is this.
    get_template("candidates/email/message.html")


def _p95(values):
    values = sorted(values)
    return values[max(0, round(0.95 * len(values)) - 1)]


def _client_process(share, clients, wanted, round_id, barrier, results):
    """One client: its candidates one after another. Sends back (times in ms,
    outcomes: "booked", "refused" (the page again with the error by the
    radios) or a description of anything else)."""
    from django.db import connection

    times, outcomes = [], []
    try:
        # A worker process that has served a request before, as a web
        # server's long-lived ones have: its first request is not measured.
        clients[share[0]].get(f"/applications/{share[0]}/interview/")
        barrier.wait()
        for application_id in share:
            begun = time.perf_counter()
            response = clients[application_id].post(
                f"/applications/{application_id}/interview/{round_id}/book/",
                {f"round-{round_id}-slot": wanted[application_id]},
            )
            times.append((time.perf_counter() - begun) * 1000)
            if response.status_code == 302:
                outcomes.append("booked")
            elif response.status_code == 200 and b"nhsuk-error-summary" in response.content:
                outcomes.append("refused")
            else:
                outcomes.append(f"{application_id}: {response.status_code}")
    finally:
        connection.close()
    results.put((times, outcomes))


def _purge(app, queue):
    """Drop the benchmark's confirmation messages: no worker should send them."""
    try:
        with app.connection_for_write() as connection:
            purged = connection.default_channel.queue_purge(queue)
        note(f"bench: purged {purged or 0} queued confirmation e-mails")
    except Exception as error:  # a broker that is down leaves nothing to purge
        note(f"bench: could not purge queue {queue}: {error}")

