"""As an HR recruiter, I open the reports from my dashboard, read each one,
filter them without JavaScript getting in the way, and am told plainly when a
date I typed is wrong. Every report page passes axe-core's WCAG 2.2 AA rules."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from candidates.models import GuaranteedInterview
from organisations.models import Membership
from tests.browser_support import assert_accessible
from tests.factories import MembershipFactory, OrganisationFactory, VacancyFactory
from tests.reports.builders import applications, at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_as(page, live_server, user):
    """A signed-in session for the user, put in the browser as a cookie."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
          "url": live_server.url}]
    )


@pytest.fixture
def reported(transactional_db):
    trust = OrganisationFactory(name="Worcestershire Acute Hospitals NHS Trust")
    recruiter = MembershipFactory(organisation=trust, role=Membership.Role.RECRUITER, user__full_name="Rita R").user
    vacancy = VacancyFactory(organisation=trust, title="Staff Nurse", directorate="Surgery", closing_at=at(2025, 6, 1),
                             offers_disability_confident=True)
    applications(vacancy, 14, created_at=at(2025, 5, 1), equality={"sex": "female", "ethnicity": "A"},
                 shortlisted_at=at(2025, 6, 5))
    applications(vacancy, 3, created_at=at(2025, 5, 1), equality={"sex": "male", "ethnicity": "H"},
                 shortlisted_at=at(2025, 6, 5), invited_at=at(2025, 6, 8), preferred_at=at(2025, 6, 20),
                 offered_at=at(2025, 6, 21), checks_cleared_at=at(2025, 7, 10),
                 unconditional_offered_at=at(2025, 7, 12), appointed_at=at(2025, 7, 13))
    [asked] = applications(vacancy, 1, created_at=at(2025, 5, 2), shortlisted_at=at(2025, 6, 5))
    GuaranteedInterview.objects.create(application=asked, requested=True, scheme="disability_confident")
    return recruiter


def test_recruiter_reads_every_report_and_corrects_a_wrong_date(page, live_server, reported):
    sign_in_as(page, live_server, reported)
    page.goto("/manage/")
    page.get_by_role("link", name=re.compile("^Reports")).click()
    expect(page.locator("h1")).to_have_text("Reports")
    assert_accessible(page)

    year = {"date_from": ("1", "4", "2025"), "date_to": ("31", "3", "2026")}
    for link, heading in [
        ("Time to hire", "Time to hire"),
        ("Recruitment funnel", "Recruitment funnel"),
        ("Equality", "Equality"),
    ]:
        page.goto("/manage/reports/")
        page.get_by_role("link", name=link, exact=True).click()
        expect(page.locator("h1")).to_have_text(heading)
        page.locator("summary", has_text="Filter the report").click()
        for field, (day, month, year_) in year.items():
            page.locator(f"#id_{field}_day").fill(day)
            page.locator(f"#id_{field}_month").fill(month)
            page.locator(f"#id_{field}_year").fill(year_)
        page.get_by_role("button", name="Apply filters").click()
        expect(page.locator("#report-scope")).to_contain_text("1 April 2025 to 31 March 2026")
        expect(page.locator("svg[role=img]").first).to_be_visible()
        assert_accessible(page)

    # The time to hire of the three hires, and the funnel's stages in a table beside the chart.
    page.goto("/manage/reports/time-to-hire/?date_from_day=1&date_from_month=4&date_from_year=2025")
    expect(page.locator("#headline-count")).to_have_text("3")

    page.goto("/manage/reports/wres-wdes/?year=2025")
    expect(page.locator("h1")).to_have_text("WRES indicator 2 and WDES metric 2")
    expect(page.locator("#wres-figure")).to_contain_text("not published")
    assert_accessible(page)

    page.goto("/manage/reports/guaranteed-interviews/?year=2025")
    expect(page.locator("#audit-table")).to_contain_text("Disability Confident")
    assert_accessible(page)

    # A date that does not exist: the error summary and the message beside the field.
    page.goto("/manage/reports/funnel/")
    page.locator("summary", has_text="Filter the report").click()
    page.locator("#id_date_from_day").fill("31")
    page.locator("#id_date_from_month").fill("2")
    page.locator("#id_date_from_year").fill("2025")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter a real date")
    expect(page.locator("#id_date_from_day")).to_have_value("31")
    assert_accessible(page)
