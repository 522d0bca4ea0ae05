"""Times in the NHS.UK style, and links on the service's public address."""

import datetime

import pytest
from django.template import Context, Template

from nhsuk.formats import nhs_time, public_url

LONDON = datetime.timezone(datetime.timedelta(hours=1))  # British Summer Time


@pytest.mark.parametrize(
    ("time", "written"),
    [
        (datetime.time(23, 59), "11:59pm"),
        (datetime.time(9, 0), "9am"),
        (datetime.time(9, 5), "9:05am"),
        (datetime.time(12, 0), "midday"),
        (datetime.time(12, 30), "12:30pm"),
        (datetime.time(0, 0), "midnight"),
        (datetime.time(0, 15), "12:15am"),
        (datetime.time(17, 30), "5:30pm"),
    ],
)
def test_nhs_time_writes_times_as_the_nhs_style_guide(time, written):
    assert nhs_time(time) == written


def test_nhs_time_reads_an_aware_datetime_in_uk_time():
    # 22:59 UTC on 1 July is 11:59pm in London.
    assert nhs_time(datetime.datetime(2026, 7, 1, 22, 59, tzinfo=datetime.UTC)) == "11:59pm"


def test_nhs_time_filter_in_a_template_never_writes_dots():
    template = Template("{% load nhsuk_tags %}{{ closing|nhs_time }}")

    rendered = template.render(Context({"closing": datetime.datetime(2026, 1, 16, 23, 59, tzinfo=datetime.UTC)}))

    assert rendered == "11:59pm"


def test_nhs_time_of_nothing_is_blank():
    assert nhs_time(None) == ""


def test_public_url_is_on_site_url(settings):
    settings.SITE_URL = "https://jobs.example.org/"

    assert public_url("/jobs/C9365-25-0249-2/") == "https://jobs.example.org/jobs/C9365-25-0249-2/"
