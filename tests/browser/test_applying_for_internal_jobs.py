"""As a member of a trust's staff, I read an internal advert, see that it may
close early at its cap, and start an application; a candidate from outside
the trust finds no such page. Every page passes axe-core's WCAG 2.2 AA rules."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from candidates.models import Application
from organisations.models import Membership
from tests.browser_support import assert_accessible
from tests.factories import CriterionFactory, MembershipFactory, OrganisationFactory, UserFactory, VacancyFactory
from vacancies.models import AdvertisingScope

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
def internal_job(transactional_db):
    trust = OrganisationFactory(name="Worcestershire Acute Hospitals NHS Trust")
    vacancy = VacancyFactory(
        organisation=trust, reference="C1000-26-0201", title="Ward Sister – Internal Secondment",
        advertising_scope=AdvertisingScope.INTERNAL, may_close_early=True, application_cap=30,
    )
    CriterionFactory(vacancy=vacancy, text="Registered nurse with the NMC")
    staff = MembershipFactory(
        organisation=trust, role=Membership.Role.HIRING_MANAGER, user__full_name="Sam Staff"
    ).user
    return vacancy, staff


def test_staff_member_reads_an_internal_advert_that_may_close_early_and_starts_an_application(
    page, live_server, internal_job
):
    vacancy, staff = internal_job
    sign_in_as(page, live_server, staff)

    page.goto(vacancy.get_absolute_url())
    expect(page.locator("h1")).to_contain_text("Ward Sister – Internal Secondment")
    expect(page.locator("#may-close-early")).to_have_text(
        "Information: This vacancy may close early when it has 30 applications. Apply as soon as you can."
    )
    assert_accessible(page)

    page.get_by_role("button", name="Apply for this job").first.click()
    expect(page.locator("h1")).to_contain_text("Apply for Ward Sister – Internal Secondment")
    assert "This vacancy may close early when it has 30 applications." in page.locator("main").inner_text()
    assert_accessible(page)
    application = Application.objects.get()
    assert (application.candidate, application.vacancy, application.status) == (staff, vacancy, "draft")


def test_candidate_from_outside_the_trust_finds_no_internal_advert(page, live_server, internal_job):
    vacancy, _staff = internal_job
    sign_in_as(page, live_server, UserFactory(full_name="Olive Outsider"))

    response = page.goto(vacancy.get_absolute_url())

    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    assert_accessible(page)
