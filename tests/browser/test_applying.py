"""As a candidate, I can apply for a seed vacancy through every section, submit,
find the application on /applications/ and withdraw it; every page passes axe."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.models import User
from candidates.models import Application
from tests.browser_support import assert_accessible
from tests.factories import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFERENCE = "C9365-25-0249-2"  # Worcestershire: standard DBS check, the expanded guaranteed interview scheme


@pytest.fixture
def seeded(transactional_db):
    call_command("seed_demo", force=True, stdout=io.StringIO())


def sign_up_and_confirm(page, email):
    """Create an account as a new candidate would, and confirm the address with
    the link from the e-mail (read from the test e-mail backend)."""
    page.get_by_role("link", name="Create an account").first.click()
    assert_accessible(page)
    page.fill("#id_email", email)
    page.fill("#id_password1", DEMO_PASSWORD)
    page.fill("#id_password2", DEMO_PASSWORD)
    page.get_by_role("button", name="Create account").click()
    assert_accessible(page)
    (message,) = [m for m in mail.outbox if m.to == [email]]
    page.goto(re.search(r"https?://\S+", message.body).group(0))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm email address").click()


def fill_date(page, name, day):
    page.fill(f"#id_{name}_day", str(day.day))
    page.fill(f"#id_{name}_month", str(day.month))
    page.fill(f"#id_{name}_year", str(day.year))


def save_as_complete(page, button="Save and continue"):
    page.check("#id_section_complete")  # "Yes, I've completed this section"
    assert_accessible(page)
    page.get_by_role("button", name=button).click()


def open_task(page, name):
    page.get_by_role("link", name=name, exact=True).click()
    assert_accessible(page)


def test_candidate_applies_through_every_section_submits_and_withdraws(page, live_server, seeded, settings):
    # The confirmation e-mail's link is on SITE_URL: here, the test's server.
    settings.SITE_URL = live_server.url
    five_years_ago = datetime.date.today().replace(day=1) - datetime.timedelta(days=5 * 366)

    # The advert, then "Apply for this job": a new candidate is asked to sign
    # in, creates an account instead and confirms their address.
    page.goto(f"/jobs/{REFERENCE}/")
    assert_accessible(page)
    # The button is under the closing date, and again at the end of the advert.
    assert page.get_by_role("button", name="Apply for this job").count() == 2
    page.get_by_role("button", name="Apply for this job").first.click()
    assert_accessible(page)
    sign_up_and_confirm(page, "sian@example.org")
    User.objects.filter(email="sian@example.org").update(full_name="Siân Ó Dúnlaing-Nguyễn")
    page.goto(f"/jobs/{REFERENCE}/")
    page.get_by_role("button", name="Apply for this job").last.click()
    assert "Apply for Directorate Manager" in page.locator("h1").inner_text()
    assert_accessible(page)

    # Personal details: a mistake first, then put right.
    open_task(page, "Personal details")
    assert page.input_value("#id_first_name") == "Siân Ó"
    page.fill("#id_first_name", "Siân")
    page.fill("#id_last_name", "")
    page.fill("#id_phone", "07700 900982")
    page.fill("#id_address_line_1", "1 High Street")
    page.fill("#id_town", "Worcester")
    page.fill("#id_postcode", "wr1 2ab")
    save_as_complete(page)
    assert "Enter your last name" in page.locator(".nhsuk-error-summary").inner_text()
    assert_accessible(page)
    page.fill("#id_last_name", "Ó Dúnlaing-Nguyễn")
    page.get_by_role("button", name="Save and continue").click()

    open_task(page, "Right to work and sponsorship")
    page.check("#id_status")  # British or Irish citizen
    page.check("#id_needs_sponsorship-2")  # No
    save_as_complete(page)

    open_task(page, "Employment history")
    page.get_by_role("button", name="Add a job").click()
    assert_accessible(page)
    page.fill("#id_employer", "Worcestershire Royal Hospital")
    page.fill("#id_job_title", "Deputy Directorate Manager")
    fill_date(page, "started_on", five_years_ago)
    page.check("#id_is_current")
    page.get_by_role("button", name="Save job").click()
    assert "Deputy Directorate Manager, Worcestershire Royal Hospital" in page.locator("main").inner_text()
    save_as_complete(page)

    open_task(page, "Education and qualifications")
    page.get_by_role("button", name="Add a qualification").click()
    assert_accessible(page)
    page.fill("#id_title", "MSc Healthcare Management")
    page.fill("#id_institution", "University of Birmingham")
    page.fill("#id_year_awarded", "2014")
    page.get_by_role("button", name="Save qualification").click()
    save_as_complete(page)

    open_task(page, "Supporting information")
    assert "Senior management experience in an acute setting." in page.locator("main").inner_text()
    page.fill("#id_text", "I have run a surgical directorate of 400 staff & balanced its budget.")
    save_as_complete(page)

    open_task(page, "References")
    for name, email in [("Rhiannon Jones", "rhiannon@example.org"), ("Dafydd Evans", "dafydd@example.org")]:
        page.get_by_role("button", name="Add a referee" if name == "Rhiannon Jones" else "Add another referee").click()
        assert_accessible(page)
        page.fill("#id_name", name)
        page.fill("#id_job_title", "Divisional Director")
        page.fill("#id_organisation", "Worcestershire Acute Hospitals NHS Trust")
        page.fill("#id_email", email)
        page.fill("#id_phone", "01905 763333")
        page.fill("#id_relationship", "Line manager")
        fill_date(page, "known_from", five_years_ago)
        page.get_by_role("button", name="Save referee").click()
    save_as_complete(page)

    open_task(page, "Criminal record and relationships")
    page.check("#id_has_unspent_convictions-2")
    page.check("#id_has_unfiltered_spent_convictions-2")
    page.check("#id_is_related_to_staff-2")
    save_as_complete(page)

    open_task(page, "Adjustments for interview")
    page.check("#id_needs_adjustments")  # Yes
    page.fill("#id_details", "A room on the ground floor.")
    save_as_complete(page)

    open_task(page, "Guaranteed interview scheme")
    page.check("#id_requested")  # Yes
    page.check("#id_grounds")  # I consider myself to have a disability
    save_as_complete(page)

    open_task(page, "Equality monitoring")
    for name in ["age_band", "sex", "gender_same_as_birth", "sexual_orientation", "disability", "religion",
                 "marital_status", "pregnancy"]:
        page.check(f"input[name={name}][value=prefer_not_to_say]")
    page.select_option("#id_ethnicity", "Z")
    save_as_complete(page)

    assert "You have completed 9 of 9 sections." in page.locator("main").inner_text()
    assert_accessible(page)

    # Check your answers and submit.
    open_task(page, "Check your answers and submit")
    answers = page.locator("main").inner_text()
    assert "Siân Ó Dúnlaing-Nguyễn" in answers
    assert "I have run a surgical directorate of 400 staff & balanced its budget." in answers
    page.check("#id_confirm")
    page.get_by_role("button", name="Submit application").click()
    assert page.locator("h1").inner_text() == "Application submitted"
    assert_accessible(page)
    application = Application.objects.get(candidate__email="sian@example.org")
    assert (application.status, application.anonymous_code) == ("submitted", "A0001")
    assert page.locator("#application-reference").inner_text() == application.reference

    # The confirmation e-mail.
    assert mail.outbox[-1].to == ["sian@example.org"]
    assert f"Application reference: {application.reference}" in mail.outbox[-1].body

    # Your applications, then withdraw.
    page.get_by_role("link", name="See all your applications").click()
    assert_accessible(page)
    row = page.locator("#applications tbody tr").first
    assert "Directorate Manager" in row.inner_text() and "Submitted" in row.inner_text()
    row.get_by_role("link", name="Withdraw").click()
    assert_accessible(page)
    page.fill("#id_reason", "I have accepted another post.")
    page.get_by_role("button", name="Withdraw application").click()
    assert "You have withdrawn your application for Directorate Manager" in page.locator("main").inner_text()
    assert "Withdrawn" in page.locator("#applications tbody tr").first.inner_text()
    assert_accessible(page)
    assert Application.objects.get(pk=application.pk).status == "withdrawn"
