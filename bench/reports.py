"""reports: the report pages over 2,000 vacancies and 1,000,000 applications.

Seeds 20 trusts with 100 vacancies each (bulk_create), their status history
(six VacancyEvents each) and 500 applications per vacancy with stage times
and equality answers, generated in PostgreSQL with generate_series
(INSERT ... SELECT: a million rows in seconds, no Python loop): vacancies
start over three years, so the default period (this reporting year so far)
holds about a quarter of them. Then VACUUM ANALYZE, as autovacuum would.

A recruiter of all 20 trusts opens each report page through the Django test
client with the default filters (this reporting year so far), once to warm
up and then 20 times: first the organisation-wide view (all 20 trusts, the
most rows a report reads), then one trust. Prints `reports.seed`, and one
`reports` line per report and scope: applications, report, scope, median_ms
and p95_ms against the 1 s target, and the load average while it ran (the
machine may be shared).
"""

import math
import os
import statistics
import time
from datetime import UTC, datetime, timedelta

from bench.database import emit, note

TRUSTS = 20
VACANCIES_PER_TRUST = 100
APPLICATIONS_PER_VACANCY = 500
RUNS = 20
TARGET_P95_MS = 1000
DIRECTORATES = ["Medicine", "Surgery", "Women and children", "Mental health", "Estates", "Corporate",
                "Diagnostics", "Emergency care", "Community", "Pharmacy"]
REPORTS = [
    ("time_to_hire", "/manage/reports/time-to-hire/"),
    ("funnel", "/manage/reports/funnel/"),
    ("equality", "/manage/reports/equality/"),
    ("wres_wdes", "/manage/reports/wres-wdes/"),
]


def run():
    from django.db import connection

    started = time.perf_counter()
    recruiter, applications = seed(datetime.now(UTC))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    emit("reports.seed", vacancies=TRUSTS * VACANCIES_PER_TRUST, applications=applications,
         seconds=round(time.perf_counter() - started, 1), unit="s")
    measure(recruiter, applications)


