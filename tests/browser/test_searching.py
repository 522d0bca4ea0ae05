"""As a candidate, I can search for a job from the home page, narrow the
results by band and place, and open an advert: every page accessible."""

import io
import json
import re

import pytest
from django.core.management import call_command

from tests.browser_support import assert_accessible
from tests.factories import OrganisationFactory, SiteFactory, VacancyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(transactional_db):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    # Another manager's job, in a band and a place the candidate will filter out.
    trust = OrganisationFactory(name="Herefordshire Community NHS Trust", ods_code="R1A", employer_code="C7001")
    VacancyFactory(organisation=trust, reference="C7001-26-0001", title="Estates Manager", band="7",
                   sites=[SiteFactory(organisation=trust, name="Hereford County Hospital", town="Hereford",
                                      postcode="HR1 2ER")])


def test_candidate_searches_filters_by_band_and_location_and_opens_a_result(page, seeded):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Find a job in the NHS"
    assert_accessible(page)

    page.get_by_label("What").fill("manager")
    page.get_by_role("button", name="Search", exact=True).click()

    page.wait_for_url(re.compile(r"/jobs/\?keywords=manager"))
    assert page.locator("#result-count").inner_text() == "3 jobs found"
    assert page.get_by_role("link", name="Find a job").get_attribute("aria-current") == "page"
    assert_accessible(page)

    page.locator("summary", has_text=re.compile(r"^\s*Band\s*$")).click()
    page.get_by_label("Band 8b").check()
    page.get_by_label("Band 8c").check()
    page.get_by_label("Where").fill("WR5")
    page.get_by_role("button", name="Apply filters").click()

    page.wait_for_url(re.compile(r"band=8b"))
    assert re.search(r"[?&]band=8b&band=8c", page.url) and "location=WR5" in page.url
    assert page.locator("#result-count").inner_text() == "1 job found"
    results = page.locator("main ul.nhsuk-list--border > li h3 a")
    assert results.all_inner_texts() == ["Directorate Manager"]
    # The filters the candidate chose are still chosen, so the page can be bookmarked.
    assert page.get_by_label("Band 8b").is_checked() and page.get_by_label("Band 8c").is_checked()
    assert page.get_by_label("Where").input_value() == "WR5"
    assert_accessible(page)

    results.first.click()

    page.wait_for_url("**/jobs/C9365-25-0249-2/")
    assert page.locator("h1").inner_text().endswith("Directorate Manager")
    posting = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert posting["@type"] == "JobPosting" and posting["identifier"]["value"] == "C9365-25-0249-2"
    # The JSON-LD is a data block, not a script: the Content-Security-Policy lets
    # it be, and assert_accessible fails on any policy violation the page reports.
    assert_accessible(page)
