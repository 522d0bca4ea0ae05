"""The home page: the search box and the newest vacancies."""

import datetime
import re

import pytest
import time_machine

from tests.factories import VacancyFactory
from vacancies.models import Vacancy

NOW = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


def posted(days_ago, **fields):
    return VacancyFactory(date_posted=TODAY - datetime.timedelta(days=days_ago), **fields)


def shown(response):
    return re.findall(r'<h3 class="nhsuk-heading-m[^"]*"><a href="/jobs/([^/]+)/">', response.content.decode())


def test_home_page_has_a_search_box_that_goes_to_the_search_page(client, db):
    html = client.get("/").content.decode()

    form = re.search(r'<form method="get" action="/jobs/" novalidate>(.*?)</form>', html, re.DOTALL).group(1)
    assert '<h1 class="nhsuk-heading-xl">Find a job in the NHS</h1>' in html
    assert re.search(r'<label class="nhsuk-label nhsuk-label--s" for="id_keywords">\s*What\s*</label>', form)
    assert re.search(r'<label class="nhsuk-label nhsuk-label--s" for="id_location">\s*Where\s*</label>', form)
    assert re.findall(r'name="(\w+)"', form) == ["keywords", "location"]
    assert '<button type="submit" class="nhsuk-button" data-module="nhsuk-button">Search</button>' in form


def test_home_page_lists_the_six_newest_open_vacancies(client, db):
    vacancies = [posted(days_ago, title=f"Job {days_ago}") for days_ago in range(8)]
    posted(0, status=Vacancy.Status.DRAFT)
    posted(0, closing_at=NOW - datetime.timedelta(hours=1))

    response = client.get("/")

    assert shown(response) == [vacancy.reference for vacancy in vacancies[:6]]
    assert '<a href="/jobs/?sort=newest">See all jobs</a>' in response.content.decode()


def test_home_page_without_vacancies_says_so(client, db):
    html = client.get("/").content.decode()

    assert "There are no jobs open right now. Check again soon." in html


def test_home_page_header_links_to_find_a_job(client, db):
    html = client.get("/").content.decode()

    assert '<a class="nhsuk-header__navigation-link" href="/jobs/">Find a job</a>' in html


def test_home_page_queries_do_not_grow_with_vacancies(client, db, django_assert_max_num_queries):
    for days_ago in range(2):
        posted(days_ago)
    with django_assert_max_num_queries(2):
        client.get("/")
    for days_ago in range(10):
        posted(days_ago)

    with django_assert_max_num_queries(2):
        response = client.get("/")

    assert len(shown(response)) == 6
