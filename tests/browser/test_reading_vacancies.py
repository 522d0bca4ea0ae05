"""As a candidate, I can read a trust's advert in full, in an accessible page."""

import io

import pytest
from django.core.management import call_command

from tests.browser_support import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(transactional_db):
    call_command("seed_demo", force=True, stdout=io.StringIO())


def test_candidate_can_read_the_worcestershire_directorate_manager_advert(page, seeded):
    page.goto("/jobs/C9365-25-0249-2/")

    assert page.locator("h1").inner_text().endswith("Directorate Manager")
    assert "Worcestershire Acute Hospitals NHS Trust" in page.locator("h1").inner_text()
    details = page.locator("dl.nhsuk-summary-list").first
    assert "Band 8b" in details.inner_text()
    assert "£64,455 to £74,896 a year" in details.inner_text()
    locations = page.locator("#job-locations + ul").inner_text()
    for postcode in ["WR5 1DD", "B98 7UB", "DY11 6RJ"]:
        assert postcode in locations
    spec = "\n".join(page.locator("table.nhsuk-table").all_inner_texts())
    assert "Senior management experience in an acute setting." in spec
    assert "Experience and knowledge of National Peer Review." in spec
    assert page.get_by_role("link", name="Skip to main content").count() == 1
    assert_accessible(page)


def test_candidate_can_read_the_lewisham_and_greenwich_imaging_advert(page, seeded):
    vacancy = _lewisham()
    page.goto(vacancy.get_absolute_url())

    heading = page.locator("h1").inner_text()
    assert "Lewisham and Greenwich NHS Trust" in heading
    text = page.locator("main").inner_text()
    # seed_demo moves the advert's dates forward by whole weeks so it is open today.
    interview = vacancy.interview_date
    assert f"Interview date\t{interview.day} {interview:%B %Y}" in text
    assert "Queen Elizabeth Hospital" in text and "University Hospital Lewisham" in text
    assert "Significant experience in clinical service management" in text
    assert_accessible(page)


def test_reader_sees_a_styled_page_not_found_for_an_unknown_vacancy(page, seeded):
    response = page.goto("/jobs/C0000-25-0000/")

    assert response.status == 404
    assert "Page not found" in page.locator("h1").inner_text()
    assert_accessible(page)


def _lewisham():
    from vacancies.models import Vacancy

    return Vacancy.objects.get(organisation__ods_code="RJ2")