def seed(now):
    from django.db import connection

    from accounts.models import User
    from organisations.models import Membership, Organisation
    from vacancies.models import Band, StaffGroup, Vacancy

    trusts = Organisation.objects.bulk_create(
        Organisation(name=f"Report Bench Hospitals {n:02d} NHS Trust", ods_code=f"RB{n:02d}",
                     employer_code=f"C{8000 + n}", address_line_1="1 Hospital Road", town="Worcester",
                     postcode="WR5 1DD")
        for n in range(TRUSTS)
    )
    recruiter = User.objects.create(email="reports.recruiter@example.org", full_name="Report Recruiter", password="!")
    Membership.objects.bulk_create(
        Membership(user=recruiter, organisation=trust, role=Membership.Role.RECRUITER) for trust in trusts
    )
    groups, bands = list(StaffGroup.values), list(Band.values)
    vacancies = []
    for t, trust in enumerate(trusts):
        for n in range(VACANCIES_PER_TRUST):
            index = t * VACANCIES_PER_TRUST + n
            # Spread over three years, newest first, so every month has hires.
            starts = now - timedelta(days=(index * 1096) // (TRUSTS * VACANCIES_PER_TRUST) + 90)
            vacancies.append(Vacancy(
                organisation=trust, reference=f"{trust.employer_code}-25-{n:04d}", title=f"Bench Post {index}",
                directorate=DIRECTORATES[index % len(DIRECTORATES)], staff_group=groups[index % len(groups)],
                pay_scheme="afc", band=bands[index % len(bands)], contract_type="permanent", full_time=True,
                job_summary="A post.", main_duties="Duties.", status=Vacancy.Status.FILLED,
                closing_at=starts + timedelta(days=20), published_at=starts + timedelta(days=6),
                closed_at=starts + timedelta(days=20),
            ))
    Vacancy.objects.bulk_create(vacancies, batch_size=1000)
    note(f"bench: seeded {len(vacancies):,} vacancies")
    with connection.cursor() as cursor:
        # The status history time to hire reads: days after the vacancy was created.
        cursor.execute("""
            INSERT INTO vacancies_vacancyevent (vacancy_id, from_status, to_status, note, changes, created_at)
            SELECT v.id, step.from_status, step.to_status, '', '[]'::jsonb,
                   (v.published_at - interval '6 days') + step.days * interval '1 day' + (v.id % 5) * interval '1 day'
            FROM vacancies_vacancy v
            CROSS JOIN (VALUES ('draft', 'awaiting_approval', 1), ('awaiting_approval', 'approved', 4),
                               ('approved', 'published', 6), ('published', 'closed', 20),
                               ('closed', 'shortlisting', 22), ('shortlisting', 'interviewing', 28))
                 AS step(from_status, to_status, days)
            WHERE v.reference LIKE 'C8%'
        """)
        # 500 applications a vacancy: 1 in 10 a draft never sent, 1 in 5 of the
        # rest shortlisted, half of those invited, and one hire (with every
        # stage date) per vacancy; 1 in 7 withdrew after their furthest stage.
        cursor.execute(f"""
            INSERT INTO candidates_application (
                vacancy_id, status, anonymous_number, created_at, status_changed_at, updated_at, submitted_at,
                shortlisted_at, invited_at, preferred_at, offered_at, checks_cleared_at,
                unconditional_offered_at, appointed_at, start_date, withdrawn_at)
            SELECT v.id,
                   CASE WHEN n % 10 = 9 THEN 'draft' WHEN n % 7 = 4 THEN 'withdrawn' ELSE 'submitted' END,
                   n, t.created, t.created, t.created,
                   CASE WHEN n % 10 <> 9 THEN t.created END,
                   CASE WHEN n % 5 = 0 THEN (v.published_at - interval '6 days') + interval '28 days' END,
                   CASE WHEN n % 10 = 0 THEN (v.published_at - interval '6 days') + interval '30 days' END,
                   CASE WHEN n = 10 THEN (v.published_at - interval '6 days') + interval '36 days' + (v.id % 9) * interval '1 day' END,
                   CASE WHEN n = 10 THEN (v.published_at - interval '6 days') + interval '38 days' + (v.id % 9) * interval '1 day' END,
                   CASE WHEN n = 10 THEN (v.published_at - interval '6 days') + interval '58 days' + (v.id % 13) * interval '1 day' END,
                   CASE WHEN n = 10 THEN (v.published_at - interval '6 days') + interval '60 days' + (v.id % 13) * interval '1 day' END,
                   CASE WHEN n = 10 THEN (v.published_at - interval '6 days') + interval '61 days' + (v.id % 13) * interval '1 day' END,
                   CASE WHEN n = 10 THEN ((v.published_at - interval '6 days') + interval '90 days')::date END,
                   CASE WHEN n % 7 = 4 AND n % 10 <> 9 THEN t.created + interval '25 days' END
            FROM vacancies_vacancy v
            CROSS JOIN generate_series(1, {APPLICATIONS_PER_VACANCY}) AS n
            CROSS JOIN LATERAL (SELECT (v.published_at - interval '6 days') + interval '6 days' + (n % 14) * interval '1 day' AS created) t
            WHERE v.reference LIKE 'C8%'
        """)
        note("bench: seeded the applications")
        # Equality answers for 9 in 10, each question with its prefer not to say
        # and blank answers; the grounds of no one in particular.
        cursor.execute("""
            INSERT INTO candidates_equalitymonitoring (
                application_id, age_band, sex, gender_same_as_birth, sexual_orientation, ethnicity, disability,
                religion, marital_status, pregnancy)
            SELECT a.id,
                   (ARRAY['16_24','25_34','35_44','45_54','55_64','65_plus','prefer_not_to_say',''])[1 + a.id % 8],
                   (ARRAY['female','female','male','prefer_not_to_say',''])[1 + a.id % 5],
                   'yes',
                   (ARRAY['heterosexual','heterosexual','gay_lesbian','bisexual','other','prefer_not_to_say'])[1 + a.id % 6],
                   (ARRAY['A','A','A','B','C','H','J','K','N','M','D','S','Z',''])[1 + a.id % 14],
                   (ARRAY['no','no','no','no','yes','prefer_not_to_say',''])[1 + a.id % 7],
                   (ARRAY['none','christian','christian','muslim','hindu','sikh','jewish','buddhist','other',
                          'prefer_not_to_say'])[1 + a.id % 10],
                   '', ''
            FROM candidates_application a
            WHERE a.id % 10 <> 7
        """)
        cursor.execute("SELECT count(*) FROM candidates_application")
        applications = cursor.fetchone()[0]
    note(f"bench: seeded {applications:,} applications with equality answers")
    return recruiter, applications


def measure(recruiter, applications):
    """Each report for the organisation-wide view (all 20 trusts), then for
    one trust (?trust=, a twentieth of the rows), 20 timed runs each."""
    from django.test import Client

    from organisations.models import Organisation

    client = Client()
    client.force_login(recruiter)
    one_trust = Organisation.objects.recruited_by(recruiter).order_by("name").first()
    for scope, query in (("all_trusts", ""), ("one_trust", f"?trust={one_trust.pk}")):
        for report, url in REPORTS:
            response = client.get(url + query)  # warm up: the first request loads templates and plans
            if response.status_code != 200:
                raise SystemExit(f"{url}{query} answered {response.status_code}")
            load_before = os.getloadavg()[0]
            times = []
            for _ in range(RUNS):
                started = time.perf_counter()
                client.get(url + query)
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            p95 = times[math.ceil(0.95 * RUNS) - 1]  # nearest rank: the 19th of 20
            emit("reports", applications=applications, report=report, scope=scope, runs=RUNS,
                 median_ms=round(statistics.median(times), 1), p95_ms=round(p95, 1), target_p95_ms=TARGET_P95_MS,
                 meets_target=p95 < TARGET_P95_MS, load_average=round(max(load_before, os.getloadavg()[0]), 2),
                 unit="ms")
