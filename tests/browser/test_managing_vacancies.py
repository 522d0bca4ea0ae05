"""As an HR recruiter, I write a vacancy in /manage/ and send it for approval;
a second recruiter approves and publishes it; candidates can then read it.
Every page on the way passes axe-core's WCAG 2.2 AA rules."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser_support import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECRUITER = "recruiter@example.org"  # Rachel Evans, Worcestershire
APPROVER = "approver@example.org"  # Amir Shah, Worcestershire
DEMO_PASSWORD = "nhs-demo-password-2026"  # seed_demo's default

CRITERIA = [
    ("Qualifications", "NVQ level 2 in health and social care, or equivalent", "Essential"),
    ("Experience", "Experience of caring for patients in a hospital", "Essential"),
    ("Personal qualities", "Kind and patient with people who are unwell", "Essential"),
    ("Experience", "Experience on a surgical ward", "Desirable"),
    ("Skills and knowledge", "Care Certificate", "Desirable"),
]


@pytest.fixture
def seeded(transactional_db):
    call_command("seed_demo", force=True, stdout=io.StringIO())


def sign_in(page, live_server, email):
    """Sign in as a demo user through the real sign-in page, as a person would."""
    page.context.clear_cookies()
    page.goto("/accounts/login/?next=/manage/")
    assert_accessible(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/manage/$"))


def save_and_continue(page):
    page.get_by_role("button", name="Save and continue").click()


def test_recruiter_creates_a_vacancy_and_a_second_recruiter_approves_and_publishes_it(page, live_server, seeded):
    closing = timezone.localdate() + datetime.timedelta(days=21)

    # The demo recruiter starts from their dashboard.
    sign_in(page, live_server, RECRUITER)
    page.goto("/manage/")
    expect(page.locator("h1")).to_have_text("Your vacancies")
    assert_accessible(page)
    page.get_by_role("button", name="Create a vacancy").click()

    # 1. Job details: saving it creates the draft.
    expect(page.locator("h1")).to_contain_text("Job details")
    assert_accessible(page)
    page.get_by_label("Job title").fill("Healthcare Assistant")
    page.get_by_label("Directorate or specialty (optional)").fill("Surgery")
    page.get_by_label("Additional clinical services").check()
    page.get_by_label("Hiring manager (optional)").select_option(label="Helen Marsh (hiring.manager@example.org)")
    save_and_continue(page)

    # 2. Pay and contract, first with a mistake.
    expect(page.locator("h1")).to_contain_text("Pay and contract")
    reference = re.search(r"/manage/vacancies/([^/]+)/pay/", page.url).group(1)
    assert_accessible(page)
    page.get_by_label("Agenda for Change", exact=True).check()
    page.get_by_label("Agenda for Change band").select_option("3")
    page.get_by_label("Salary from").fill("26,598")
    page.get_by_label("Salary to").fill("24,937")
    page.get_by_label("A year", exact=True).check()
    page.get_by_label("Permanent").check()
    page.get_by_label("Full time").check()
    page.get_by_label("Hours per week (optional)").fill("37.5")
    save_and_continue(page)
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Salary from must be less than or equal to salary to")
    expect(page.get_by_label("Hours per week (optional)")).to_have_value("37.5")
    assert_accessible(page)
    page.get_by_label("Salary from").fill("24,937")
    page.get_by_label("Salary to").fill("26,598")
    save_and_continue(page)

    # 3. Two of the trust's sites.
    expect(page.locator("h1")).to_contain_text("Job locations")
    assert_accessible(page)
    page.get_by_label(re.compile(r"^Worcestershire Royal Hospital")).check()
    page.get_by_label(re.compile(r"^The Alexandra Hospital")).check()
    save_and_continue(page)

    # 4. The advert's text.
    expect(page.locator("h1")).to_contain_text("Job description")
    assert_accessible(page)
    page.get_by_label("Job summary").fill("Join our surgical wards as a healthcare assistant.")
    # Each text has a limit, counted down as the recruiter types (NHS.UK character count).
    summary_count = page.locator(".nhsuk-character-count", has=page.locator("#id_job_summary"))
    expect(summary_count.locator(".nhsuk-character-count__status")).to_have_text(
        re.compile(r"You have 1,?950 characters remaining")
    )
    page.get_by_label("Main duties of the job").fill("* Help patients wash and dress\n* Take observations")
    save_and_continue(page)

    # 5. No detailed responsibilities this time.
    expect(page.locator("h1")).to_contain_text("Responsibilities")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    # 6. The person specification: it cannot be empty.
    expect(page.locator("h1")).to_contain_text("Person specification")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Add at least one essential criterion")
    assert_accessible(page)
    for index, (category, text, importance) in enumerate(CRITERIA):
        page.get_by_role("link", name="Add a criterion").click()
        expect(page.locator("h1")).to_contain_text("Add a criterion")
        if index == 0:
            assert_accessible(page)
        page.get_by_label(category, exact=True).check()
        page.get_by_label("Criterion", exact=True).fill(text)
        page.get_by_label(importance, exact=True).check()
        page.get_by_label("Application", exact=True).check()
        page.get_by_role("button", name="Save criterion").click()
        expect(page.locator("main")).to_contain_text(text)
    expect(page.locator("#criteria-count")).to_have_text("3 essential criteria, 2 desirable criteria")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    # 7. Recruitment options.
    expect(page.locator("h1")).to_contain_text("Recruitment options")
    assert_accessible(page)
    page.locator("#id_closing_date_day").fill(str(closing.day))
    page.locator("#id_closing_date_month").fill(str(closing.month))
    page.locator("#id_closing_date_year").fill(str(closing.year))
    page.get_by_label("Closing time").fill("23:59")
    page.get_by_label("Enhanced DBS check", exact=True).check()
    page.get_by_label("Disability Confident").check()
    page.get_by_label("Name (optional)").fill("Helen Marsh")
    page.get_by_label("Email address (optional)").fill("hiring.manager@example.org")
    save_and_continue(page)

    # Check the answers, then send it for approval.
    expect(page.locator("h1")).to_contain_text("Check the vacancy before sending it for approval")
    expect(page.locator("#check-locations")).to_contain_text("Worcestershire Royal Hospital")
    expect(page.locator("#check-locations")).to_contain_text("The Alexandra Hospital")
    expect(page.locator("#check-pay")).to_contain_text("£24,937 to £26,598 a year")
    assert_accessible(page)
    page.get_by_role("button", name="Send for approval").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        f"Healthcare Assistant ({reference}) has been sent for approval"
    )
    expect(page.locator("h1 + p .nhsuk-tag")).to_have_text("Awaiting approval")
    assert page.get_by_role("button", name="Approve").count() == 0  # not for the one who wrote it
    assert_accessible(page)

    # A second recruiter finds it waiting for their approval.
    sign_in(page, live_server, APPROVER)
    page.goto("/manage/")
    waiting = page.locator("#awaiting-approval-table")
    expect(waiting).to_contain_text(reference)
    assert_accessible(page)
    waiting.get_by_role("link", name="Healthcare Assistant").click()
    assert_accessible(page)
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("h1")).to_contain_text("Approve the vacancy")
    assert_accessible(page)
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("has been approved")

    # …and publishes it now.
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("h1")).to_contain_text("Publish the vacancy")
    assert_accessible(page)
    page.get_by_label("Now", exact=True).check()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        f"Healthcare Assistant ({reference}) has been published"
    )
    expect(page.locator("#history-table")).to_contain_text("Amir Shah")
    expect(page.locator("#history-table")).to_contain_text("Rachel Evans")
    assert_accessible(page)

    # Candidates can read it on its public page.
    page.context.clear_cookies()
    page.goto(f"/jobs/{reference}/")
    expect(page.locator("h1")).to_contain_text("Healthcare Assistant")
    main = page.locator("main")
    for _category, text, _importance in CRITERIA:
        expect(main).to_contain_text(text)
    expect(page.locator("#job-locations + ul")).to_contain_text("WR5 1DD")
    expect(page.locator("#job-locations + ul")).to_contain_text("B98 7UB")
    expect(main).to_contain_text("£24,937 to £26,598 a year")
    assert_accessible(page)


def test_recruiter_finds_every_other_vacancy_page_accessible(page, live_server, seeded):
    """The pages the journey above does not pass through, each checked by axe:
    the builders with content, removing, a new site, each lifecycle page (one
    with its error summary showing), and the preview."""
    from vacancies import services
    from vacancies.models import Vacancy

    published = Vacancy.objects.get(reference="C9365-25-0249-2")
    draft = services.clone_vacancy(vacancy_id=published.pk, actor=published.created_by, readvert=True)
    criterion = draft.criteria.order_by("order")[1]
    section = draft.responsibility_sections.order_by("order")[1]
    sign_in(page, live_server, RECRUITER)

    for path in [
        f"/manage/vacancies/{draft.reference}/",
        f"/manage/vacancies/{draft.reference}/details/",
        f"/manage/vacancies/{draft.reference}/responsibilities/",
        f"/manage/vacancies/{draft.reference}/responsibilities/{section.pk}/",
        f"/manage/vacancies/{draft.reference}/responsibilities/{section.pk}/remove/",
        f"/manage/vacancies/{draft.reference}/person-specification/",
        f"/manage/vacancies/{draft.reference}/person-specification/{criterion.pk}/",
        f"/manage/vacancies/{draft.reference}/person-specification/{criterion.pk}/remove/",
        f"/manage/vacancies/{draft.reference}/locations/new-site/",
        f"/manage/vacancies/{draft.reference}/check/",
        f"/manage/vacancies/{draft.reference}/send-for-approval/",
        f"/manage/vacancies/{draft.reference}/preview/",
        f"/manage/vacancies/{published.reference}/",
        f"/manage/vacancies/{published.reference}/close/",
        f"/manage/vacancies/{published.reference}/advertise-again/",
        f"/manage/vacancies/{published.reference}/copy/",
        f"/manage/vacancies/{published.reference}/reopen/",  # refused: it is not closed
        f"/manage/vacancies/{published.reference}/withdraw/",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)

    # A refusal in the error summary, and the page for a date and time.
    page.get_by_role("button", name="Withdraw vacancy").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter why you are withdrawing the vacancy")
    assert_accessible(page)
    page.goto(f"/manage/vacancies/{published.reference}/close/")
    page.get_by_role("button", name="Close vacancy").click()
    page.get_by_role("button", name="Reopen").click()
    expect(page.locator("h1")).to_contain_text("Reopen the vacancy")
    page.get_by_role("button", name="Reopen vacancy").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the new closing date")
    assert_accessible(page)


def test_recruiter_changes_a_live_advert_and_a_second_recruiter_approves_the_new_pay(page, live_server, seeded):
    """A typo corrected and the closing date moved later at once; new pay sent
    for approval, refused first for a mistake, then approved by another recruiter."""
    from vacancies.models import Vacancy

    live = Vacancy.objects.get(reference="C9365-25-0249-2")
    later = timezone.localtime(live.closing_at).date() + datetime.timedelta(days=7)
    sign_in(page, live_server, RECRUITER)

    page.goto(f"/manage/vacancies/{live.reference}/")
    assert_accessible(page)
    page.get_by_role("link", name="Change the live advert").click()
    expect(page.locator("h1")).to_contain_text("Change the live advert")
    expect(page.locator("main")).to_contain_text("the person specification and the applicant requirements cannot change")
    assert_accessible(page)

    # A typo, corrected at once.
    page.get_by_role("link", name="Correct the job description").click()
    assert_accessible(page)
    page.get_by_label("Job summary").fill(live.job_summary + " Come and see us.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("The live advert has been changed")

    # The closing date: earlier is refused beside the field, later is taken.
    page.get_by_role("link", name="Move the closing date later").click()
    assert_accessible(page)
    earlier = timezone.localdate()
    page.get_by_label("Day").fill(str(earlier.day))
    page.get_by_label("Month").fill(str(earlier.month))
    page.get_by_label("Year").fill(str(earlier.year))
    page.get_by_label("New closing time").fill("23:59")
    page.get_by_role("button", name="Move the closing date").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Day").fill(str(later.day))
    page.get_by_label("Month").fill(str(later.month))
    page.get_by_label("Year").fill(str(later.year))
    page.get_by_role("button", name="Move the closing date").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("The live advert has been changed")

    # New pay: a mistake first, then sent for approval.
    page.get_by_role("link", name="Propose a change to pay and contract").click()
    assert_accessible(page)
    page.get_by_label("Salary from").fill("80,000")
    page.get_by_label("Salary to").fill("70,000")
    page.get_by_role("button", name="Send for approval").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Salary from must be less than or equal to salary to")
    assert_accessible(page)
    page.get_by_label("Salary from").fill("65,000")
    page.get_by_label("Salary to").fill("74,896")
    page.get_by_role("button", name="Send for approval").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("sent for approval")
    expect(page.locator("#proposed-change")).to_contain_text("65000")
    assert page.get_by_role("button", name="Approve the change").count() == 0  # not for the one who proposed it
    assert_accessible(page)

    # A second recruiter approves it; the advert changes.
    sign_in(page, live_server, APPROVER)
    page.goto(f"/manage/vacancies/{live.reference}/change/")
    page.get_by_role("button", name="Approve the change").click()
    expect(page.locator("h1")).to_contain_text("Approve the change to pay and contract")
    assert_accessible(page)
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("approved")

    page.goto(f"/manage/vacancies/{live.reference}/")
    history = page.locator("#history-table")
    expect(history).to_contain_text("Salary from: from 64455 to 65000")
    expect(history).to_contain_text("Closing time: from")
    assert_accessible(page)
    page.goto(f"/jobs/{live.reference}/")
    expect(page.locator("main")).to_contain_text("£65,000 to £74,896 a year")
    expect(page.locator("main")).to_contain_text("Come and see us.")
    assert_accessible(page)

    # The other pages for a live advert.
    for path in ["change/contact/", "change/locations/", "locations/new-site/", "change/pay/"]:
        response = page.goto(f"/manage/vacancies/{live.reference}/{path}")
        assert response.status == 200, path
        assert_accessible(page)
