"""schema.org JobPosting JSON-LD on the vacancy page, for job boards and search
engines: both seed adverts field by field, the mappings, and safe escaping."""

import datetime
import io
import json
import re
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command

from tests.factories import OrganisationFactory, SiteFactory, VacancyFactory
from vacancies.models import Vacancy

# seed_demo moves the Worcestershire advert forward four weeks to be open now;
# the Lewisham advert is open as it is.
NOW = datetime.datetime(2026, 1, 27, 10, 0, tzinfo=datetime.UTC)
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.fixture(autouse=True)
def _frozen_time_and_address(settings):
    settings.SITE_URL = "https://jobs.example.org"
    with time_machine.travel(NOW, tick=False):
        yield


def job_posting(client, url):
    response = client.get(url)
    assert response.status_code == 200
    blocks = JSON_LD.findall(response.content.decode())
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture
def seeded(db):
    call_command("seed_demo", force=True, stdout=io.StringIO())


def test_worcestershire_directorate_manager_job_posting(client, seeded):
    posting = job_posting(client, "/jobs/C9365-25-0249-2/")

    description = posting.pop("description")
    assert description.startswith(
        "<p>Worcestershire Acute Hospitals NHS Trust seeks an experienced Directorate Manager to enhance"
    )
    assert "\n<h2>Main duties of the job</h2>\n<p>The post holder will ensure that the Directorate" in description
    assert description.endswith("meets the changing needs of the population.</p>")
    assert posting == {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": "Directorate Manager",
        "identifier": {
            "@type": "PropertyValue", "name": "Worcestershire Acute Hospitals NHS Trust", "value": "C9365-25-0249-2",
        },
        "url": "https://jobs.example.org/jobs/C9365-25-0249-2/",
        "datePosted": "2026-01-27",
        "validThrough": "2026-02-16T23:59:00+00:00",
        "employmentType": ["FULL_TIME"],
        "hiringOrganization": {
            "@type": "Organization",
            "name": "Worcestershire Acute Hospitals NHS Trust",
            "sameAs": "https://www.worcsacute.nhs.uk/",
        },
        "jobLocation": [
            {
                "@type": "Place",
                "name": "Kidderminster General Hospital",
                "address": {
                    "@type": "PostalAddress", "streetAddress": "Bewdley Road", "addressLocality": "Kidderminster",
                    "addressRegion": "Worcestershire", "postalCode": "DY11 6RJ", "addressCountry": "GB",
                },
            },
            {
                "@type": "Place",
                "name": "The Alexandra Hospital",
                "address": {
                    "@type": "PostalAddress", "streetAddress": "Woodrow Drive", "addressLocality": "Redditch",
                    "addressRegion": "Worcestershire", "postalCode": "B98 7UB", "addressCountry": "GB",
                },
            },
            {
                "@type": "Place",
                "name": "Worcestershire Royal Hospital",
                "address": {
                    "@type": "PostalAddress", "streetAddress": "Charles Hastings Way", "addressLocality": "Worcester",
                    "addressRegion": "Worcestershire", "postalCode": "WR5 1DD", "addressCountry": "GB",
                },
            },
        ],
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "GBP",
            "value": {"@type": "QuantitativeValue", "minValue": 64455, "maxValue": 74896, "unitText": "YEAR"},
        },
    }


