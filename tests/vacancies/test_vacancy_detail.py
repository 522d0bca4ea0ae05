"""The public vacancy page at /jobs/<reference>/."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from tests.factories import CriterionFactory, OrganisationFactory, SiteFactory, VacancyFactory
from vacancies.models import Criterion, ResponsibilitySection, Vacancy

NOW = datetime.datetime(2026, 1, 5, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def vacancy(db):
    trust = OrganisationFactory(name="Worcestershire Acute Hospitals NHS Trust", employer_code="C9365")
    sites = [
        SiteFactory(organisation=trust, name="The Alexandra Hospital", address_line_1="Woodrow Drive",
                    town="Redditch", county="Worcestershire", postcode="B98 7UB"),
        SiteFactory(organisation=trust, name="Kidderminster General Hospital", address_line_1="Bewdley Road",
                    town="Kidderminster", county="Worcestershire", postcode="DY11 6RJ"),
    ]
    vacancy = VacancyFactory(
        organisation=trust, reference="C9365-25-0249-2", title="Directorate Manager", band="8b",
        salary_from=Decimal("64455"), salary_to=Decimal("74896"), sites=sites, flexible_working=True,
        closing_at=datetime.datetime(2026, 1, 19, 23, 59, tzinfo=datetime.UTC),
        main_duties="The post holder will:\n* lead the directorate\n* balance the budget",
    )
    CriterionFactory(vacancy=vacancy, category=Criterion.Category.QUALIFICATIONS, text="First degree", order=1)
    CriterionFactory(vacancy=vacancy, category=Criterion.Category.QUALIFICATIONS, text="Ophthalmology experience",
                     is_essential=False, order=2)
    CriterionFactory(vacancy=vacancy, category=Criterion.Category.SKILLS_KNOWLEDGE, heading="Working with others",
                     text="Builds partnerships", order=3, assessed_at_interview=True)
    ResponsibilitySection.objects.create(vacancy=vacancy, heading="Financial Management", body="* Balance I&E", order=1)
    return vacancy


@time_machine.travel(NOW, tick=False)
def test_vacancy_page_shows_the_advert(client, vacancy):
    response = client.get("/jobs/C9365-25-0249-2/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Directorate Manager" in html
    assert "Band 8b" in html
    assert "£64,455 to £74,896 a year" in html
    assert "Full time, Flexible working" in html
    assert "Woodrow Drive" in html and "B98 7UB" in html and "DY11 6RJ" in html
    assert '<ul class="nhsuk-list nhsuk-list--bullet"><li>lead the directorate</li><li>balance the budget</li></ul>' in html
    assert "Financial Management" in html and "Balance I&amp;E" in html
    assert "19 January 2026" in html


@time_machine.travel(NOW, tick=False)
def test_vacancy_page_groups_person_specification_by_heading(client, vacancy):
    response = client.get("/jobs/C9365-25-0249-2/")

    groups = response.context["criteria_groups"]
    assert [(g["title"], [c.text for c in g["essential"]], [c.text for c in g["desirable"]]) for g in groups] == [
        ("Qualifications", ["First degree"], ["Ophthalmology experience"]),
        ("Working with others", ["Builds partnerships"], []),
    ]
    html = response.content.decode()
    assert "Application, Interview" in html


@pytest.mark.parametrize(
    "status", [Vacancy.Status.DRAFT, Vacancy.Status.AWAITING_APPROVAL, Vacancy.Status.APPROVED, Vacancy.Status.WITHDRAWN]
)
def test_vacancy_page_is_not_found_until_published(client, vacancy, status):
    Vacancy.objects.filter(pk=vacancy.pk).update(status=status)

    response = client.get("/jobs/C9365-25-0249-2/")

    assert response.status_code == 404
    assert "Directorate Manager" not in response.content.decode()


@time_machine.travel(datetime.datetime(2026, 1, 20, tzinfo=datetime.UTC), tick=False)
def test_closed_vacancy_page_stays_readable_with_a_closed_notice(client, vacancy):
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.CLOSED)

    response = client.get("/jobs/C9365-25-0249-2/")

    assert response.status_code == 200
    assert "This vacancy has closed" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_vacancy_page_escapes_advert_text(client, vacancy):
    Vacancy.objects.filter(pk=vacancy.pk).update(job_summary="<script>alert(1)</script>")

    html = client.get("/jobs/C9365-25-0249-2/").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_vacancy_page_query_count_does_not_grow_with_criteria(client, vacancy, django_assert_max_num_queries):
    for order in range(10, 60):
        CriterionFactory(vacancy=vacancy, order=order)

    with django_assert_max_num_queries(6):
        client.get("/jobs/C9365-25-0249-2/")


def test_unknown_reference_is_not_found(client, db):
    assert client.get("/jobs/C0000-25-0000/").status_code == 404
