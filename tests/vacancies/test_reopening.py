"""Reopening a closed vacancy: it keeps its first publication, so it neither
jumps to the top of "New jobs" and the feed nor changes its datePosted, and
the reopening is recorded as an event."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
import time_machine

from tests.factories import CriterionFactory, OrganisationFactory, VacancyFactory
from vacancies import services
from vacancies.models import Vacancy, VacancyEvent

S = Vacancy.Status
FIRST_PUBLISHED = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
OTHER_PUBLISHED = datetime.datetime(2026, 3, 5, 9, 0, tzinfo=datetime.UTC)
CLOSED = datetime.datetime(2026, 3, 9, 12, 0, tzinfo=datetime.UTC)
REOPENED = datetime.datetime(2026, 3, 10, 10, 30, tzinfo=datetime.UTC)
NEW_CLOSING = datetime.datetime(2026, 3, 27, 23, 59, tzinfo=datetime.UTC)
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def approved_vacancy(**fields):
    vacancy = VacancyFactory(
        status=S.APPROVED, date_posted=None, published_at=None,
        closing_at=datetime.datetime(2026, 3, 20, 23, 59, tzinfo=datetime.UTC), **fields,
    )
    CriterionFactory(vacancy=vacancy)
    return vacancy


def publish_close_and_reopen(vacancy, actor):
    services.publish_vacancy(vacancy_id=vacancy.pk, actor=actor, now=FIRST_PUBLISHED)
    services.close_vacancy_early(vacancy_id=vacancy.pk, actor=actor, now=CLOSED)
    services.reopen_vacancy(vacancy_id=vacancy.pk, actor=actor, closing_at=NEW_CLOSING, now=REOPENED)
    vacancy.refresh_from_db()
    return vacancy


def test_reopen_keeps_the_first_publication_time_and_date_posted(recruiter, trust_a):
    vacancy = publish_close_and_reopen(approved_vacancy(organisation=trust_a), recruiter)

    assert (vacancy.status, vacancy.published_at, vacancy.date_posted) == (
        S.PUBLISHED, FIRST_PUBLISHED, datetime.date(2026, 3, 2),
    )
    assert (vacancy.closing_at, vacancy.closed_at, vacancy.status_changed_at) == (NEW_CLOSING, None, REOPENED)


def test_reopen_is_recorded_as_an_event(recruiter, trust_a):
    vacancy = publish_close_and_reopen(approved_vacancy(organisation=trust_a), recruiter)

    events = list(
        VacancyEvent.objects.filter(vacancy=vacancy)
        .values_list("actor", "from_status", "to_status", "created_at", "note")
    )
    assert events == [
        (recruiter.pk, S.APPROVED, S.PUBLISHED, FIRST_PUBLISHED, ""),
        (recruiter.pk, S.PUBLISHED, S.CLOSED, CLOSED, "Closed early"),
        (recruiter.pk, S.CLOSED, S.PUBLISHED, REOPENED, "Reopened until 27 March 2026 at 11:59pm"),
    ]


@pytest.fixture
def reopened_and_newer(recruiter, trust_a, settings):
    """A vacancy first published on 2 March and reopened on 10 March, and
    another published on 5 March, which stays the newer of the two."""
    settings.SITE_URL = "https://jobs.example.org"
    reopened = publish_close_and_reopen(
        approved_vacancy(organisation=trust_a, reference="C1000-26-0001", title="Reopened Nurse"), recruiter
    )
    newer = approved_vacancy(
        organisation=OrganisationFactory(), reference="C2000-26-0001", title="Newer Nurse"
    )
    services.publish_vacancy(vacancy_id=newer.pk, actor=recruiter, now=OTHER_PUBLISHED)
    return reopened, newer


def test_reopened_vacancy_keeps_its_place_in_the_feed(client, reopened_and_newer):
    with time_machine.travel(REOPENED + datetime.timedelta(hours=1), tick=False):
        feed = ET.fromstring(client.get("/jobs/feed/").content)

    entries = [
        (entry.findtext("atom:title", namespaces=ATOM), entry.findtext("atom:published", namespaces=ATOM))
        for entry in feed.findall("atom:entry", ATOM)
    ]
    assert entries == [
        ("Newer Nurse", "2026-03-05T09:00:00+00:00"),
        ("Reopened Nurse", "2026-03-02T09:00:00+00:00"),
    ]


def test_reopened_vacancy_keeps_its_place_in_new_jobs_and_its_date_posted(client, reopened_and_newer):
    reopened, _newer = reopened_and_newer
    with time_machine.travel(REOPENED + datetime.timedelta(hours=1), tick=False):
        newest = client.get("/jobs/", {"sort": "newest"}).content.decode()
        advert = client.get(reopened.get_absolute_url()).content.decode()

    assert newest.index("Newer Nurse") < newest.index("Reopened Nurse")
    json_ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', advert, re.S).group(1))
    assert json_ld["datePosted"] == "2026-03-02"