def test_lewisham_imaging_directorate_manager_job_posting(client, seeded):
    posting = job_posting(client, "/jobs/C9472-26-0031/")

    assert posting["@type"] == "JobPosting"
    assert posting["title"] == "Imaging Directorate Manager"
    assert posting["description"].startswith("<p>Are you a visionary imaging leader ready to drive innovation")
    assert "<h2>Main duties of the job</h2>" in posting["description"]
    assert posting["identifier"] == {
        "@type": "PropertyValue", "name": "Lewisham and Greenwich NHS Trust", "value": "C9472-26-0031",
    }
    assert posting["datePosted"] == "2026-01-26"
    assert posting["validThrough"] == "2026-02-09T23:59:00+00:00"
    assert posting["employmentType"] == ["FULL_TIME"]
    assert posting["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Lewisham and Greenwich NHS Trust",
        "sameAs": "https://www.lewishamandgreenwich.nhs.uk/",
    }
    assert posting["jobLocation"] == [
        {
            "@type": "Place",
            "name": "Queen Elizabeth Hospital",
            "address": {
                "@type": "PostalAddress", "streetAddress": "Stadium Road, Woolwich", "addressLocality": "London",
                "postalCode": "SE18 4QH", "addressCountry": "GB",
            },
        },
        {
            "@type": "Place",
            "name": "University Hospital Lewisham",
            "address": {
                "@type": "PostalAddress", "streetAddress": "Lewisham High Street", "addressLocality": "London",
                "postalCode": "SE13 6LH", "addressCountry": "GB",
            },
        },
    ]
    assert posting["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "GBP",
        "value": {"@type": "QuantitativeValue", "minValue": 76965, "maxValue": 88682, "unitText": "YEAR"},
    }
    # Every field job boards ask for is there, and nothing else.
    assert set(posting) == {
        "@context", "@type", "title", "description", "identifier", "url", "datePosted", "validThrough",
        "employmentType", "hiringOrganization", "jobLocation", "baseSalary",
    }


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"full_time": True}, ["FULL_TIME"]),
        ({"full_time": False, "part_time": True, "contract_type": "fixed_term", "contract_length": "12 months"},
         ["PART_TIME", "TEMPORARY"]),
        ({"full_time": True, "job_share": True, "contract_type": "secondment", "contract_length": "6 months"},
         ["FULL_TIME", "PART_TIME", "TEMPORARY"]),
        ({"full_time": False, "part_time": True, "contract_type": "bank"}, ["PART_TIME", "PER_DIEM"]),
        ({"full_time": False, "flexible_working": True, "home_or_hybrid": True}, ["OTHER"]),
    ],
)
def test_employment_type_comes_from_working_patterns_and_contract(client, db, fields, expected):
    vacancy = VacancyFactory(**fields)

    assert job_posting(client, vacancy.get_absolute_url())["employmentType"] == expected


def test_hourly_pay_is_an_hourly_range(client, db):
    vacancy = VacancyFactory(salary_from=Decimal("12.45"), salary_to=Decimal("13.90"), salary_period="hour")

    assert job_posting(client, vacancy.get_absolute_url())["baseSalary"]["value"] == {
        "@type": "QuantitativeValue", "minValue": 12.45, "maxValue": 13.9, "unitText": "HOUR",
    }


def test_salary_given_only_in_words_has_no_base_salary(client, db):
    vacancy = VacancyFactory(pay_scheme="other", band="", salary_from=None, salary_to=None,
                             salary_text="Depending on experience")

    assert "baseSalary" not in job_posting(client, vacancy.get_absolute_url())


def test_job_posting_cannot_break_out_of_its_script_element(client, db):
    trust = OrganisationFactory(name="Trust </script><script>alert('trust')</script>")
    hostile = "Nurse </script><script>alert(1)</script> <!-- & -->"
    vacancy = VacancyFactory(organisation=trust, title=hostile, job_summary="</SCRIPT><img src=x onerror=alert(2)>",
                             sites=[SiteFactory(organisation=trust, name="Ward </script>")])

    html = client.get(vacancy.get_absolute_url()).content.decode()
    head = html[: html.index("</head>")]
    posting = json.loads(JSON_LD.search(head).group(1))

    assert head.count("<script") == 3  # the two NHS.UK module scripts and the JSON-LD
    assert "</script><script>alert" not in head
    assert "</SCRIPT>" not in head and "<!--" not in head and "<img" not in head
    assert posting["title"] == hostile
    assert posting["hiringOrganization"]["name"] == trust.name
    assert posting["jobLocation"][0]["name"] == "Ward </script>"
    assert "&lt;/SCRIPT&gt;&lt;img src=x onerror=alert(2)&gt;" in posting["description"]


def test_closed_vacancy_page_has_no_job_posting(client, db):
    vacancy = VacancyFactory()
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.CLOSED)

    html = client.get(vacancy.get_absolute_url()).content.decode()

    assert "This vacancy has closed" in html
    assert "application/ld+json" not in html
