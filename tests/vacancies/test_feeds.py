"""Atom feeds of newly published vacancies: all of them, and one trust's."""

import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine

from tests.factories import OrganisationFactory, VacancyFactory
from vacancies import feeds
from vacancies.models import AdvertisingScope, Vacancy

NOW = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture(autouse=True)
def _frozen_time_and_address(settings):
    settings.SITE_URL = "https://jobs.example.org"
    settings.SITE_NAME = "Apply for an NHS job"
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def published(db):
    worcester = OrganisationFactory(name="Worcestershire Acute Hospitals NHS Trust", ods_code="RWP", employer_code="C9365")
    lewisham = OrganisationFactory(name="Lewisham and Greenwich NHS Trust", ods_code="RJ2", employer_code="C9472")

    def vacancy(organisation, reference, title, hours_ago, **fields):
        return VacancyFactory(organisation=organisation, reference=reference, title=title,
                              published_at=NOW - datetime.timedelta(hours=hours_ago), **fields)

    made = {
        "nurse": vacancy(worcester, "C9365-26-0001", "Staff Nurse", 30),
        "manager": vacancy(worcester, "C9365-26-0002", "Directorate Manager", 2, band="8b",
                           staff_group="administrative_clerical"),
        "imaging": vacancy(lewisham, "C9472-26-0001", "Imaging Directorate Manager", 5),
    }
    # None of these may appear.
    vacancy(worcester, "C9365-26-0003", "Draft Nurse", 1, status=Vacancy.Status.DRAFT)
    vacancy(worcester, "C9365-26-0004", "Closed Nurse", 1, status=Vacancy.Status.CLOSED)
    vacancy(worcester, "C9365-26-0005", "Withdrawn Nurse", 1, status=Vacancy.Status.WITHDRAWN)
    vacancy(worcester, "C9365-26-0006", "Internal Nurse", 1, advertising_scope=AdvertisingScope.INTERNAL)
    vacancy(lewisham, "C9472-26-0002", "Restricted Nurse", 1, advertising_scope=AdvertisingScope.RESTRICTED)
    vacancy(lewisham, "C9472-26-0003", "Expired Nurse", 1, closing_at=NOW - datetime.timedelta(minutes=1))
    return made


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


def entries(feed):
    return [
        {
            "title": entry.findtext("atom:title", namespaces=ATOM),
            "link": entry.find("atom:link", ATOM).get("href"),
            "id": entry.findtext("atom:id", namespaces=ATOM),
            "published": entry.findtext("atom:published", namespaces=ATOM),
            "author": entry.findtext("atom:author/atom:name", namespaces=ATOM),
            "categories": [category.get("term") for category in entry.findall("atom:category", ATOM)],
        }
        for entry in feed.findall("atom:entry", ATOM)
    ]


def test_feed_of_all_new_vacancies_lists_the_open_public_ones_newest_first(client, published):
    feed = parse(client.get("/jobs/feed/"))

    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.findtext("atom:title", namespaces=ATOM) == "New jobs – Apply for an NHS job"
    assert feed.find("atom:link[@rel='self']", ATOM).get("href") == "https://jobs.example.org/jobs/feed/"
    assert feed.find("atom:link[@rel='alternate']", ATOM).get("href") == "https://jobs.example.org/jobs/?sort=newest"
    assert entries(feed) == [
        {
            "title": "Directorate Manager",
            "link": "https://jobs.example.org/jobs/C9365-26-0002/",
            "id": "https://jobs.example.org/jobs/C9365-26-0002/",
            "published": "2026-03-02T10:00:00+00:00",
            "author": "Worcestershire Acute Hospitals NHS Trust",
            "categories": ["Band 8b", "Administrative and clerical"],
        },
        {
            "title": "Imaging Directorate Manager",
            "link": "https://jobs.example.org/jobs/C9472-26-0001/",
            "id": "https://jobs.example.org/jobs/C9472-26-0001/",
            "published": "2026-03-02T07:00:00+00:00",
            "author": "Lewisham and Greenwich NHS Trust",
            "categories": ["Band 5", "Nursing and midwifery registered"],
        },
        {
            "title": "Staff Nurse",
            "link": "https://jobs.example.org/jobs/C9365-26-0001/",
            "id": "https://jobs.example.org/jobs/C9365-26-0001/",
            "published": "2026-03-01T06:00:00+00:00",
            "author": "Worcestershire Acute Hospitals NHS Trust",
            "categories": ["Band 5", "Nursing and midwifery registered"],
        },
    ]


def test_entry_summary_gives_the_trust_pay_closing_date_and_job_summary(client, published):
    feed = parse(client.get("/jobs/feed/"))

    summary = feed.find("atom:entry/atom:summary", ATOM)
    assert summary.get("type") == "html"
    assert summary.text == (
        "<p>Worcestershire Acute Hospitals NHS Trust<br>£31,049 to £37,796 a year<br>Closing date: 16 March 2026</p>\n"
        "<p>Join our friendly ward team.</p>"
    )


def test_trust_feed_lists_only_that_trusts_vacancies(client, published):
    feed = parse(client.get("/trusts/RWP/jobs/feed/"))

    assert feed.findtext("atom:title", namespaces=ATOM) == (
        "New jobs at Worcestershire Acute Hospitals NHS Trust – Apply for an NHS job"
    )
    assert feed.find("atom:link[@rel='self']", ATOM).get("href") == "https://jobs.example.org/trusts/RWP/jobs/feed/"
    assert feed.find("atom:link[@rel='alternate']", ATOM).get("href") == (
        "https://jobs.example.org/jobs/?trust=RWP&sort=newest"
    )
    assert [entry["title"] for entry in entries(feed)] == ["Directorate Manager", "Staff Nurse"]


def test_feed_of_an_unknown_trust_is_not_found(client, published):
    assert client.get("/trusts/NOPE/jobs/feed/").status_code == 404


def test_feed_holds_at_most_the_newest_entries(client, published, monkeypatch):
    monkeypatch.setattr(feeds, "ENTRIES", 2)

    feed = parse(client.get("/jobs/feed/"))

    assert [entry["title"] for entry in entries(feed)] == ["Directorate Manager", "Imaging Directorate Manager"]


def test_feed_queries_do_not_grow_with_entries(client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        client.get("/jobs/feed/")


def test_pages_advertise_the_feed(client, published):
    for url in ["/", "/jobs/"]:
        html = client.get(url).content.decode()
        assert '<link rel="alternate" type="application/atom+xml" href="/jobs/feed/" title="New jobs">' in html
