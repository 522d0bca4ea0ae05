"""The advert as a candidate reads it: "Apply for this job" at the top as well
as the end, times written the NHS.UK way; and the recruiter's check page,
which shows the advert's lists as lists."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import CriterionFactory, VacancyFactory
from vacancies.models import Vacancy

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 1, 12, 9, 0, tzinfo=datetime.UTC)
APPLY_FORM = re.compile(r'<form method="post" action="/applications/start/[^"]+/"')


@pytest.fixture(autouse=True)
def _frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


def test_advert_has_apply_for_this_job_under_the_closing_date_and_at_the_end(client):
    vacancy = VacancyFactory(closing_at=datetime.datetime(2026, 1, 26, 23, 59, tzinfo=datetime.UTC))

    html = client.get(vacancy.get_absolute_url()).content.decode()

    starts = [match.start() for match in APPLY_FORM.finditer(html)]
    assert len(starts) == 2
    assert html.index("Closing date") < starts[0] < html.index('id="job-summary"')
    assert starts[1] > html.index('id="person-specification"')


def test_closed_advert_has_no_apply_button(client):
    vacancy = VacancyFactory(status=Vacancy.Status.CLOSED, closing_at=NOW - datetime.timedelta(days=1))

    html = client.get(vacancy.get_absolute_url()).content.decode()

    assert APPLY_FORM.search(html) is None
    assert "Apply for this job" not in html


def test_advert_writes_the_closing_time_the_nhs_way(client):
    vacancy = VacancyFactory(closing_at=datetime.datetime(2026, 1, 26, 23, 59, tzinfo=datetime.UTC))
    midday = VacancyFactory(closing_at=datetime.datetime(2026, 1, 27, 12, 0, tzinfo=datetime.UTC))

    html = client.get(vacancy.get_absolute_url()).content.decode()
    midday_html = client.get(midday.get_absolute_url()).content.decode()

    assert "26 January 2026 at 11:59pm</strong>" in html
    assert "26 January 2026 at 11:59pm</dd>" in html
    assert "p.m." not in html
    assert "27 January 2026 at midday</strong>" in midday_html


def test_vacancy_check_shows_the_job_summary_bullets_as_a_list(client, recruiter, trust_a):
    vacancy = VacancyFactory(
        organisation=trust_a,
        status=Vacancy.Status.DRAFT,
        created_by=recruiter,
        job_summary="Join our ward team.\n\n* Caring for adults\n* Teaching students",
        closing_at=timezone.now() + datetime.timedelta(days=14),
    )
    CriterionFactory(vacancy=vacancy, order=1)
    client.force_login(recruiter)

    html = client.get(reverse("manage:vacancy_check", kwargs={"reference": vacancy.reference})).content.decode()

    summary = re.search(r'<dl class="nhsuk-summary-list" id="check-description">(.*?)</dl>', html, re.S).group(1)
    assert (
        '<p>Join our ward team.</p>\n<ul class="nhsuk-list nhsuk-list--bullet">'
        "<li>Caring for adults</li><li>Teaching students</li></ul>"
    ) in summary
    assert "* Caring" not in summary
