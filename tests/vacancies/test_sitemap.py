"""sitemap.xml: an index of the public pages and every open public vacancy."""

import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine

from tests.factories import VacancyFactory
from vacancies.models import AdvertisingScope, Vacancy

NOW = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(autouse=True)
def _frozen_time_and_address(settings):
    settings.SITE_URL = "https://jobs.example.org"
    with time_machine.travel(NOW, tick=False):
        yield


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)


@pytest.fixture
def vacancies(db):
    open_ones = [VacancyFactory(title=f"Open {number}") for number in range(3)]
    hidden = [
        VacancyFactory(status=Vacancy.Status.DRAFT),
        VacancyFactory(status=Vacancy.Status.AWAITING_APPROVAL),
        VacancyFactory(status=Vacancy.Status.CLOSED),
        VacancyFactory(status=Vacancy.Status.WITHDRAWN),
        VacancyFactory(status=Vacancy.Status.FILLED),
        VacancyFactory(advertising_scope=AdvertisingScope.INTERNAL),
        VacancyFactory(advertising_scope=AdvertisingScope.RESTRICTED),
        VacancyFactory(closing_at=NOW - datetime.timedelta(hours=1)),
    ]
    return open_ones, hidden


def test_sitemap_index_lists_the_sections(client, vacancies):
    index = parse(client.get("/sitemap.xml"))

    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert [entry.findtext("sm:loc", namespaces=SITEMAP) for entry in index.findall("sm:sitemap", SITEMAP)] == [
        "https://jobs.example.org/sitemap-pages.xml",
        "https://jobs.example.org/sitemap-vacancies.xml",
    ]


def test_vacancy_sitemap_lists_every_open_public_vacancy_and_nothing_else(client, vacancies):
    open_ones, hidden = vacancies

    sitemap = parse(client.get("/sitemap-vacancies.xml"))

    urls = sitemap.findall("sm:url", SITEMAP)
    assert [url.findtext("sm:loc", namespaces=SITEMAP) for url in urls] == [
        f"https://jobs.example.org/jobs/{vacancy.reference}/" for vacancy in open_ones
    ]
    assert [url.findtext("sm:lastmod", namespaces=SITEMAP) for url in urls] == ["2026-03-02"] * 3
    assert [url.findtext("sm:changefreq", namespaces=SITEMAP) for url in urls] == ["daily"] * 3
    for vacancy in hidden:
        assert vacancy.reference.encode() not in client.get("/sitemap-vacancies.xml").content


def test_pages_sitemap_lists_the_home_search_and_content_pages(client, vacancies):
    sitemap = parse(client.get("/sitemap-pages.xml"))

    assert [url.findtext("sm:loc", namespaces=SITEMAP) for url in sitemap.findall("sm:url", SITEMAP)] == [
        "https://jobs.example.org/",
        "https://jobs.example.org/jobs/",
        "https://jobs.example.org/accessibility-statement/",
        "https://jobs.example.org/privacy/",
        "https://jobs.example.org/contact/",
    ]


def test_vacancy_sitemap_queries_do_not_grow_with_vacancies(client, vacancies, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get("/sitemap-vacancies.xml")


def test_unknown_sitemap_section_is_not_found(client, vacancies):
    assert client.get("/sitemap-nope.xml").status_code == 404
