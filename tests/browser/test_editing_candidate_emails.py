"""As a recruiter, I reword my trust's "not shortlisted" e-mail: I make a
mistake in a placeholder and am told where, preview the corrected wording
with example details, and save it. Every page passes axe-core's WCAG 2.2 AA
rules."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from organisations.models import EmailTemplate
from tests.browser_support import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_as(page, live_server, user):
    """A signed-in session for the user, put in the browser as a cookie."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
          "url": live_server.url}]
    )


def test_recruiter_rewords_the_not_shortlisted_email_and_previews_it(page, live_server, recruiter, trust_a):
    sign_in_as(page, live_server, recruiter)

    page.goto(f"/manage/trusts/{trust_a.ods_code}/emails/")
    expect(page.locator("h1")).to_contain_text("Emails to candidates")
    assert_accessible(page)
    page.get_by_role("link", name="Not shortlisted").click()

    expect(page.locator("h1")).to_contain_text("Not shortlisted")
    expect(page.locator("#preview-email")).to_contain_text("Dear Alex Example,")
    assert_accessible(page)

    message = page.get_by_label("Message")
    message.fill("Dear ((candidate_nmae)),\n\nThank you for applying for ((vacancy_title)).")
    page.get_by_role("button", name="Save email").click()

    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Remove or correct ((candidate_nmae))")
    expect(page.get_by_label("Message")).to_have_value(
        "Dear ((candidate_nmae)),\n\nThank you for applying for ((vacancy_title))."
    )
    assert_accessible(page)

    page.get_by_label("Message").fill("Dear ((candidate_name)),\n\nThank you for applying for ((vacancy_title)).")
    page.get_by_label("Send this email").uncheck()
    page.get_by_role("button", name="Preview").click()

    expect(page.locator("#preview")).to_contain_text("Preview of your changes (not saved yet)")
    expect(page.locator("#preview-email")).to_contain_text("Thank you for applying for Staff Nurse, Acute Medicine.")
    assert not EmailTemplate.objects.exists()
    assert_accessible(page)

    page.get_by_role("button", name="Save email").click()

    expect(page.locator("#email-templates")).to_contain_text("Changed by your trust")
    expect(page.locator("#email-templates")).to_contain_text("Switched off")
    assert_accessible(page)
    template = EmailTemplate.objects.get(organisation=trust_a, key="shortlisting.not_shortlisted")
    assert (template.body, template.enabled) == (
        "Dear ((candidate_name)),\n\nThank you for applying for ((vacancy_title)).",
        False,
    )
